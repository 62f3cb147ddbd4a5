using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.Invites;
using Sfera.Moderation;
using Sfera.Realtime;

namespace Sfera.Schools;

/// <summary>What waits for the caller's decision in one school: join requests and open reports they may decide.
/// Zero for a member who decides neither.</summary>
public sealed record WaitingResponse(Guid SchoolId, int JoinRequests, int Reports);

/// <summary>The counts behind the badges of class teachers and administrators, and the event that keeps them live.</summary>
public static class WaitingApi
{
    public static void MapWaiting(this IEndpointRouteBuilder routes) =>
        routes.MapSchoolGroup("Schools").MapGet("/waiting", (SchoolMember member, SferaDb db) => CountAsync(db, member))
            .WithSummary("How many join requests and open reports wait for the caller (an administrator or a class teacher); zeros for others.");

    private static async Task<Ok<WaitingResponse>> CountAsync(SferaDb db, SchoolMember member) => TypedResults.Ok(await CountForAsync(db, member));

    public static async Task<WaitingResponse> CountForAsync(SferaDb db, SchoolMember member)
    {
        if (!member.IsAdmin && member.LedClassIds.Count == 0) return new(member.SchoolId, 0, 0);
        var requests = (await JoinRequestsApi.PendingAsync(db, member.SchoolId)).Count(r => member.ManagesClass(r.ClassId));
        var reports = await ReportsApi.Visible(db, member).CountAsync(r => r.ResolvedAt == null);
        return new(member.SchoolId, requests, reports);
    }

    /// <summary>After a change to the join requests or reports of these classes (null: not a class's): each
    /// administrator of the school and the class teachers of the classes get their own new counts.</summary>
    public static async Task NotifyAsync(SferaDb db, Outbox outbox, Guid schoolId, params Guid?[] classIds)
    {
        var classes = classIds.OfType<Guid>().ToList();
        var recipients = await db.Memberships
            .Where(m => m.SchoolId == schoolId && m.Role == Role.Admin && m.Status == MembershipStatus.Confirmed).Select(m => m.AccountId)
            .Concat(db.Classes.Where(c => c.SchoolId == schoolId && classes.Contains(c.Id) && c.ClassTeacherId != null).Select(c => c.ClassTeacherId!.Value))
            .Distinct().ToListAsync();
        foreach (var id in recipients)
        {
            if (await SchoolAccess.FindMemberAsync(db, id, schoolId) is not { } member) continue;
            var counts = await CountForAsync(db, member);
            outbox.Add(id, c => c.WaitingChanged(counts));
        }
    }
}
