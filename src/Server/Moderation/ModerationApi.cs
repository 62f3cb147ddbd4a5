using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Realtime;
using Sfera.Schools;

namespace Sfera.Moderation;

public sealed record ChatSettingsRequest(bool ModeratorsOnly);
public sealed record MuteRequest(int Minutes);
public sealed record ChatRoleRequest(ChatRole Role);

/// <summary>What a chat's moderators and owner may do. Every action lands in the school's audit log.</summary>
public static class ModerationApi
{
    public static void MapModeration(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapSchoolGroup("Moderation");
        group.MapPut("/chats/{chatId:guid}/settings", Settings);
        group.MapPost("/chats/{chatId:guid}/members/{accountId:guid}/mute", Mute);
        group.MapPut("/chats/{chatId:guid}/members/{accountId:guid}/role", SetRole);
    }

    private static async Task<Results<Ok<ChatSummaryResponse>, ProblemHttpResult>> Settings(
        SchoolMember member, Guid chatId, ChatSettingsRequest request, SferaDb db, Outbox outbox, TimeProvider clock)
    {
        var access = await ChatAccess.FindForMemberAsync(db, member.SchoolId, member.AccountId, chatId);
        if (access is null) return Problems.NotFound();
        // Announcements are always moderators-only: everyone reads, staff post.
        if (access.Member.Role == ChatRole.Member || access.Chat.Kind is ChatKind.Personal or ChatKind.Announcements) return Problems.Forbidden();
        access.Chat.ModeratorsOnly = request.ModeratorsOnly;
        db.AuditEntries.Add(Audit.Entry(member, request.ModeratorsOnly ? "chat.read_only" : "chat.open", chatId, null, "", clock));
        await db.SaveChangesAsync();
        await ChatEvents.ChatChangedAsync(db, outbox, member.SchoolId, chatId);
        return TypedResults.Ok((await ChatQueries.SummariesAsync(db, member.SchoolId, member.AccountId, [chatId])).Single());
    }

    /// <summary>Mutes a member for some minutes (0 lifts it). Nobody mutes someone of their own rank or above.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Mute(
        SchoolMember member, Guid chatId, Guid accountId, MuteRequest request, SferaDb db, TimeProvider clock)
    {
        var access = await ChatAccess.FindForMemberAsync(db, member.SchoolId, member.AccountId, chatId);
        if (access is null) return Problems.NotFound();
        var target = await db.ChatMembers.FirstOrDefaultAsync(m => m.ChatId == chatId && m.AccountId == accountId);
        if (target is null) return Problems.NotFound();
        if (access.Member.Role == ChatRole.Member || target.Role >= access.Member.Role) return Problems.Forbidden();
        if (request.Minutes is < 0 or > 10080) return Problems.Field("minutes", "range");
        target.MutedUntil = request.Minutes == 0 ? null : clock.GetUtcNow().AddMinutes(request.Minutes);
        db.AuditEntries.Add(Audit.Entry(member, request.Minutes == 0 ? "member.unmute" : "member.mute", chatId, accountId, $"{request.Minutes} min", clock));
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    /// <summary>The owner of a group makes members moderators or takes it back. Automatic chats take roles from the roster.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> SetRole(
        SchoolMember member, Guid chatId, Guid accountId, ChatRoleRequest request, SferaDb db, Outbox outbox, TimeProvider clock)
    {
        var access = await ChatAccess.FindForMemberAsync(db, member.SchoolId, member.AccountId, chatId);
        if (access is null) return Problems.NotFound();
        var target = await db.ChatMembers.FirstOrDefaultAsync(m => m.ChatId == chatId && m.AccountId == accountId);
        if (target is null) return Problems.NotFound();
        if (access.Chat.Kind != ChatKind.Group || access.Member.Role != ChatRole.Owner || target.Role == ChatRole.Owner) return Problems.Forbidden();
        if (request.Role == ChatRole.Owner || !Enum.IsDefined(request.Role)) return Problems.Field("role", "enum");
        target.Role = request.Role;
        db.AuditEntries.Add(Audit.Entry(member, "member.role", chatId, accountId, request.Role.ToString(), clock));
        await db.SaveChangesAsync();
        await ChatEvents.ChatChangedAsync(db, outbox, member.SchoolId, chatId);
        return TypedResults.NoContent();
    }
}
