using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Schools;

namespace Sfera.Moderation;

public sealed record AuditEntryResponse(Guid Id, Classes.PersonRef Actor, string Action, Guid? ChatId, Guid? TargetId, string Details, DateTimeOffset CreatedAt);

/// <summary>The school's audit log of moderation and administrative actions, for its administrators.</summary>
public static class AuditApi
{
    public static void MapAudit(this IEndpointRouteBuilder routes) =>
        routes.MapSchoolGroup("Moderation").MapGet("/audit", List).WithSummary("Administrators read the audit log of administrative and moderation actions.");

    private static async Task<Results<Ok<List<AuditEntryResponse>>, ProblemHttpResult>> List(SchoolMember member, SferaDb db, DateTimeOffset? before, int? limit)
    {
        if (!member.IsAdmin) return Problems.Forbidden();
        var take = Math.Clamp(limit ?? 100, 1, 500);
        var query = db.AuditEntries.Where(a => a.SchoolId == member.SchoolId);
        if (before is { } b) query = query.Where(a => a.CreatedAt < b);
        var entries = await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(take)
            .Select(a => new AuditEntryResponse(a.Id,
                db.Users.Where(u => u.Id == a.ActorId).Select(u => new Classes.PersonRef(u.Id, u.DisplayName)).First(),
                a.Action, a.ChatId, a.TargetId, a.Details, a.CreatedAt))
            .ToListAsync();
        return TypedResults.Ok(entries);
    }
}
