using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Moderation;
using Sfera.Realtime;
using Sfera.Schools;

namespace Sfera.Invites;

public enum JoinRequestKind { Membership, Guardian }
/// <summary>Contact: the joiner's phone, e-mail or login, only when the account was made through this school (a school
/// never sees the contact details of an account it did not make). ChildName: the child whose own link the parent
/// followed. RequestedChildName: the name a parent typed on a class's parent link; ChildRequired: such a request is
/// approved only together with the child (or children) the approver picks from the class.</summary>
public sealed record JoinRequestResponse(
    Guid Id, JoinRequestKind Kind, Guid AccountId, string DisplayName, string? Contact, Role Role, Guid? ClassId, string? ClassName,
    string? ChildName, DateTimeOffset CreatedAt, string? RequestedChildName = null, bool ChildRequired = false);
/// <summary>ChildIds: confirmed students of the school to link the approved parent to (required when ChildRequired).</summary>
public sealed record ApproveJoinRequest(List<Guid>? ChildIds = null);

public static class JoinRequestsApi
{
    public static void MapJoinRequests(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapSchoolGroup("Invites");
        group.MapGet("/join-requests", List).WithSummary("Waiting join requests the caller may decide (administrators; class teachers for their classes).");
        // No Accepts metadata (the body is optional): read by hand, as JoinApi does.
        group.MapPost("/join-requests/{requestId:guid}/approve", Approve)
            .WithDescription("Body (optional): ApproveJoinRequest {childIds}. A parent's request from a class's parent link needs at least one child.")
            .WithSummary("Approves a join request.");
        group.MapPost("/join-requests/{requestId:guid}/reject", (SchoolMember m, Guid requestId, SferaDb db, Outbox outbox, TimeProvider clock) =>
            Decide(m, requestId, false, [], db, outbox, clock)).WithSummary("Rejects a join request.");
    }

    /// <summary>Pending joiners, and confirmed parents asking to be linked to one more child. Administrators see all;
    /// a class teacher sees those of the classes they lead.</summary>
    private static async Task<Results<Ok<List<JoinRequestResponse>>, ProblemHttpResult>> List(SchoolMember member, SferaDb db)
    {
        if (!member.IsAdmin && member.LedClassIds.Count == 0) return Problems.Forbidden();
        var all = await PendingAsync(db, member.SchoolId);
        return TypedResults.Ok(all.Where(r => member.ManagesClass(r.ClassId)).OrderBy(r => r.CreatedAt).ToList());
    }

    internal static async Task<List<JoinRequestResponse>> PendingAsync(SferaDb db, Guid schoolId)
    {
        var memberships = await db.Memberships.Where(m => m.SchoolId == schoolId && m.Status == MembershipStatus.Pending)
            .Select(m => new JoinRequestResponse(
                m.Id, JoinRequestKind.Membership, m.AccountId, m.Account.DisplayName,
                m.Account.CreatedBySchoolId == schoolId ? m.Account.PhoneNumber ?? m.Account.Email ?? m.Account.UserName : null, m.Role, m.ClassId,
                db.Classes.Where(c => c.Id == m.ClassId).Select(c => c.Name).FirstOrDefault(),
                db.GuardianLinks.Where(g => g.SchoolId == schoolId && g.GuardianId == m.AccountId && g.Status == GuardianStatus.Pending)
                    .Join(db.Users, g => g.ChildId, u => u.Id, (g, u) => u.DisplayName).FirstOrDefault(),
                m.CreatedAt, m.RequestedChildName,
                m.Role == Role.Parent && m.ClassId != null
                    && !db.GuardianLinks.Any(g => g.SchoolId == schoolId && g.GuardianId == m.AccountId && g.Status == GuardianStatus.Pending)))
            .ToListAsync();
        var links = await db.GuardianLinks
            .Where(g => g.SchoolId == schoolId && g.Status == GuardianStatus.Pending
                && db.Memberships.Any(m => m.SchoolId == schoolId && m.AccountId == g.GuardianId && m.Role == Role.Parent && m.Status == MembershipStatus.Confirmed))
            .Select(g => new JoinRequestResponse(
                g.Id, JoinRequestKind.Guardian, g.GuardianId,
                db.Users.Where(u => u.Id == g.GuardianId).Select(u => u.DisplayName).First(),
                db.Users.Where(u => u.Id == g.GuardianId && u.CreatedBySchoolId == schoolId).Select(u => u.PhoneNumber ?? u.Email ?? u.UserName).FirstOrDefault(),
                Role.Parent,
                db.Memberships.Where(m => m.AccountId == g.ChildId && m.SchoolId == schoolId && m.Role == Role.Student).Select(m => m.ClassId).FirstOrDefault(),
                db.Memberships.Where(m => m.AccountId == g.ChildId && m.SchoolId == schoolId && m.Role == Role.Student)
                    .Join(db.Classes, m => m.ClassId, c => c.Id, (m, c) => c.Name).FirstOrDefault(),
                db.Users.Where(u => u.Id == g.ChildId).Select(u => u.DisplayName).First(),
                g.CreatedAt)).ToListAsync();
        return [.. memberships, .. links];
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Approve(
        SchoolMember member, Guid requestId, HttpRequest http, SferaDb db, Outbox outbox, TimeProvider clock)
    {
        ApproveJoinRequest? request = null;
        if (http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0)
        {
            try { request = await http.ReadFromJsonAsync<ApproveJoinRequest>(); }
            catch (System.Text.Json.JsonException) { return Problems.Field("childIds", "invalid"); }
        }
        return await Decide(member, requestId, true, request?.ChildIds ?? [], db, outbox, clock);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Decide(
        SchoolMember member, Guid requestId, bool approve, List<Guid> childIds, SferaDb db, Outbox outbox, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == requestId && m.SchoolId == member.SchoolId && m.Status == MembershipStatus.Pending);
        if (membership is not null)
        {
            // Staff joiners are the administrator's call; students and parents are also their class teacher's.
            var mayDecide = member.IsAdmin || (membership.Role is Role.Student or Role.Parent && member.ManagesClass(membership.ClassId));
            if (!mayDecide) return member.LedClassIds.Count > 0 ? Problems.NotFound() : Problems.Forbidden();
            if (approve && membership.Role == Role.Parent && await LinkChildrenAsync(db, member, membership, childIds, clock) is { } problem)
                return problem;
            membership.Status = approve ? MembershipStatus.Confirmed : MembershipStatus.Rejected;
            membership.DecidedAt = now;
            membership.DecidedBy = member.AccountId;
            if (membership.Role == Role.Parent)
                await DecideLinksAsync(db, member, g => g.GuardianId == membership.AccountId, approve);
            db.AuditEntries.Add(Audit.Entry(member, approve ? "join.approve" : "join.reject", null, membership.AccountId, membership.Role.ToString(), clock));
            await db.SaveChangesAsync();
            var decided = await db.Memberships.Where(m => m.Id == membership.Id)
                .Join(db.Schools, m => m.SchoolId, s => s.Id, (m, s) => new People.MyMembershipResponse(m.Id, s.Id, s.ShortName, s.Type, m.Role, m.Status, m.ClassId,
                    db.Classes.Where(c => c.Id == m.ClassId).Select(c => c.Name).FirstOrDefault()))
                .FirstAsync();
            outbox.Add(membership.AccountId, c => c.MembershipDecided(new(member.SchoolId, decided)));
            await WaitingApi.NotifyAsync(db, outbox, member.SchoolId, membership.ClassId);
            return TypedResults.NoContent();
        }

        var link = await db.GuardianLinks.FirstOrDefaultAsync(g => g.Id == requestId && g.SchoolId == member.SchoolId && g.Status == GuardianStatus.Pending);
        if (link is null) return Problems.NotFound();
        if (!await ManagesChildAsync(db, member, link.ChildId)) return member.LedClassIds.Count > 0 ? Problems.NotFound() : Problems.Forbidden();
        link.Status = approve ? GuardianStatus.Confirmed : GuardianStatus.Rejected;
        db.AuditEntries.Add(Audit.Entry(member, approve ? "guardian.approve" : "guardian.reject", null, link.ChildId, $"{link.GuardianId}", clock));
        await db.SaveChangesAsync();
        var childClass = await db.Memberships.Where(m => m.AccountId == link.ChildId && m.Role == Role.Student && m.Status == MembershipStatus.Confirmed)
            .Select(m => m.ClassId).FirstOrDefaultAsync();
        await WaitingApi.NotifyAsync(db, outbox, member.SchoolId, childClass);
        return TypedResults.NoContent();
    }

    /// <summary>Links an approved parent to the children the approver picked. A request from a class's parent link
    /// names no child of its own, so it needs one: a parent is never let in linked to nobody.</summary>
    private static async Task<ValidationProblem?> LinkChildrenAsync(SferaDb db, SchoolMember member, Membership parent, List<Guid> childIds, TimeProvider clock)
    {
        var hasOwnLink = await db.GuardianLinks.AnyAsync(g => g.SchoolId == member.SchoolId && g.GuardianId == parent.AccountId && g.Status == GuardianStatus.Pending);
        if (childIds.Count == 0) return hasOwnLink || parent.ClassId is null ? null : Problems.Field("childIds", "child_required");
        foreach (var childId in childIds.Distinct())
        {
            var isStudent = await db.Memberships.AnyAsync(m => m.SchoolId == member.SchoolId && m.AccountId == childId && m.Role == Role.Student
                && m.Status == MembershipStatus.Confirmed);
            if (!isStudent || childId == parent.AccountId || !await ManagesChildAsync(db, member, childId)) return Problems.Field("childIds", "not_student");
            var link = await db.GuardianLinks.FirstOrDefaultAsync(g => g.SchoolId == member.SchoolId && g.GuardianId == parent.AccountId && g.ChildId == childId);
            if (link is null)
                db.GuardianLinks.Add(link = new GuardianLink
                {
                    Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, GuardianId = parent.AccountId, ChildId = childId, CreatedAt = clock.GetUtcNow(),
                });
            link.Status = GuardianStatus.Confirmed;
            db.AuditEntries.Add(Audit.Entry(member, "guardian.link", null, childId, $"{parent.AccountId}", clock));
        }
        return null;
    }

    private static async Task DecideLinksAsync(SferaDb db, SchoolMember member, System.Linq.Expressions.Expression<Func<GuardianLink, bool>> which, bool approve)
    {
        var links = await db.GuardianLinks.Where(g => g.SchoolId == member.SchoolId && g.Status == GuardianStatus.Pending).Where(which).ToListAsync();
        foreach (var link in links)
            if (await ManagesChildAsync(db, member, link.ChildId))
                link.Status = approve ? GuardianStatus.Confirmed : GuardianStatus.Rejected;
    }

    private static async Task<bool> ManagesChildAsync(SferaDb db, SchoolMember member, Guid childId)
    {
        if (member.IsAdmin) return true;
        var childClass = await db.Memberships
            .Where(m => m.SchoolId == member.SchoolId && m.AccountId == childId && m.Role == Role.Student && m.Status == MembershipStatus.Confirmed)
            .Select(m => m.ClassId).FirstOrDefaultAsync();
        return member.ManagesClass(childClass);
    }
}
