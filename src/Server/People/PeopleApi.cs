using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sfera.Auth;
using Sfera.Classes;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Moderation;
using Sfera.Operator;
using Sfera.Schools;

namespace Sfera.People;

/// <summary>Login, phone and e-mail are shown to administrators of the school that made the account, and to nobody
/// else; Managed says whether this school may issue the account an activation code (see AccountOwnership), to staff.
/// SignInLinks: to administrators, the names of the external services the person signs in with ("VK ID"), never
/// which account there.</summary>
public sealed record PersonResponse(
    Guid MembershipId, Guid AccountId, string DisplayName, Role Role, MembershipStatus Status, Guid? ClassId, string? ClassName,
    string? Login, string? Phone, string? Email, List<GuardianRef> Children, List<GuardianRef> Guardians, bool Managed,
    List<string> SignInLinks);
/// <summary>The other side of a guardian link, with the link's id (to unlink it).</summary>
public sealed record GuardianRef(Guid LinkId, Guid AccountId, string DisplayName);
public sealed record ActivationCodeResponse(string ActivationCode, string ActivationUrl);
public sealed record AddPersonRequest(string DisplayName, Role Role, Guid? ClassId, string? Phone, string? Email);
/// <summary>Either the new member (with a one-time code when the account is new), or, when the phone or e-mail belongs
/// to an account the school does not manage, the invitation sent to that account's owner.</summary>
public sealed record AddPersonResponse(PersonResponse? Person, string? ActivationCode, string? ActivationUrl, InvitationResponse? Invitation = null);
public sealed record MovePersonRequest(Guid? ClassId);

public static class PeopleApi
{
    public static void MapPeople(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapSchoolGroup("People");
        group.MapGet("/people", List).WithSummary("The school's people; contact details only to administrators of the school that made the account.");
        group.MapPost("/people", Add).WithSummary("Administrators add a person: a new account with an activation code, or an invitation to an existing one.");
        group.MapPatch("/people/{membershipId:guid}", Move).WithSummary("Administrators move a student to another class.");
        group.MapDelete("/people/{membershipId:guid}", Remove).WithSummary("Administrators remove a membership; it takes effect at once everywhere.");
        group.MapPost("/people/{membershipId:guid}/activation-code", ReissueCode).WithSummary("Administrators (class teachers for their class's students and parents) issue a new activation code for an account the school manages; older codes and every session stop working.");
    }

    /// <summary>Staff see the school's people; only administrators see logins and contacts, and nobody but
    /// administrators sees a student's phone or e-mail.</summary>
    private static async Task<Results<Ok<List<PersonResponse>>, ProblemHttpResult>> List(
        SchoolMember member, SferaDb db, ExternalProviders providers, Role? role, Guid? classId)
    {
        if (!member.IsStaff) return Problems.Forbidden();
        var query = db.Memberships.AsNoTracking().Where(m => m.SchoolId == member.SchoolId
            && (m.Status == MembershipStatus.Confirmed || (member.IsAdmin && m.Status == MembershipStatus.Pending)));
        if (role is { } r) query = query.Where(m => m.Role == r);
        if (classId is { } c) query = query.Where(m => m.ClassId == c);
        var people = await Project(db, query, member.IsAdmin).ToListAsync();
        return TypedResults.Ok(people.OrderBy(p => p.Role).ThenBy(p => p.DisplayName, StringComparer.CurrentCulture).Select(p => Named(p, providers)).ToList());
    }

    internal static IQueryable<PersonResponse> Project(SferaDb db, IQueryable<Membership> memberships, bool withContacts) =>
        memberships.Select(m => new PersonResponse(
            m.Id, m.AccountId, m.Account.DisplayName, m.Role, m.Status, m.ClassId,
            db.Classes.Where(c => c.Id == m.ClassId).Select(c => c.Name).FirstOrDefault(),
            withContacts && m.Account.CreatedBySchoolId == m.SchoolId ? m.Account.UserName : null,
            withContacts && m.Account.CreatedBySchoolId == m.SchoolId ? m.Account.PhoneNumber : null,
            withContacts && m.Account.CreatedBySchoolId == m.SchoolId ? m.Account.Email : null,
            m.Role == Role.Parent
                ? db.GuardianLinks.Where(g => g.SchoolId == m.SchoolId && g.GuardianId == m.AccountId && g.Status == GuardianStatus.Confirmed)
                    .Join(db.Users, g => g.ChildId, u => u.Id, (g, u) => new GuardianRef(g.Id, u.Id, u.DisplayName)).ToList()
                : new List<GuardianRef>(),
            m.Role == Role.Student
                ? db.GuardianLinks.Where(g => g.SchoolId == m.SchoolId && g.ChildId == m.AccountId && g.Status == GuardianStatus.Confirmed)
                    .Join(db.Users, g => g.GuardianId, u => u.Id, (g, u) => new GuardianRef(g.Id, u.Id, u.DisplayName)).ToList()
                : new List<GuardianRef>(),
            // Whether the school may issue a code: class teachers see it too, as they issue codes to their class.
            m.Account.CreatedBySchoolId == m.SchoolId && !m.Account.IsOperator
                && !db.Memberships.IgnoreQueryFilters().Any(o => o.AccountId == m.AccountId && o.SchoolId != m.SchoolId && o.Status != MembershipStatus.Rejected),
            withContacts ? db.ExternalLogins.Where(e => e.AccountId == m.AccountId).Select(e => e.Provider).ToList() : new List<string>()));

    /// <summary>The projection carries the providers' keys; people read their names.</summary>
    private static PersonResponse Named(PersonResponse person, ExternalProviders providers) =>
        person.SignInLinks.Count == 0 ? person : person with { SignInLinks = person.SignInLinks.Select(providers.NameOf).ToList() };

    private static async Task<Results<Created<AddPersonResponse>, ValidationProblem, ProblemHttpResult>> Add(
        SchoolMember member, AddPersonRequest request, HttpContext http, SferaDb db, UserManager<Account> users, IMailSender mail,
        ExternalProviders providers, TimeProvider clock)
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

        var existing = await AccountOwnership.FindByContactAsync(db, phone, email);
        if (existing is not null && !await AccountOwnership.IsManagedByAsync(db, existing.Id, member.SchoolId))
        {
            // Someone else's account: the owner is asked, and the school learns nothing about it.
            var invitation = await SchoolInvitations.OfferAsync(db, member.SchoolId, existing.Id, request.Role,
                request.Role == Role.Student ? request.ClassId : null, [], request.DisplayName, phone, email, member.AccountId, clock);
            db.AuditEntries.Add(Audit.Entry(member, "person.invite", null, null, $"{request.Role} {invitation.DisplayName}", clock));
            await db.SaveChangesAsync();
            await SchoolInvitations.NotifyAsync(db, mail, invitation);
            var offered = await InvitationsApi.Project(db, db.SchoolInvitations.Where(i => i.Id == invitation.Id)).FirstAsync();
            return TypedResults.Created($"/api/v1/schools/{member.SchoolId}/invitations/{invitation.Id}", new AddPersonResponse(null, null, null, offered));
        }

        await using var tx = await db.Database.BeginTransactionAsync();
        var account = existing ?? await Accounts.CreateAsync(users, clock, request.DisplayName, null, phone, email, createdBySchoolId: member.SchoolId);
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
        var code = await users.HasPasswordAsync(account) ? null : await ActivationCodes.IssueAsync(db, account.Id, clock);
        db.AuditEntries.Add(Audit.Entry(member, "person.add", null, account.Id, $"{request.Role} {request.DisplayName}", clock));
        await db.SaveChangesAsync();
        await tx.CommitAsync();

        var person = Named(await Project(db, db.Memberships.Where(m => m.Id == membership.Id), withContacts: true).FirstAsync(), providers);
        return TypedResults.Created($"/api/v1/schools/{member.SchoolId}/people/{membership.Id}",
            new AddPersonResponse(person, code, code is null ? null : ActivationCodes.Link(http.Request, code)));
    }

    private static async Task<Results<Ok<PersonResponse>, ValidationProblem, ProblemHttpResult>> Move(
        SchoolMember member, Guid membershipId, MovePersonRequest request, SferaDb db, ExternalProviders providers, TimeProvider clock)
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
        return TypedResults.Ok(Named(await Project(db, db.Memberships.Where(m => m.Id == membershipId), withContacts: true).FirstAsync(), providers));
    }

    /// <summary>A new one-time code for someone who lost theirs (or their password); older codes stop working. The old
    /// password keeps working until the code is used. Only for accounts this school manages (AccountOwnership): never
    /// someone who is also in another school, or the operator. Logged, since it lets the administrator set the password.</summary>
    /// <summary>A person who lost the password gets back in with a new code from an administrator, or from the class
    /// teacher for the class's students and their parents. Every session of the account ends at once (whoever holds
    /// the lost phone is out); the second factor stays on.</summary>
    private static async Task<Results<Ok<ActivationCodeResponse>, ProblemHttpResult>> ReissueCode(
        SchoolMember member, Guid membershipId, HttpContext http, SferaDb db, UserManager<Account> users,
        Realtime.PresenceTracker connections, TimeProvider clock)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId && m.SchoolId == member.SchoolId && m.Status == MembershipStatus.Confirmed);
        if (membership is null) return Problems.NotFound();
        if (!member.IsAdmin && !await LeadsAsync(db, member, membership)) return Problems.Forbidden();
        if (!await AccountOwnership.IsManagedByAsync(db, membership.AccountId, member.SchoolId)) return Problems.Status(403, "not_managed");
        await using var tx = await db.Database.BeginTransactionAsync();
        var code = await ActivationCodes.IssueAsync(db, membership.AccountId, clock);
        db.AuditEntries.Add(Audit.Entry(member, "person.activation_code", null, membership.AccountId, "", clock));
        await db.SaveChangesAsync();
        var account = await users.FindByIdAsync(membership.AccountId.ToString());
        await users.UpdateSecurityStampAsync(account!);
        await Sessions.EndAllAsync(db, membership.AccountId, clock);
        await tx.CommitAsync();
        await connections.EndSessionsAsync(membership.AccountId);
        return TypedResults.Ok(new ActivationCodeResponse(code, ActivationCodes.Link(http.Request, code)));
    }

    /// <summary>A student of a class the member leads, or a parent of such a student.</summary>
    private static async Task<bool> LeadsAsync(SferaDb db, SchoolMember member, Membership membership)
    {
        if (member.LedClassIds.Count == 0) return false;
        var led = member.LedClassIds.ToList();
        return membership.Role switch
        {
            Role.Student => membership.ClassId is { } c && led.Contains(c),
            Role.Parent => await db.GuardianLinks.AnyAsync(g => g.SchoolId == member.SchoolId && g.GuardianId == membership.AccountId
                && g.Status == GuardianStatus.Confirmed
                && db.Memberships.Any(m => m.SchoolId == member.SchoolId && m.AccountId == g.ChildId && m.Role == Role.Student
                    && m.Status == MembershipStatus.Confirmed && m.ClassId != null && led.Contains(m.ClassId.Value))),
            _ => false,
        };
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
