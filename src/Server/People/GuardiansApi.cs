using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Moderation;
using Sfera.Schools;

namespace Sfera.People;

public sealed record GuardianLinkRequest(Guid GuardianAccountId, Guid ChildAccountId);
public sealed record GuardianLinkResponse(Guid Id, Guid GuardianAccountId, Guid ChildAccountId, GuardianStatus Status);

/// <summary>Administrators link guardians and children by hand: many guardians per child, many children per guardian.</summary>
public static class GuardiansApi
{
    public static void MapGuardians(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapSchoolGroup("People");
        group.MapPost("/guardians", Link).WithSummary("Administrators link a guardian to a child.");
        group.MapDelete("/guardians/{guardianLinkId:guid}", Unlink).WithSummary("Administrators undo a guardian link; chats it allowed turn read-only.");
    }

    private static async Task<Results<Ok<GuardianLinkResponse>, ValidationProblem, ProblemHttpResult>> Link(
        SchoolMember member, GuardianLinkRequest request, SferaDb db, TimeProvider clock)
    {
        if (!member.IsAdmin) return Problems.Forbidden();
        var v = new Validator()
            .Check(await HasRoleAsync(db, member.SchoolId, request.GuardianAccountId, Role.Parent), "guardianAccountId", "not_parent")
            .Check(await HasRoleAsync(db, member.SchoolId, request.ChildAccountId, Role.Student), "childAccountId", "not_student")
            .Check(request.GuardianAccountId != request.ChildAccountId, "guardianAccountId", "self_parent");
        if (!v.IsValid) return v.Problem();
        var link = await db.GuardianLinks.FirstOrDefaultAsync(g =>
            g.SchoolId == member.SchoolId && g.GuardianId == request.GuardianAccountId && g.ChildId == request.ChildAccountId);
        if (link is null)
        {
            link = new GuardianLink
            {
                Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, GuardianId = request.GuardianAccountId,
                ChildId = request.ChildAccountId, CreatedAt = clock.GetUtcNow(),
            };
            db.GuardianLinks.Add(link);
        }
        link.Status = GuardianStatus.Confirmed;
        db.AuditEntries.Add(Audit.Entry(member, "guardian.link", null, request.ChildAccountId, $"{request.GuardianAccountId}", clock));
        await db.SaveChangesAsync();
        return TypedResults.Ok(new GuardianLinkResponse(link.Id, link.GuardianId, link.ChildId, link.Status));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Unlink(SchoolMember member, Guid guardianLinkId, SferaDb db, TimeProvider clock)
    {
        var link = await db.GuardianLinks.FirstOrDefaultAsync(g => g.Id == guardianLinkId && g.SchoolId == member.SchoolId);
        if (link is null) return Problems.NotFound();
        if (!member.IsAdmin) return Problems.Forbidden();
        db.GuardianLinks.Remove(link);
        db.AuditEntries.Add(Audit.Entry(member, "guardian.unlink", null, link.ChildId, $"{link.GuardianId}", clock));
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    private static Task<bool> HasRoleAsync(SferaDb db, Guid schoolId, Guid accountId, Role role) =>
        db.Memberships.AnyAsync(m => m.SchoolId == schoolId && m.AccountId == accountId && m.Role == role && m.Status == MembershipStatus.Confirmed);
}
