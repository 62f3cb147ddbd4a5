using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sfera.Auth;
using Sfera.Classes;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Moderation;
using Sfera.Operator;
using Sfera.People;
using Sfera.Schools;

namespace Sfera.Roster;

/// <summary>One person of the sheet. Invited: the phone or e-mail belongs to an account this school does not manage;
/// its owner was invited (no login or code is shown, and the name is the one the file gave).</summary>
public sealed record RosterPersonResponse(string DisplayName, Role Role, string? Login, string? ActivationCode, List<string> Children, bool Invited = false);
/// <summary>One printable sheet: a class (or, with no class, the school's staff).</summary>
public sealed record RosterSheetResponse(string? ClassName, List<RosterPersonResponse> People);
public sealed record RosterImportResponse(int Created, string ActivationUrl, List<RosterSheetResponse> Sheets, int Invited = 0);

public static class RosterApi
{
    private const int MaxBytes = 2 * 1024 * 1024;

    public static void MapRoster(this IEndpointRouteBuilder routes) =>
        routes.MapSchoolGroup("Roster").MapPost("/roster-import", Import).Accepts<string>("text/csv").WithSummary("Imports a CSV roster all or nothing; existing accounts of other schools are invited, not taken in.");

    /// <summary>All or nothing: if any row is invalid, every invalid row is reported with its line and field and nothing is imported.</summary>
    private static async Task<Results<Ok<RosterImportResponse>, ValidationProblem, ProblemHttpResult>> Import(
        SchoolMember member, HttpRequest request, SferaDb db, UserManager<Account> users, IMailSender mail, TimeProvider clock)
    {
        if (!member.IsAdmin) return Problems.Forbidden();
        if (request.ContentLength > MaxBytes) return Problems.Field("file", "too_long");
        using var reader = new StreamReader(request.Body);
        var buffer = new char[MaxBytes + 1];
        var length = await reader.ReadBlockAsync(buffer);
        if (length > MaxBytes) return Problems.Field("file", "too_long");
        var text = new string(buffer, 0, length);
        if (string.IsNullOrWhiteSpace(text)) return Problems.Field("file", "csv_empty");

        var (rows, errors) = RosterCsv.Parse(text);
        var plan = await RosterPlan.CheckAsync(rows, errors, member.SchoolId, db);
        if (errors.Count > 0)
        {
            var byField = errors.OrderBy(e => e.Line).GroupBy(e => $"rows[{e.Line}].{e.Field}")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            return Problems.Validation(byField, new Dictionary<string, object?>
            {
                ["rowErrors"] = errors.OrderBy(e => e.Line).ToList(),
            });
        }

        await using var tx = await db.Database.BeginTransactionAsync();
        var now = clock.GetUtcNow();
        var year = SchoolYear.Current(clock);
        var classes = await db.Classes.Where(c => c.SchoolId == member.SchoolId && c.SchoolYear == year).ToDictionaryAsync(c => c.Name);
        SchoolClass ClassFor(string name)
        {
            if (classes.TryGetValue(name, out var found)) return found;
            var created = new SchoolClass { Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, Name = name, SchoolYear = year, CreatedAt = now };
            db.Classes.Add(created);
            return classes[name] = created;
        }

        // Accounts first, each saved on its own; then the whole roster in one save, so the school's chats are
        // reconciled once (RosterSyncInterceptor) rather than once per person.
        var accounts = new Dictionary<RosterRow, Account>();
        foreach (var row in rows)
            accounts[row] = plan.Existing.GetValueOrDefault(row) ?? plan.Invited.GetValueOrDefault(row)
                ?? await Accounts.CreateAsync(users, clock, row.Name, null, row.Phone, row.Email, createdBySchoolId: member.SchoolId);

        var people = new List<(string? ClassName, RosterPersonResponse Person)>();
        var invitations = new List<SchoolInvitation>();
        foreach (var row in rows.OrderBy(r => r.Role == Role.Parent))
        {
            var account = accounts[row];
            var schoolClass = row.ClassName.Length > 0 && row.Role is Role.Student or Role.Teacher ? ClassFor(row.ClassName) : null;
            var children = plan.Children.GetValueOrDefault(row) ?? [];
            // A parent's sheet is their first child's class, so the class teacher can hand it over.
            var sheet = row.Role == Role.Parent ? children[0].ClassName : row.Role is Role.Student or Role.Teacher && row.ClassName.Length > 0 ? row.ClassName : null;
            if (plan.Invited.ContainsKey(row))
            {
                // Someone else's account: its owner decides. Classes it would lead are left for the administrator.
                invitations.Add(await SchoolInvitations.OfferAsync(db, member.SchoolId, account.Id, row.Role, row.Role == Role.Student ? schoolClass!.Id : null,
                    children.Select(c => accounts[c].Id).ToList(), row.Name, row.Phone, row.Email, member.AccountId, clock));
                people.Add((sheet, new RosterPersonResponse(row.Name, row.Role, null, null, children.Select(c => c.Name).ToList(), Invited: true)));
                continue;
            }
            if (row.Role == Role.Teacher && schoolClass is not null) schoolClass.ClassTeacherId = account.Id;
            db.Memberships.Add(new Membership
            {
                Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, AccountId = account.Id, Role = row.Role,
                Status = MembershipStatus.Confirmed, ClassId = row.Role == Role.Student ? schoolClass!.Id : null,
                CreatedAt = now, DecidedAt = now, DecidedBy = member.AccountId,
            });
            foreach (var child in children)
                db.GuardianLinks.Add(new GuardianLink
                {
                    Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, GuardianId = account.Id, ChildId = accounts[child].Id,
                    Status = GuardianStatus.Confirmed, CreatedAt = now,
                });
            var code = await users.HasPasswordAsync(account) ? null : await ActivationCodes.IssueAsync(db, account.Id, clock);
            people.Add((sheet, new RosterPersonResponse(account.DisplayName, row.Role, account.UserName!, code, children.Select(c => c.Name).ToList())));
        }
        db.AuditEntries.Add(Audit.Entry(member, "roster.import", null, null, $"{rows.Count} people", clock));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        foreach (var invitation in invitations) await SchoolInvitations.NotifyAsync(db, mail, invitation);

        var sheets = people.GroupBy(p => p.ClassName)
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key ?? "", ClassNameOrder.Instance)
            .Select(g => new RosterSheetResponse(g.Key, g.Select(p => p.Person).OrderBy(p => p.Role).ThenBy(p => p.DisplayName, StringComparer.CurrentCulture).ToList()))
            .ToList();
        return TypedResults.Ok(new RosterImportResponse(rows.Count - invitations.Count, $"{PublicUrl.Base(request)}/activate", sheets, invitations.Count));
    }
}
