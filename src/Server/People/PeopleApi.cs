using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sfera.Auth;
using Sfera.Classes;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Moderation;
using Sfera.Schools;

namespace Sfera.People;

public sealed record PersonResponse(
    Guid MembershipId, Guid AccountId, string DisplayName, Role Role, MembershipStatus Status, Guid? ClassId, string? ClassName,
    string? Login, string? Phone, string? Email, List<GuardianRef> Children, List<GuardianRef> Guardians);
/// <summary>The other side of a guardian link, with the link's id (to unlink it).</summary>
public sealed record GuardianRef(Guid LinkId, Guid AccountId, string DisplayName);
public sealed record ActivationCodeResponse(string ActivationCode, string ActivationUrl);
public sealed record AddPersonRequest(string DisplayName, Role Role, Guid? ClassId, string? Phone, string? Email);
public sealed record AddPersonResponse(PersonResponse Person, string? ActivationCode, string? ActivationUrl);
public sealed record MovePersonRequest(Guid? ClassId);

public static class PeopleApi
{
    public static void MapPeople(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapSchoolGroup("People");
        group.MapGet("/people", List);
        group.MapPost("/people", Add);
        group.MapPatch("/people/{membershipId:guid}", Move);
        group.MapDelete("/people/{membershipId:guid}", Remove);
        group.MapPost("/people/{membershipId:guid}/activation-code", ReissueCode);
    }

    /// <summary>Staff see the school's people; only administrators see logins and contacts, and nobody but
    /// administrators sees a student's phone or e-mail.</summary>
    private static async Task<Results<Ok<List<PersonResponse>>, ProblemHttpResult>> List(
        SchoolMember member, SferaDb db, Role? role, Guid? classId)
    {
        if (!member.IsStaff) return Problems.Forbidden();
        var query = db.Memberships.AsNoTracking().Where(m => m.SchoolId == member.SchoolId
            && (m.Status == MembershipStatus.Confirmed || (member.IsAdmin && m.Status == MembershipStatus.Pending)));
        if (role is { } r) query = query.Where(m => m.Role == r);
        if (classId is { } c) query = query.Where(m => m.ClassId == c);
        var people = await Project(db, query, member.IsAdmin).ToListAsync();
        return TypedResults.Ok(people.OrderBy(p => p.Role).ThenBy(p => p.DisplayName, StringComparer.CurrentCulture).ToList());
    }

    internal static IQueryable<PersonResponse> Project(SferaDb db, IQueryable<Membership> memberships, bool withContacts) =>
        memberships.Select(m => new PersonResponse(
            m.Id, m.AccountId, m.Account.DisplayName, m.Role, m.Status, m.ClassId,
            db.Classes.Where(c => c.Id == m.ClassId).Select(c => c.Name).FirstOrDefault(),
            withContacts ? m.Account.UserName : null,
            withContacts ? m.Account.PhoneNumber : null,
            withContacts ? m.Account.Email : null,
            m.Role == Role.Parent
                ? db.GuardianLinks.Where(g => g.SchoolId == m.SchoolId && g.GuardianId == m.AccountId && g.Status == GuardianStatus.Confirmed)
                    .Join(db.Users, g => g.ChildId, u => u.Id, (g, u) => new GuardianRef(g.Id, u.Id, u.DisplayName)).ToList()
                : new List<GuardianRef>(),
            m.Role == Role.Student
                ? db.GuardianLinks.Where(g => g.SchoolId == m.SchoolId && g.ChildId == m.AccountId && g.Status == GuardianStatus.Confirmed)
                    .Join(db.Users, g => g.GuardianId, u => u.Id, (g, u) => new GuardianRef(g.Id, u.Id, u.DisplayName)).ToList()
                : new List<GuardianRef>()));

    private static async Task<Results<Created<AddPersonResponse>, ValidationProblem, ProblemHttpResult>> Add(
        SchoolMember member, AddPersonRequest request, HttpContext http, SferaDb db, UserManager<Account> users, TimeProvider clock)
    {
        if (!member.IsAdmin) return Problems.Forbidden();
        var phone = Accounts.NormalizePhone(request.Phone);
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        var v = new Validator()
            .DisplayName(request.DisplayName, "displayName")
            .Check(Enum.IsDefined(request.Role), "role", "enum")
            .Check(string.IsNullOrWhiteSpace(request.Phone) || phone is not null, "phone", "phone")
            .Check(email is null || Accounts.IsValidEmail(email), "email", "email");
        if (request.Role == Role.Student)
            v.Check(request.ClassId is { } c && await ClassAccess.FindAsync(db, member.SchoolId, c) is not null, "classId", "class_required");
        if (!v.IsValid) return v.Problem();

        await using var tx = await db.Database.BeginTransactionAsync();
        var account = await FindExistingAsync(db, users, phone, email)
            ?? await Accounts.CreateAsync(users, clock, request.DisplayName, null, phone, email);
        if (await db.Memberships.AnyAsync(m => m.SchoolId == member.SchoolId && m.AccountId == account.Id && m.Role == request.Role))
            return Problems.Field("role", "already_member");
        var now = clock.GetUtcNow();
        var membership = new Membership
        {
            Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, AccountId = account.Id, Role = request.Role,
            Status = MembershipStatus.Confirmed, ClassId = request.Role == Role.Student ? request.ClassId : null,
            CreatedAt = now, DecidedAt = now, DecidedBy = member.AccountId,
        };
        db.Memberships.Add(membership);
        var code = await users.HasPasswordAsync(account) ? null : ActivationCodes.Issue(db, account.Id, clock);
        db.AuditEntries.Add(Audit.Entry(member, "person.add", null, account.Id, $"{request.Role} {request.DisplayName}", clock));
        await db.SaveChangesAsync();
        await tx.CommitAsync();

        var person = await Project(db, db.Memberships.Where(m => m.Id == membership.Id), withContacts: true).FirstAsync();
        return TypedResults.Created($"/api/v1/schools/{member.SchoolId}/people/{membership.Id}",
            new AddPersonResponse(person, code, code is null ? null : ActivationCodes.Link(http.Request, code)));
    }

    /// <summary>One person, one account: a parent with children in two schools signs in once.</summary>
    internal static async Task<Account?> FindExistingAsync(SferaDb db, UserManager<Account> users, string? phone, string? email) =>
        (phone is null ? null : await db.Users.FirstOrDefaultAsync(a => a.PhoneNumber == phone))
        ?? (email is null ? null : await users.FindByEmailAsync(email));

    private static async Task<Results<Ok<PersonResponse>, ValidationProblem, ProblemHttpResult>> Move(
        SchoolMember member, Guid membershipId, MovePersonRequest request, SferaDb db, TimeProvider clock)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId && m.SchoolId == member.SchoolId);
        if (membership is null) return Problems.NotFound();
        if (!member.IsAdmin) return Problems.Forbidden();
        if (membership.Role != Role.Student) return Problems.Field("classId", "not_student");
        if (request.ClassId is not { } classId || await ClassAccess.FindAsync(db, member.SchoolId, classId) is null)
            return Problems.Field("classId", "class_required");
        membership.ClassId = classId;
        db.AuditEntries.Add(Audit.Entry(member, "person.move", null, membership.AccountId, $"{classId}", clock));
        await db.SaveChangesAsync();
        return TypedResults.Ok(await Project(db, db.Memberships.Where(m => m.Id == membershipId), withContacts: true).FirstAsync());
    }

    /// <summary>A new one-time code for someone who lost theirs (or their password). The old password keeps working
    /// until the code is used. Logged, since it lets the administrator set that person's password.</summary>
    private static async Task<Results<Ok<ActivationCodeResponse>, ProblemHttpResult>> ReissueCode(
        SchoolMember member, Guid membershipId, HttpContext http, SferaDb db, TimeProvider clock)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId && m.SchoolId == member.SchoolId && m.Status == MembershipStatus.Confirmed);
        if (membership is null) return Problems.NotFound();
        if (!member.IsAdmin) return Problems.Forbidden();
        var code = ActivationCodes.Issue(db, membership.AccountId, clock);
        db.AuditEntries.Add(Moderation.Audit.Entry(member, "person.activation_code", null, membership.AccountId, "", clock));
        await db.SaveChangesAsync();
        return TypedResults.Ok(new ActivationCodeResponse(code, ActivationCodes.Link(http.Request, code)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(SchoolMember member, Guid membershipId, SferaDb db, TimeProvider clock)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId && m.SchoolId == member.SchoolId);
        if (membership is null) return Problems.NotFound();
        if (!member.IsAdmin) return Problems.Forbidden();
        membership.Status = MembershipStatus.Removed;
        membership.DecidedAt = clock.GetUtcNow();
        membership.DecidedBy = member.AccountId;
        db.AuditEntries.Add(Audit.Entry(member, "person.remove", null, membership.AccountId, membership.Role.ToString(), clock));
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }
}
