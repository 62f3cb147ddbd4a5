using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Files;
using Sfera.Polls;
using Sfera.Hosting;
using Sfera.Realtime;
using Sfera.Schools;

namespace Sfera.Messages;

/// <summary>
/// Sending: the client picks the message id (ClientId), so a retry, or two racing copies of the same send, store
/// one message. The chat's counter hands out the sequence number inside the same transaction.
/// </summary>
public sealed class SendMessage(SferaDb db, Outbox outbox, TimeProvider clock)
{
    public async Task<Results<Created<MessageResponse>, Ok<MessageResponse>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        SchoolMember member, ChatMembership access, SendMessageRequest request)
    {
        var chatId = access.ChatId;
        var attachments = (request.Attachments ?? []).Distinct().ToList();
        var v = new Validator().Text(request.ClientId, "clientId", 64)
            .Text(request.Text, "text", request.Poll is null ? MessagesApi.MaxLength : MaxQuestion, required: attachments.Count == 0 || request.Poll is not null, multiLine: true)
            .Check(attachments.Count <= MaxAttachments, "attachments", "too_many")
            .Check(attachments.Count == 0 || request.Poll is null, "attachments", "invalid");
        if (request.Poll is { } poll) ValidatePoll(v, poll);
        if (!v.IsValid) return v.Problem();
        // Only files the sender may read: their own uploads, or files posted where they are (forwarding).
        if (attachments.Count > 0 && await FilesApi.Readable(db, member.AccountId).CountAsync(f => attachments.Contains(f.Id)) != attachments.Count)
            return Problems.Field("attachments", "not_found");
        if (!access.MayPost) return Problems.Status(403, "read_only");
        // The contact policy as it stands now, not as it stood when the chat began.
        if (await ChatPolicy.RestrictionAsync(db, access.Chat) is var restriction and not ChatRestriction.None) return ChatPolicy.Problem(restriction);
        if (access.Member.MutedUntil is { } until && until > clock.GetUtcNow())
            return Problems.Status(403, "muted", new Dictionary<string, object?> { ["mutedUntil"] = until });
        if (request.ReplyToId is { } reply && !await db.Messages.AnyAsync(m => m.Id == reply && m.ChatId == chatId))
            return Problems.Field("replyToId", "not_found");
        var moderator = access.IsModerator;
        if ((request.MentionAll || request.RequiresConfirmation) && !moderator) return Problems.Status(403, "moderators_only");
        var mentions = (request.Mentions ?? []).Distinct().ToList();
        if (mentions.Count > 0)
        {
            var members = await ChatAccess.MemberIdsAsync(db, chatId);
            if (mentions.Count > 100 || mentions.Any(id => !members.Contains(id))) return Problems.Field("mentions", "not_found");
        }
        // Forwarding: only a message from a chat the sender is in, and never a deleted one.
        if (request.ForwardedFromId is { } source && !await db.Messages.AnyAsync(m => m.Id == source && m.DeletedAt == null
                && db.ChatMembers.Any(c => c.ChatId == m.ChatId && c.AccountId == member.AccountId)))
            return Problems.Field("forwardedFromId", "not_found");

        if (await FindAsync(chatId, member.AccountId, request.ClientId) is { } earlier) return TypedResults.Ok(earlier);
        Guid id;
        try
        {
            id = await StoreAsync(member, chatId, request, mentions, attachments);
        }
        catch (DbUpdateException)
        {
            // A concurrent copy of this send won the unique (chat, sender, client id) index: answer with it.
            db.ChangeTracker.Clear();
            if (await FindAsync(chatId, member.AccountId, request.ClientId) is { } winner) return TypedResults.Ok(winner);
            throw;
        }
        var response = await MessageQueries.OneAsync(db, id);
        outbox.Add(await ChatAccess.MemberIdsAsync(db, chatId), c => c.MessageCreated(new MessageEvent(member.SchoolId, chatId, response)));
        return TypedResults.Created($"/api/v1/schools/{member.SchoolId}/chats/{chatId}/messages/{id}", response);
    }

    private const int MaxAttachments = 10;
    private const int MaxQuestion = 300;

    private void ValidatePoll(Validator v, PollRequest poll)
    {
        var options = (poll.Options ?? []).Select(o => (o ?? "").Trim()).ToList();
        v.Check(options.Count is >= 2 and <= 10 && options.All(o => o.Length > 0)
                && options.Distinct(StringComparer.CurrentCultureIgnoreCase).Count() == options.Count, "poll.options", "poll_options");
        v.Check(options.All(o => TextRules.Length(o) <= 200), "poll.options", "too_long").Check(!options.Any(o => TextRules.HasControl(o)), "poll.options", "control_chars");
        var now = clock.GetUtcNow();
        if (poll.ClosesAt is { } at) v.Check(at > now, "poll.closesAt", "in_past").Check(at <= now.AddYears(1), "poll.closesAt", "range");
    }

    private async Task<Guid> StoreAsync(SchoolMember member, Guid chatId, SendMessageRequest request, List<Guid> mentions, List<Guid> attachments)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Chats.Where(c => c.Id == chatId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.LastSeq, c => c.LastSeq + 1).SetProperty(c => c.LastVersion, c => c.LastVersion + 1));
        var counters = await db.Chats.Where(c => c.Id == chatId).Select(c => new { c.LastSeq, c.LastVersion }).FirstAsync();
        var seq = counters.LastSeq;
        var message = new Message
        {
            Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, ChatId = chatId, Seq = seq, Version = counters.LastVersion, SenderId = member.AccountId,
            ClientId = request.ClientId.Trim(), Text = (request.Text ?? "").Trim(), ReplyToId = request.ReplyToId, CreatedAt = clock.GetUtcNow(),
            ForwardedFromId = request.ForwardedFromId, MentionsAll = request.MentionAll, RequiresConfirmation = request.RequiresConfirmation,
        };
        db.Messages.Add(message);
        foreach (var mentioned in mentions)
            db.Mentions.Add(new Mention { Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, MessageId = message.Id, AccountId = mentioned });
        for (var i = 0; i < attachments.Count; i++)
            db.Attachments.Add(new MessageAttachment { Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, MessageId = message.Id, FileId = attachments[i], Position = i });
        if (request.Poll is { } poll)
        {
            var pollId = Guid.CreateVersion7();
            db.Polls.Add(new Poll
            {
                Id = pollId, SchoolId = member.SchoolId, ChatId = chatId, MessageId = message.Id, Multiple = poll.Multiple, Anonymous = poll.Anonymous,
                ClosesAt = poll.ClosesAt,
            });
            var options = poll.Options.Select(o => o.Trim()).ToList();
            for (var i = 0; i < options.Count; i++)
                db.PollOptions.Add(new PollOption { Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, PollId = pollId, Position = i, Text = options[i] });
        }
        await db.SaveChangesAsync();
        // One's own message is read.
        await db.ChatMembers.Where(m => m.ChatId == chatId && m.AccountId == member.AccountId && m.LastReadSeq < seq)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastReadSeq, seq));
        await tx.CommitAsync();
        return message.Id;
    }

    private async Task<MessageResponse?> FindAsync(Guid chatId, Guid senderId, string clientId)
    {
        var trimmed = clientId.Trim();
        return (await MessageQueries.ListAsync(db, db.Messages.Where(m => m.ChatId == chatId && m.SenderId == senderId && m.ClientId == trimmed)))
            .FirstOrDefault();
    }
}
