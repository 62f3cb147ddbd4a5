using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using Sfera.Classes;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Moderation;
using Sfera.Schools;

namespace Sfera.Invites;

public sealed record InviteRequest(Role Role, Guid? ClassId, int? ExpiresInDays, int? MaxUses);
public sealed record InviteResponse(
    Guid Id, string Url, Role Role, Guid? ClassId, string? ClassName, DateTimeOffset ExpiresAt, int MaxUses, int Uses, bool Revoked, bool ForParentOfChild);

public static class InvitesApi
{
    public static void MapInvites(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapSchoolGroup("Invites");
        group.MapGet("/invites", List).WithSummary("Invite links the caller manages.");
        group.MapPost("/invites", Create).WithSummary("Creates an invite link (administrators any; class teachers for their class).");
        group.MapDelete("/invites/{inviteId:guid}", Revoke).WithSummary("Revokes an invite link.");
        group.MapGet("/invites/{inviteId:guid}/qr", Qr).Produces(200, contentType: "image/png").WithSummary("An invite link as a QR code (PNG).");
        group.MapPost("/parent-invite", CreateParentInvite).WithSummary("A student makes an \"invite my parent\" link.");
        group.MapGet("/parent-invites", ListParentInvites).WithSummary("A student's own parent links.");
    }

    /// <summary>Administrators see every link; a class teacher sees the links of the classes they lead.</summary>
    private static async Task<Results<Ok<List<InviteResponse>>, ProblemHttpResult>> List(SchoolMember member, HttpContext http, SferaDb db)
    {
        if (!member.IsAdmin && member.LedClassIds.Count == 0) return Problems.Forbidden();
        var led = member.LedClassIds.ToList();
        var invites = await db.Invites.AsNoTracking()
            .Where(i => i.SchoolId == member.SchoolId && i.ChildId == null && (member.IsAdmin || (i.ClassId != null && led.Contains(i.ClassId.Value))))
            .ToListAsync();
        var names = await ClassNamesAsync(db, member.SchoolId);
        return TypedResults.Ok(invites.OrderByDescending(i => i.CreatedAt).Select(i => ToResponse(i, http, names)).ToList());
    }

    private static async Task<Results<Created<InviteResponse>, ValidationProblem, ProblemHttpResult>> Create(
        SchoolMember member, InviteRequest request, HttpContext http, SferaDb db, TimeProvider clock)
    {
        var classed = request.Role is Role.Student or Role.Parent;
        // A class teacher may invite students and parents to their own class; everything else is the admin's.
        if (!member.IsAdmin && !(classed && member.ManagesClass(request.ClassId))) return Problems.Forbidden();
        var v = new Validator()
            .Check(Enum.IsDefined(request.Role), "role", "enum")
            .Check(request.ExpiresInDays is null or >= 1 and <= 90, "expiresInDays", "range")
            .Check(request.MaxUses is null or >= 1 and <= 1000, "maxUses", "range");
        if (classed)
            v.Check(request.ClassId is { } c && await ClassAccess.FindAsync(db, member.SchoolId, c) is not null, "classId", "class_required");
        if (!v.IsValid) return v.Problem();

        var invite = NewInvite(member, request.Role, classed ? request.ClassId : null, null,
            TimeSpan.FromDays(request.ExpiresInDays ?? 14), request.MaxUses ?? 40, clock);
        db.Invites.Add(invite);
        db.AuditEntries.Add(Audit.Entry(member, "invite.create", null, invite.Id, $"{invite.Role} {invite.ClassId}", clock));
        await db.SaveChangesAsync();
        var response = ToResponse(invite, http, await ClassNamesAsync(db, member.SchoolId));
        return TypedResults.Created($"/api/v1/schools/{member.SchoolId}/invites/{invite.Id}", response);
    }

    /// <summary>A student's "invite my parent" link: the parent who follows it asks to be linked to this student.</summary>
    private static async Task<Results<Created<InviteResponse>, ProblemHttpResult>> CreateParentInvite(
        SchoolMember member, HttpContext http, SferaDb db, TimeProvider clock)
    {
        if (!member.IsStudent || member.StudentClassId is null) return Problems.Forbidden();
        var invite = NewInvite(member, Role.Parent, member.StudentClassId, member.AccountId, TimeSpan.FromDays(14), 2, clock);
        db.Invites.Add(invite);
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/v1/schools/{member.SchoolId}/invites/{invite.Id}",
            ToResponse(invite, http, await ClassNamesAsync(db, member.SchoolId)));
    }

    /// <summary>The student's own "invite my parent" links, so old ones can be seen and revoked.</summary>
    private static async Task<Results<Ok<List<InviteResponse>>, ProblemHttpResult>> ListParentInvites(SchoolMember member, HttpContext http, SferaDb db)
    {
        if (!member.IsStudent) return Problems.Forbidden();
        var invites = await db.Invites.AsNoTracking().Where(i => i.SchoolId == member.SchoolId && i.ChildId == member.AccountId).ToListAsync();
        var names = await ClassNamesAsync(db, member.SchoolId);
        return TypedResults.Ok(invites.OrderByDescending(i => i.CreatedAt).Select(i => ToResponse(i, http, names)).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        SchoolMember member, Guid inviteId, SferaDb db, TimeProvider clock)
    {
        var invite = await FindVisibleAsync(db, member, inviteId);
        if (invite is null) return Problems.NotFound();
        invite.RevokedAt ??= clock.GetUtcNow();
        db.AuditEntries.Add(Audit.Entry(member, "invite.revoke", null, invite.Id, "", clock));
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Qr(
        SchoolMember member, Guid inviteId, HttpContext http, SferaDb db)
    {
        var invite = await FindVisibleAsync(db, member, inviteId);
        if (invite is null) return Problems.NotFound();
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Url(http, invite.Token), QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8);
        return TypedResults.File(png, "image/png");
    }

    /// <summary>An invite the caller may manage: any in their school for an admin, their classes' for a class teacher,
    /// and a student's own parent invite.</summary>
    private static async Task<Invite?> FindVisibleAsync(SferaDb db, SchoolMember member, Guid inviteId)
    {
        var invite = await db.Invites.FirstOrDefaultAsync(i => i.Id == inviteId && i.SchoolId == member.SchoolId);
        if (invite is null) return null;
        var mine = invite.ChildId == member.AccountId || member.IsAdmin || (invite.ChildId is null && member.ManagesClass(invite.ClassId));
        return mine ? invite : null;
    }

    private static Invite NewInvite(SchoolMember member, Role role, Guid? classId, Guid? childId, TimeSpan lifetime, int maxUses, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return new Invite
        {
            Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, Role = role, ClassId = classId, ChildId = childId,
            Token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_'),
            ExpiresAt = now + lifetime, MaxUses = maxUses, CreatedBy = member.AccountId, CreatedAt = now,
        };
    }

    private static Task<Dictionary<Guid, string>> ClassNamesAsync(SferaDb db, Guid schoolId) =>
        db.Classes.Where(c => c.SchoolId == schoolId).ToDictionaryAsync(c => c.Id, c => c.Name);

    private static string Url(HttpContext http, string token) => $"{PublicUrl.Base(http.Request)}/join/{token}";

    private static InviteResponse ToResponse(Invite i, HttpContext http, Dictionary<Guid, string> classNames) =>
        new(i.Id, Url(http, i.Token), i.Role, i.ClassId, i.ClassId is { } c ? classNames.GetValueOrDefault(c) : null,
            i.ExpiresAt, i.MaxUses, i.Uses, i.RevokedAt is not null, i.ChildId is not null);
}
