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
        var chat = routes.MapChatGroup("Messages");
        chat.MapPut("/messages/{messageId:guid}/reactions/{emoji}", (SchoolMember m, ChatMembership a, Guid messageId, string emoji, SferaDb db, Outbox o) => React(m, a, messageId, emoji, true, db, o)).WithSummary("Adds a reaction from the fixed palette.");
        chat.MapDelete("/messages/{messageId:guid}/reactions/{emoji}", (SchoolMember m, ChatMembership a, Guid messageId, string emoji, SferaDb db, Outbox o) => React(m, a, messageId, emoji, false, db, o)).WithSummary("Removes the caller's reaction.");
        chat.MapPut("/messages/{messageId:guid}/pin", (SchoolMember m, ChatMembership a, Guid messageId, SferaDb db, Outbox o, TimeProvider c) => Pin(m, a, messageId, true, db, o, c)).WithSummary("Pins a message (moderators; either person in a personal chat).");
        chat.MapDelete("/messages/{messageId:guid}/pin", (SchoolMember m, ChatMembership a, Guid messageId, SferaDb db, Outbox o, TimeProvider c) => Pin(m, a, messageId, false, db, o, c)).WithSummary("Unpins a message.");
        chat.MapGet("/pins", Pins).WithSummary("The chat's pinned messages.");
        chat.MapPost("/messages/{messageId:guid}/confirm", Confirm).WithSummary("Confirms a \"please confirm\" message.");
        chat.MapGet("/messages/{messageId:guid}/confirmations", Confirmations).WithSummary("Who has confirmed and who has not (for the sender and moderators).");
        chat.MapPost("/messages/{messageId:guid}/remind", Remind).WithSummary("Reminds those who have not confirmed yet.");
    }

    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult, ValidationProblem>> React(
        SchoolMember member, ChatMembership access, Guid messageId, string emoji, bool add, SferaDb db, Outbox outbox)
    {
        if (await FindAsync(db, access, messageId) is not { } message) return Problems.NotFound();
        if (!Palette.Contains(emoji)) return Problems.Field("emoji", "enum");
        if (await ChatPolicy.RestrictionAsync(db, access.Chat) is var restriction and not ChatRestriction.None) return ChatPolicy.Problem(restriction);
        var existing = await db.Reactions.FirstOrDefaultAsync(r => r.MessageId == messageId && r.AccountId == member.AccountId && r.Emoji == emoji);
        if (add && existing is null)
            db.Reactions.Add(new Reaction { Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, MessageId = messageId, AccountId = member.AccountId, Emoji = emoji });
        else if (!add && existing is not null)
            db.Reactions.Remove(existing);
        else
            return TypedResults.Ok(await MessageQueries.OneAsync(db, messageId));
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); } // the same reaction from another tab got there first
        return await PushedAsync(db, outbox, member, access, messageId);
    }

    /// <summary>Moderators pin in groups and school chats; in a personal chat either person may.</summary>
    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> Pin(
        SchoolMember member, ChatMembership access, Guid messageId, bool pin, SferaDb db, Outbox outbox, TimeProvider clock)
    {
        if (await FindAsync(db, access, messageId) is not { } message) return Problems.NotFound();
        if (!access.MayPin) return Problems.Forbidden();
        message.PinnedAt = pin ? message.PinnedAt ?? clock.GetUtcNow() : null;
        await db.SaveChangesAsync();
        return await PushedAsync(db, outbox, member, access, messageId);
    }

    private static async Task<Results<Ok<List<MessageResponse>>, ProblemHttpResult>> Pins(SchoolMember member, ChatMembership access, SferaDb db)
    {
        if (!await ChatPolicy.MayReadAsync(db, access.Chat, member.AccountId)) return ChatPolicy.ReadProblem();
        var pinned = await MessageQueries.ListAsync(db, db.Messages.Where(m => m.ChatId == access.ChatId && m.PinnedAt != null && m.DeletedAt == null)
            .OrderByDescending(m => m.PinnedAt));
        return TypedResults.Ok(pinned);
    }

    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> Confirm(
        SchoolMember member, ChatMembership access, Guid messageId, SferaDb db, Outbox outbox, TimeProvider clock)
    {
        if (await FindAsync(db, access, messageId) is not { } message || !message.RequiresConfirmation) return Problems.NotFound();
        if (!await db.Confirmations.AnyAsync(c => c.MessageId == messageId && c.AccountId == member.AccountId))
        {
            db.Confirmations.Add(new Confirmation { Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, MessageId = messageId, AccountId = member.AccountId, ConfirmedAt = clock.GetUtcNow() });
            try { await db.SaveChangesAsync(); }
            catch (DbUpdateException) { db.ChangeTracker.Clear(); }
        }
        return await PushedAsync(db, outbox, member, access, messageId);
    }

    /// <summary>Who has confirmed and who has not: for the sender and the chat's moderators.</summary>
    private static async Task<Results<Ok<ConfirmationsResponse>, ProblemHttpResult>> Confirmations(SchoolMember member, ChatMembership access, Guid messageId, SferaDb db)
    {
        if (await FindAsync(db, access, messageId) is not { } message || !message.RequiresConfirmation) return Problems.NotFound();
        if (!access.MayActOn(message.SenderId)) return Problems.Forbidden();
        var (confirmed, pending) = await SplitAsync(db, access.ChatId, message);
        return TypedResults.Ok(new ConfirmationsResponse(confirmed, pending));
    }

    private static async Task<Results<Ok<ConfirmationsResponse>, ProblemHttpResult>> Remind(
        SchoolMember member, ChatMembership access, Guid messageId, SferaDb db, Outbox outbox)
    {
        if (await FindAsync(db, access, messageId) is not { } message || !message.RequiresConfirmation) return Problems.NotFound();
        if (!access.MayActOn(message.SenderId)) return Problems.Forbidden();
        var (confirmed, pending) = await SplitAsync(db, access.ChatId, message);
        var response = await MessageQueries.OneAsync(db, messageId);
        outbox.Add(pending.Select(p => p.AccountId), c => c.ConfirmationRequested(new MessageEvent(member.SchoolId, access.ChatId, response)));
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

    private static Task<Message?> FindAsync(SferaDb db, ChatMembership access, Guid messageId) =>
        db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.ChatId == access.ChatId && m.DeletedAt == null);

    private static async Task<Ok<MessageResponse>> PushedAsync(SferaDb db, Outbox outbox, SchoolMember member, ChatMembership access, Guid messageId)
    {
        await MessageQueries.TouchAsync(db, access.ChatId, messageId);
        var response = await MessageQueries.OneAsync(db, messageId);
        outbox.Add(await ChatAccess.MemberIdsAsync(db, access.ChatId), c => c.MessageUpdated(new MessageEvent(member.SchoolId, access.ChatId, response)));
        return TypedResults.Ok(response);
    }
}
