using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Moderation;
using Sfera.Realtime;
using Sfera.Schools;

namespace Sfera.Messages;

/// <summary>A new message. Mentions name members; MentionAll (@all) is for moderators; ForwardedFromId copies a message
/// the sender can see in another chat; RequiresConfirmation ("please confirm") is for moderators. Attachments are files
/// the sender uploaded or can read (at most 10; the text may then be empty). With Poll the text is the poll's question.</summary>
public sealed record SendMessageRequest(
    string ClientId, string Text, Guid? ReplyToId = null, List<Guid>? Mentions = null, bool MentionAll = false,
    Guid? ForwardedFromId = null, bool RequiresConfirmation = false, List<Guid>? Attachments = null, Polls.PollRequest? Poll = null, bool Urgent = false);
public sealed record EditMessageRequest(string Text);
public sealed record ReadRequest(long Seq);
public sealed record ReceiptsResponse(int ReadCount, int MemberCount, List<Classes.PersonRef> ReadBy);

public static class MessagesApi
{
    public const int MaxLength = 4096;

    public static void MapMessages(this IEndpointRouteBuilder routes)
    {
        var chat = routes.MapChatGroup("Messages");
        chat.MapGet("/messages", List).WithSummary("A page of history by sequence number (before, after, around), or the changes since a version.");
        chat.MapPost("/messages", (SchoolMember member, ChatMembership access, SendMessageRequest request, SendMessage send) => send.HandleAsync(member, access, request)).WithSummary("Sends a message; a retry with the same clientId returns the stored one.")
            .RequireRateLimiting(RateLimits.Messages);
        chat.MapPatch("/messages/{messageId:guid}", Edit).WithSummary("The sender edits within the school's edit window.");
        chat.MapDelete("/messages/{messageId:guid}", Delete).WithSummary("The sender or a moderator deletes; kept for safeguarding where a minor is in the chat.");
        chat.MapPost("/read", Read).WithSummary("Moves the caller's read position forward.");
        chat.MapGet("/messages/{messageId:guid}/receipts", Receipts).WithSummary("Who has read a message.");
    }

    private static async Task<Results<Ok<MessagePageResponse>, ProblemHttpResult, ValidationProblem>> List(
        SchoolMember member, ChatMembership access, SferaDb db, long? before, long? after, long? around, long? changedSince, int? limit)
    {
        if (limit is < 1 or > 200) return Problems.Field("limit", "range");
        if (!await ChatPolicy.MayReadAsync(db, access.Chat, member.AccountId)) return ChatPolicy.ReadProblem();
        if (changedSince is { } since) return TypedResults.Ok(await MessageQueries.ChangesAsync(db, access.ChatId, since, limit ?? 100));
        return TypedResults.Ok(await MessageQueries.PageAsync(db, access.ChatId, before, after, around, limit ?? 50));
    }

    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult, ValidationProblem>> Edit(
        SchoolMember member, ChatMembership access, Guid messageId, EditMessageRequest request, SferaDb db, Outbox outbox, TimeProvider clock)
    {
        var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.ChatId == access.ChatId && m.DeletedAt == null);
        if (message is null) return Problems.NotFound();
        if (message.SenderId != member.AccountId) return Problems.Forbidden();
        if (await ChatPolicy.RestrictionAsync(db, access.Chat) is var restriction and not ChatRestriction.None) return ChatPolicy.Problem(restriction);
        var window = await db.Schools.Where(s => s.Id == member.SchoolId).Select(s => s.EditWindowMinutes).FirstAsync();
        if (clock.GetUtcNow() > message.CreatedAt.AddMinutes(window)) return Problems.Status(409, "edit_window");
        if (await db.Polls.AnyAsync(p => p.MessageId == messageId)) return Problems.Status(409, "poll_not_editable");
        var hasFiles = await db.Attachments.AnyAsync(a => a.MessageId == messageId);
        var v = new Validator().Text(request.Text, "text", MaxLength, required: !hasFiles, multiLine: true);
        if (!v.IsValid) return v.Problem();
        message.Text = (request.Text ?? "").Trim();
        message.EditedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        await MessageQueries.TouchAsync(db, access.ChatId, messageId);
        var response = await MessageQueries.OneAsync(db, messageId);
        outbox.Add(await ChatAccess.MemberIdsAsync(db, access.ChatId), c => c.MessageUpdated(new MessageEvent(member.SchoolId, access.ChatId, response)));
        return TypedResults.Ok(response);
    }

    /// <summary>The sender or a moderator deletes. Where a minor is in the chat the text is kept for safeguarding
    /// staff; elsewhere it is erased.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        SchoolMember member, ChatMembership access, Guid messageId, SferaDb db, Outbox outbox, TimeProvider clock)
    {
        var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.ChatId == access.ChatId && m.DeletedAt == null);
        if (message is null) return Problems.NotFound();
        var own = message.SenderId == member.AccountId;
        if (!access.MayActOn(message.SenderId)) return Problems.Forbidden();

        var memberIds = await ChatAccess.MemberIdsAsync(db, access.ChatId);
        var facts = await PersonFacts.LoadAsync(db, member.SchoolId, memberIds);
        message.DeletedAt = clock.GetUtcNow();
        message.DeletedBy = member.AccountId;
        if (!facts.Values.Any(f => f.IsMinor))
        {
            // Erased: the text now, the files once nothing else carries them (OrphanSweeper removes them a day later).
            message.Text = "";
            db.Attachments.RemoveRange(await db.Attachments.Where(a => a.MessageId == message.Id).ToListAsync());
        }
        if (!own)
            db.AuditEntries.Add(Audit.Entry(member, "message.delete", access.ChatId, message.Id, $"seq {message.Seq}", clock));
        await db.SaveChangesAsync();
        await MessageQueries.TouchAsync(db, access.ChatId, message.Id);
        outbox.Add(memberIds, c => c.MessageDeleted(new MessageDeletedEvent(member.SchoolId, access.ChatId, message.Id, message.Seq)));
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Read(
        SchoolMember member, ChatMembership access, ReadRequest request, SferaDb db, Outbox outbox)
    {
        var seq = Math.Min(request.Seq, access.Chat.LastSeq);
        // Only forward: a late request from another tab never moves the mark back.
        var moved = await db.ChatMembers.Where(m => m.Id == access.Member.Id && m.LastReadSeq < seq)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastReadSeq, seq));
        if (moved > 0)
            outbox.Add(await ChatAccess.MemberIdsAsync(db, access.ChatId), c => c.ReadUpdated(new ReadEvent(member.SchoolId, access.ChatId, member.AccountId, seq)));
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ReceiptsResponse>, ProblemHttpResult>> Receipts(SchoolMember member, ChatMembership access, Guid messageId, SferaDb db)
    {
        var message = await db.Messages.Where(m => m.Id == messageId && m.ChatId == access.ChatId).Select(m => new { m.Seq, m.SenderId }).FirstOrDefaultAsync();
        if (message is null) return Problems.NotFound();
        var others = db.ChatMembers.Where(m => m.ChatId == access.ChatId && m.AccountId != message.SenderId);
        var readers = await others.Where(m => m.LastReadSeq >= message.Seq)
            .Join(db.Users, m => m.AccountId, u => u.Id, (m, u) => new Classes.PersonRef(u.Id, u.DisplayName)).ToListAsync();
        return TypedResults.Ok(new ReceiptsResponse(readers.Count, await others.CountAsync(), readers.OrderBy(r => r.DisplayName, StringComparer.CurrentCulture).ToList()));
    }
}
