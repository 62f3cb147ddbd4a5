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
        var chat = routes.MapChatGroup("Moderation");
        chat.MapPut("/settings", Settings).WithSummary("Moderators make a chat read-only or open it again.");
        chat.MapPost("/members/{accountId:guid}/mute", Mute).WithSummary("Moderators mute a member for some minutes (0 lifts it).");
        chat.MapPut("/members/{accountId:guid}/role", SetRole).WithSummary("A group's owner makes a member a moderator or takes it back.");
    }

    private static async Task<Results<Ok<ChatSummaryResponse>, ProblemHttpResult>> Settings(
        SchoolMember member, ChatMembership access, ChatSettingsRequest request, SferaDb db, Outbox outbox, TimeProvider clock)
    {
        // Announcements are always moderators-only: everyone reads, staff post.
        if (!access.MayChangeSettings) return Problems.Forbidden();
        access.Chat.ModeratorsOnly = request.ModeratorsOnly;
        db.AuditEntries.Add(Audit.Entry(member, request.ModeratorsOnly ? "chat.read_only" : "chat.open", access.ChatId, null, "", clock));
        await db.SaveChangesAsync();
        await ChatEvents.ChatChangedAsync(db, outbox, member.SchoolId, access.ChatId);
        return TypedResults.Ok((await ChatQueries.SummariesAsync(db, member.SchoolId, member.AccountId, [access.ChatId])).Single());
    }

    /// <summary>Mutes a member for some minutes (0 lifts it). Nobody mutes someone of their own rank or above.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Mute(
        SchoolMember member, ChatMembership access, Guid accountId, MuteRequest request, SferaDb db, TimeProvider clock)
    {
        var target = await db.ChatMembers.FirstOrDefaultAsync(m => m.ChatId == access.ChatId && m.AccountId == accountId);
        if (target is null) return Problems.NotFound();
        if (!access.Outranks(target)) return Problems.Forbidden();
        if (request.Minutes is < 0 or > 10080) return Problems.Field("minutes", "range");
        target.MutedUntil = request.Minutes == 0 ? null : clock.GetUtcNow().AddMinutes(request.Minutes);
        db.AuditEntries.Add(Audit.Entry(member, request.Minutes == 0 ? "member.unmute" : "member.mute", access.ChatId, accountId, $"{request.Minutes} min", clock));
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    /// <summary>The owner of a group makes members moderators or takes it back. Automatic chats take roles from the roster.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> SetRole(
        SchoolMember member, ChatMembership access, Guid accountId, ChatRoleRequest request, SferaDb db, Outbox outbox, TimeProvider clock)
    {
        var target = await db.ChatMembers.FirstOrDefaultAsync(m => m.ChatId == access.ChatId && m.AccountId == accountId);
        if (target is null) return Problems.NotFound();
        if (access.Chat.Kind != ChatKind.Group || !access.IsOwner || !access.Outranks(target)) return Problems.Forbidden();
        if (request.Role == ChatRole.Owner || !Enum.IsDefined(request.Role)) return Problems.Field("role", "enum");
        target.Role = request.Role;
        db.AuditEntries.Add(Audit.Entry(member, "member.role", access.ChatId, accountId, request.Role.ToString(), clock));
        await db.SaveChangesAsync();
        await ChatEvents.ChatChangedAsync(db, outbox, member.SchoolId, access.ChatId);
        return TypedResults.NoContent();
    }
}
