using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Realtime;
using Sfera.Schools;

namespace Sfera.Messages;

public sealed record ConfirmationsResponse(List<Classes.PersonRef> Confirmed, List<Classes.PersonRef> Pending);

/// <summary>Reactions, pins and "please confirm" on a message. Each change is pushed as the updated message.</summary>
public static class MessageActionsApi
{
    /// <summary>A small, friendly palette: schools asked for reactions, not for every emoji there is.</summary>
    public static readonly string[] Palette = ["👍", "❤️", "😂", "😮", "😢", "🙏", "👏", "🔥", "✅", "🎉"];

    public static void MapMessageActions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapSchoolGroup("Messages");
        group.MapPut("/chats/{chatId:guid}/messages/{messageId:guid}/reactions/{emoji}", (SchoolMember m, Guid chatId, Guid messageId, string emoji, SferaDb db, Outbox o) => React(m, chatId, messageId, emoji, true, db, o));
        group.MapDelete("/chats/{chatId:guid}/messages/{messageId:guid}/reactions/{emoji}", (SchoolMember m, Guid chatId, Guid messageId, string emoji, SferaDb db, Outbox o) => React(m, chatId, messageId, emoji, false, db, o));
        group.MapPut("/chats/{chatId:guid}/messages/{messageId:guid}/pin", (SchoolMember m, Guid chatId, Guid messageId, SferaDb db, Outbox o, TimeProvider c) => Pin(m, chatId, messageId, true, db, o, c));
        group.MapDelete("/chats/{chatId:guid}/messages/{messageId:guid}/pin", (SchoolMember m, Guid chatId, Guid messageId, SferaDb db, Outbox o, TimeProvider c) => Pin(m, chatId, messageId, false, db, o, c));
        group.MapGet("/chats/{chatId:guid}/pins", Pins);
        group.MapPost("/chats/{chatId:guid}/messages/{messageId:guid}/confirm", Confirm);
        group.MapGet("/chats/{chatId:guid}/messages/{messageId:guid}/confirmations", Confirmations);
        group.MapPost("/chats/{chatId:guid}/messages/{messageId:guid}/remind", Remind);
    }

    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult, ValidationProblem>> React(
        SchoolMember member, Guid chatId, Guid messageId, string emoji, bool add, SferaDb db, Outbox outbox)
    {
        if (await FindAsync(db, member, chatId, messageId) is not { } found) return Problems.NotFound();
        if (!Palette.Contains(emoji)) return Problems.Field("emoji", "enum");
        if (await ChatPolicy.RestrictionAsync(db, found.Access.Chat) is var restriction and not ChatRestriction.None) return ChatPolicy.Problem(restriction);
        var existing = await db.Reactions.FirstOrDefaultAsync(r => r.MessageId == messageId && r.AccountId == member.AccountId && r.Emoji == emoji);
        if (add && existing is null)
            db.Reactions.Add(new Reaction { Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, MessageId = messageId, AccountId = member.AccountId, Emoji = emoji });
        else if (!add && existing is not null)
            db.Reactions.Remove(existing);
        else
            return TypedResults.Ok(await MessageQueries.OneAsync(db, messageId));
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); } // the same reaction from another tab got there first
        return await PushedAsync(db, outbox, member, chatId, messageId);
    }

    /// <summary>Moderators pin in groups and school chats; in a personal chat either person may.</summary>
    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> Pin(
        SchoolMember member, Guid chatId, Guid messageId, bool pin, SferaDb db, Outbox outbox, TimeProvider clock)
    {
        if (await FindAsync(db, member, chatId, messageId) is not { } found) return Problems.NotFound();
        if (found.Access.Member.Role == ChatRole.Member && found.Access.Chat.Kind != ChatKind.Personal) return Problems.Forbidden();
        found.Message.PinnedAt = pin ? found.Message.PinnedAt ?? clock.GetUtcNow() : null;
        await db.SaveChangesAsync();
        return await PushedAsync(db, outbox, member, chatId, messageId);
    }

    private static async Task<Results<Ok<List<MessageResponse>>, ProblemHttpResult>> Pins(SchoolMember member, Guid chatId, SferaDb db)
    {
        if (await ChatAccess.FindForMemberAsync(db, member.SchoolId, member.AccountId, chatId) is not { } access) return Problems.NotFound();
        if (!await ChatPolicy.MayReadAsync(db, access.Chat, member.AccountId)) return ChatPolicy.ReadProblem();
        var pinned = await MessageQueries.ListAsync(db, db.Messages.Where(m => m.ChatId == chatId && m.PinnedAt != null && m.DeletedAt == null)
            .OrderByDescending(m => m.PinnedAt));
        return TypedResults.Ok(pinned);
    }

    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> Confirm(
        SchoolMember member, Guid chatId, Guid messageId, SferaDb db, Outbox outbox, TimeProvider clock)
    {
        if (await FindAsync(db, member, chatId, messageId) is not { } found || !found.Message.RequiresConfirmation) return Problems.NotFound();
        if (!await db.Confirmations.AnyAsync(c => c.MessageId == messageId && c.AccountId == member.AccountId))
        {
            db.Confirmations.Add(new Confirmation { Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, MessageId = messageId, AccountId = member.AccountId, ConfirmedAt = clock.GetUtcNow() });
            try { await db.SaveChangesAsync(); }
            catch (DbUpdateException) { db.ChangeTracker.Clear(); }
        }
        return await PushedAsync(db, outbox, member, chatId, messageId);
    }

    /// <summary>Who has confirmed and who has not: for the sender and the chat's moderators.</summary>
    private static async Task<Results<Ok<ConfirmationsResponse>, ProblemHttpResult>> Confirmations(SchoolMember member, Guid chatId, Guid messageId, SferaDb db)
    {
        if (await FindAsync(db, member, chatId, messageId) is not { } found || !found.Message.RequiresConfirmation) return Problems.NotFound();
        if (found.Message.SenderId != member.AccountId && found.Access.Member.Role == ChatRole.Member) return Problems.Forbidden();
        var (confirmed, pending) = await SplitAsync(db, chatId, found.Message);
        return TypedResults.Ok(new ConfirmationsResponse(confirmed, pending));
    }

    private static async Task<Results<Ok<ConfirmationsResponse>, ProblemHttpResult>> Remind(
        SchoolMember member, Guid chatId, Guid messageId, SferaDb db, Outbox outbox)
    {
        if (await FindAsync(db, member, chatId, messageId) is not { } found || !found.Message.RequiresConfirmation) return Problems.NotFound();
        if (found.Message.SenderId != member.AccountId && found.Access.Member.Role == ChatRole.Member) return Problems.Forbidden();
        var (confirmed, pending) = await SplitAsync(db, chatId, found.Message);
        var message = await MessageQueries.OneAsync(db, messageId);
        outbox.Add(pending.Select(p => p.AccountId), c => c.ConfirmationRequested(new MessageEvent(member.SchoolId, chatId, message)));
        return TypedResults.Ok(new ConfirmationsResponse(confirmed, pending));
    }

    private static async Task<(List<Classes.PersonRef> Confirmed, List<Classes.PersonRef> Pending)> SplitAsync(SferaDb db, Guid chatId, Message message)
    {
        var people = await db.ChatMembers.Where(m => m.ChatId == chatId && m.AccountId != message.SenderId)
            .Join(db.Users, m => m.AccountId, u => u.Id, (m, u) => new Classes.PersonRef(u.Id, u.DisplayName)).ToListAsync();
        var done = (await db.Confirmations.Where(c => c.MessageId == message.Id).Select(c => c.AccountId).ToListAsync()).ToHashSet();
        var byName = StringComparer.CurrentCulture;
        return (people.Where(p => done.Contains(p.AccountId)).OrderBy(p => p.DisplayName, byName).ToList(),
                people.Where(p => !done.Contains(p.AccountId)).OrderBy(p => p.DisplayName, byName).ToList());
    }

    private sealed record Found(ChatAccess.ChatMembership Access, Message Message);

    private static async Task<Found?> FindAsync(SferaDb db, SchoolMember member, Guid chatId, Guid messageId)
    {
        var access = await ChatAccess.FindForMemberAsync(db, member.SchoolId, member.AccountId, chatId);
        if (access is null) return null;
        var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.ChatId == chatId && m.DeletedAt == null);
        return message is null ? null : new Found(access, message);
    }

    private static async Task<Ok<MessageResponse>> PushedAsync(SferaDb db, Outbox outbox, SchoolMember member, Guid chatId, Guid messageId)
    {
        await MessageQueries.TouchAsync(db, chatId, messageId);
        var response = await MessageQueries.OneAsync(db, messageId);
        outbox.Add(await ChatAccess.MemberIdsAsync(db, chatId), c => c.MessageUpdated(new MessageEvent(member.SchoolId, chatId, response)));
        return TypedResults.Ok(response);
    }
}
