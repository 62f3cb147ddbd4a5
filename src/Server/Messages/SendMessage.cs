using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Auth;
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
/// one message. Checks happen here, against what the request already loaded; the <see cref="MessageWriter"/> then
/// stores the message together with whatever else is being sent at that moment, and the answer and the event are
/// built from what was written, without reading it back.
/// </summary>
public sealed class SendMessage(SferaDb db, Outbox outbox, MessageWriter writer, CurrentUser caller, TimeProvider clock)
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
        var files = attachments.Count == 0 ? [] : await FilesApi.Readable(db, member.AccountId).Where(f => attachments.Contains(f.Id)).ToListAsync();
        if (files.Count != attachments.Count) return Problems.Field("attachments", "not_found");
        if (!access.MayPost) return Problems.Status(403, "read_only");
        // The contact policy as it stands now, not as it stood when the chat began.
        if (await ChatPolicy.RestrictionAsync(db, access.Chat) is var restriction and not ChatRestriction.None) return ChatPolicy.Problem(restriction);
        if (access.Member.MutedUntil is { } until && until > clock.GetUtcNow())
            return Problems.Status(403, "muted", new Dictionary<string, object?> { ["mutedUntil"] = until });
        MessageQueries.Quoted? reply = null;
        if (request.ReplyToId is { } replyId && (reply = await QuoteAsync(db.Messages.Where(m => m.Id == replyId && m.ChatId == chatId))) is null)
            return Problems.Field("replyToId", "not_found");
        var moderator = access.IsModerator;
        if ((request.MentionAll || request.RequiresConfirmation) && !moderator) return Problems.Status(403, "moderators_only");
        // Urgent pierces everyone's quiet hours: the school's administrators only, in the announcements channel, on the record.
        if (request.Urgent && !(member.IsAdmin && access.Chat.Kind == ChatKind.Announcements)) return Problems.Status(403, "urgent_admins_only");
        var mentions = (request.Mentions ?? []).Distinct().ToList();
        if (mentions.Count > 0)
        {
            var members = await ChatAccess.MemberIdsAsync(db, chatId);
            if (mentions.Count > 100 || mentions.Any(id => !members.Contains(id))) return Problems.Field("mentions", "not_found");
        }
        // Forwarding: only a message from a chat the sender is in, and never a deleted one.
        MessageQueries.Quoted? forwarded = null;
        if (request.ForwardedFromId is { } source && (forwarded = await QuoteAsync(db.Messages.Where(m => m.Id == source && m.DeletedAt == null
                && db.ChatMembers.Any(c => c.ChatId == m.ChatId && c.AccountId == member.AccountId)))) is null)
            return Problems.Field("forwardedFromId", "not_found");

        var draft = Draft(member, access, request, mentions, attachments);
        var written = await writer.WriteAsync(draft);
        if (written.Duplicate)
            // A retry, or a racing copy of this send, already stored it: answer with the stored one.
            return await FindAsync(chatId, member.AccountId, request.ClientId) is { } earlier
                ? TypedResults.Ok(earlier)
                : throw new InvalidOperationException("A message was refused by the database and is not stored under its client id.");
        var message = written.Message;
        var response = draft.Poll is not null
            ? await MessageQueries.OneAsync(db, message.Id)
            : new MessageResponse(message.Id, chatId, message.Seq, message.Version, message.SenderId, caller.Account!.DisplayName, message.ClientId, message.Text,
                reply is null ? null : new ReplyPreview(reply.Id, reply.Seq, reply.SenderName, reply.Text, reply.Deleted),
                forwarded is null ? null : new ForwardPreview(forwarded.SenderName, forwarded.CreatedAt),
                mentions, message.MentionsAll, [], Pinned: false, message.RequiresConfirmation, ConfirmedCount: 0, message.CreatedAt, EditedAt: null, Deleted: false,
                attachments.Select(id => FileResponse.From(files.First(f => f.Id == id))).ToList(), Poll: null, Call: null);
        outbox.Add(written.Recipients, c => c.MessageCreated(new MessageEvent(member.SchoolId, chatId, response)));
        return TypedResults.Created($"/api/v1/schools/{member.SchoolId}/chats/{chatId}/messages/{message.Id}", response);
    }

    private Task<MessageQueries.Quoted?> QuoteAsync(IQueryable<Message> messages) => MessageQueries.Quotes(db, messages).FirstOrDefaultAsync();

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

    private MessageDraft Draft(SchoolMember member, ChatMembership access, SendMessageRequest request, List<Guid> mentions, List<Guid> attachments)
    {
        // The answer is built from these values, not read back: the time as the databases keep it (SQLite to 0.1 ms).
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        var message = new Message
        {
            Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, ChatId = access.ChatId, SenderId = member.AccountId,
            ClientId = request.ClientId.Trim(), Text = (request.Text ?? "").Trim(), ReplyToId = request.ReplyToId, CreatedAt = now,
            ForwardedFromId = request.ForwardedFromId, MentionsAll = request.MentionAll, RequiresConfirmation = request.RequiresConfirmation,
            Urgent = request.Urgent,
        };
        var mentionRows = mentions.Select(id => new Mention { Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, MessageId = message.Id, AccountId = id }).ToList();
        var attachmentRows = attachments.Select((id, i) => new MessageAttachment
            { Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, MessageId = message.Id, FileId = id, Position = i }).ToList();
        Poll? poll = null;
        List<PollOption> options = [];
        if (request.Poll is { } asked)
        {
            poll = new Poll
            {
                Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, ChatId = access.ChatId, MessageId = message.Id, Multiple = asked.Multiple, Anonymous = asked.Anonymous,
                ClosesAt = asked.ClosesAt,
            };
            options = asked.Options.Select((o, i) => new PollOption { Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, PollId = poll.Id, Position = i, Text = o.Trim() }).ToList();
        }
        var audit = request.Urgent ? Moderation.Audit.Entry(member, "announcement.urgent", access.ChatId, message.Id, message.Text.Length > 200 ? message.Text[..200] + "…" : message.Text, clock) : null;
        return new MessageDraft(message, access.Member.Id, mentionRows, attachmentRows, poll, options, audit);
    }

    private async Task<MessageResponse?> FindAsync(Guid chatId, Guid senderId, string clientId)
    {
        var trimmed = clientId.Trim();
        return (await MessageQueries.ListAsync(db, db.Messages.Where(m => m.ChatId == chatId && m.SenderId == senderId && m.ClientId == trimmed)))
            .FirstOrDefault();
    }
}
