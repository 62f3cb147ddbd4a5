using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Auth;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Moderation;
using Sfera.Schools;

namespace Sfera.People;

/// <summary>What the school sees of its invitation: only what it typed itself, never the account's own details.</summary>
public sealed record InvitationResponse(
    Guid Id, string DisplayName, Role Role, Guid? ClassId, string? ClassName, string? Phone, string? Email, InvitationStatus Status, DateTimeOffset CreatedAt);
/// <summary>What the invited owner sees: which school, in what role.</summary>
public sealed record MyInvitationResponse(Guid Id, Guid SchoolId, string SchoolName, SchoolType SchoolType, Role Role, string? ClassName, DateTimeOffset CreatedAt);

public static class InvitationsApi
{
    public static void MapInvitations(this IEndpointRouteBuilder routes)
    {
        var school = routes.MapSchoolGroup("People");
        school.MapGet("/invitations", List).WithSummary("Administrators: invitations sent to existing accounts that wait for an answer (only what the school typed).");
        school.MapDelete("/invitations/{invitationId:guid}", Revoke).WithSummary("Administrators take back an invitation not yet answered.");

        var mine = routes.MapGroup("/api/v1/me/invitations").WithTags("People").RequireAuthorization();
        mine.MapGet("/", Mine).WithSummary("Schools that invite the caller's account and wait for an answer.");
        mine.MapPost("/{invitationId:guid}/accept", Accept).WithSummary("The invited owner accepts: a confirmed membership in that school.");
        mine.MapPost("/{invitationId:guid}/decline", Decline).WithSummary("The invited owner declines.");
    }

    internal static IQueryable<InvitationResponse> Project(SferaDb db, IQueryable<SchoolInvitation> invitations) =>
        invitations.Select(i => new InvitationResponse(i.Id, i.DisplayName, i.Role, i.ClassId,
            db.Classes.Where(c => c.Id == i.ClassId).Select(c => c.Name).FirstOrDefault(), i.Phone, i.Email, i.Status, i.CreatedAt));

    private static async Task<Results<Ok<List<InvitationResponse>>, ProblemHttpResult>> List(SchoolMember member, SferaDb db)
    {
        if (!member.IsAdmin) return Problems.Forbidden();
        var list = await Project(db, db.SchoolInvitations.AsNoTracking()
            .Where(i => i.SchoolId == member.SchoolId && i.Status == InvitationStatus.Pending)).ToListAsync();
        return TypedResults.Ok(list.OrderBy(i => i.CreatedAt).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(SchoolMember member, Guid invitationId, SferaDb db, TimeProvider clock)
    {
        var invitation = await db.SchoolInvitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.SchoolId == member.SchoolId);
        if (invitation is null) return Problems.NotFound();
        if (!member.IsAdmin) return Problems.Forbidden();
        if (invitation.Status != InvitationStatus.Pending) return Problems.Status(409, "already_decided");
        invitation.Status = InvitationStatus.Revoked;
        invitation.DecidedAt = clock.GetUtcNow();
        db.AuditEntries.Add(Audit.Entry(member, "person.invitation_revoke", null, null, $"{invitation.Role} {invitation.DisplayName}", clock));
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<MyInvitationResponse>>> Mine(CurrentUser me, SferaDb db)
    {
        var list = await db.SchoolInvitations.AsNoTracking().Where(i => i.AccountId == me.Id && i.Status == InvitationStatus.Pending)
            .Join(db.Schools, i => i.SchoolId, s => s.Id, (i, s) => new MyInvitationResponse(i.Id, s.Id, s.ShortName, s.Type, i.Role,
                db.Classes.Where(c => c.Id == i.ClassId).Select(c => c.Name).FirstOrDefault(), i.CreatedAt))
            .ToListAsync();
        return TypedResults.Ok(list.OrderBy(i => i.CreatedAt).ToList());
    }

    /// <summary>The owner takes the role: a confirmed membership (and the guardian links the school named), reconciled
    /// into the school's chats in the same save.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> Accept(Guid invitationId, CurrentUser me, SferaDb db, TimeProvider clock)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        var invitation = await db.SchoolInvitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.AccountId == me.Id && i.Status == InvitationStatus.Pending);
        if (invitation is null) return Problems.NotFound();
        var now = clock.GetUtcNow();
        var classId = invitation.ClassId is { } c && await db.Classes.AnyAsync(x => x.Id == c && x.SchoolId == invitation.SchoolId) ? c : (Guid?)null;
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.SchoolId == invitation.SchoolId && m.AccountId == me.Id && m.Role == invitation.Role);
        if (membership is null)
        {
            membership = new Membership { Id = Guid.CreateVersion7(), SchoolId = invitation.SchoolId, AccountId = me.Id, Role = invitation.Role, CreatedAt = now };
            db.Memberships.Add(membership);
        }
        membership.Status = MembershipStatus.Confirmed;
        if (invitation.Role == Role.Student) membership.ClassId = classId ?? membership.ClassId;
        membership.DecidedAt = now;
        membership.DecidedBy = invitation.CreatedBy;

        var linked = await db.GuardianLinks.Where(g => g.SchoolId == invitation.SchoolId && g.GuardianId == me.Id).ToListAsync();
        foreach (var child in invitation.ChildIds.Where(id => id != me.Id))
        {
            var link = linked.FirstOrDefault(g => g.ChildId == child);
            if (link is null)
                db.GuardianLinks.Add(new GuardianLink { Id = Guid.CreateVersion7(), SchoolId = invitation.SchoolId, GuardianId = me.Id, ChildId = child, Status = GuardianStatus.Confirmed, CreatedAt = now });
            else
                link.Status = GuardianStatus.Confirmed;
        }
        invitation.Status = InvitationStatus.Accepted;
        invitation.DecidedAt = now;
        db.AuditEntries.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(), SchoolId = invitation.SchoolId, ActorId = me.Id, Action = "person.invitation_accept",
            TargetId = me.Id, Details = invitation.Role.ToString(), CreatedAt = now,
        });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Decline(Guid invitationId, CurrentUser me, SferaDb db, TimeProvider clock)
    {
        var invitation = await db.SchoolInvitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.AccountId == me.Id && i.Status == InvitationStatus.Pending);
        if (invitation is null) return Problems.NotFound();
        invitation.Status = InvitationStatus.Declined;
        invitation.DecidedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }
}
