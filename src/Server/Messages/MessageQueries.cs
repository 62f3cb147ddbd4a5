using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.Files;
using Sfera.Polls;

namespace Sfera.Messages;

public sealed record ReplyPreview(Guid Id, long Seq, string SenderName, string Text, bool Deleted);
public sealed record ForwardPreview(string SenderName, DateTimeOffset SentAt);
public sealed record ReactionResponse(string Emoji, Guid AccountId);
public sealed record MessageResponse(
    Guid Id, Guid ChatId, long Seq, long Version, Guid SenderId, string SenderName, string ClientId, string Text, ReplyPreview? ReplyTo,
    ForwardPreview? ForwardedFrom, List<Guid> Mentions, bool MentionsAll, List<ReactionResponse> Reactions, bool Pinned,
    bool RequiresConfirmation, int ConfirmedCount, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Deleted,
    List<FileResponse> Attachments, PollResponse? Poll, CallNoteResponse? Call);
/// <summary>A note about a call: its outcome and, once it has ended after being answered, how long it lasted.</summary>
public sealed record CallNoteResponse(Guid CallId, CallNote Event, bool Video, int? DurationSeconds);
public sealed record MessagePageResponse(List<MessageResponse> Items, bool HasMoreBefore, bool HasMoreAfter);

public static class MessageQueries
{
    private sealed record Row(
        Guid Id, Guid ChatId, long Seq, long Version, Guid SenderId, string SenderName, string ClientId, string Text, Guid? ReplyToId, Guid? ForwardedFromId,
        List<Guid> Mentions, bool MentionsAll, List<ReactionResponse> Reactions, bool Pinned, bool RequiresConfirmation, int ConfirmedCount,
        DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Deleted, bool HasFiles, bool HasPoll, Guid? CallId, CallNote? CallNote);

    /// <summary>A quoted (replied-to or forwarded) message as previews show it.</summary>
    internal sealed record Quoted(Guid Id, long Seq, string SenderName, string Text, bool Deleted, DateTimeOffset CreatedAt);

    /// <summary>Messages as quotes: a deleted one keeps its place but not its text; the text is cut to 200 characters.</summary>
    internal static IQueryable<Quoted> Quotes(SferaDb db, IQueryable<Message> messages) =>
        messages.Select(q => new Quoted(q.Id, q.Seq, db.Users.Where(u => u.Id == q.SenderId).Select(u => u.DisplayName).First(),
            q.DeletedAt == null ? (q.Text.Length > 200 ? q.Text.Substring(0, 200) : q.Text) : "", q.DeletedAt != null, q.CreatedAt));

    /// <summary>Messages as members see them, in the query's order: a deleted message keeps its place but not its text.
    /// Quoted and forwarded messages are looked up by id in a second query (as a join they would scan the table).</summary>
    public static async Task<List<MessageResponse>> ListAsync(SferaDb db, IQueryable<Message> messages)
    {
        var rows = await messages.Select(m => new Row(
            m.Id, m.ChatId, m.Seq, m.Version, m.SenderId,
            db.Users.Where(u => u.Id == m.SenderId).Select(u => u.DisplayName).First(),
            m.ClientId,
            m.DeletedAt == null ? m.Text : "",
            m.ReplyToId, m.ForwardedFromId,
            db.Mentions.Where(x => x.MessageId == m.Id).OrderBy(x => x.Id).Select(x => x.AccountId).ToList(),
            m.MentionsAll,
            db.Reactions.Where(x => x.MessageId == m.Id).OrderBy(x => x.Id).Select(x => new ReactionResponse(x.Emoji, x.AccountId)).ToList(),
            m.PinnedAt != null,
            m.RequiresConfirmation,
            db.Confirmations.Count(x => x.MessageId == m.Id),
            m.CreatedAt, m.EditedAt, m.DeletedAt != null,
            db.Attachments.Any(a => a.MessageId == m.Id), db.Polls.Any(p => p.MessageId == m.Id), m.CallId, m.CallNote)).ToListAsync();

        var quotedIds = rows.SelectMany(r => new[] { r.ReplyToId, r.ForwardedFromId }).OfType<Guid>().Distinct().ToList();
        var quoted = quotedIds.Count == 0 ? [] : await Quotes(db, db.Messages.IgnoreQueryFilters().Where(q => quotedIds.Contains(q.Id)))
            .ToDictionaryAsync(q => q.Id);

        // Attachments and polls of messages that are not deleted, also by id, and only when the page has some.
        var withFiles = rows.Where(r => !r.Deleted && r.HasFiles).Select(r => r.Id).ToList();
        var withPolls = rows.Where(r => !r.Deleted && r.HasPoll).Select(r => r.Id).ToList();
        var files = withFiles.Count == 0 ? [] : (await db.Attachments.IgnoreQueryFilters().Where(a => withFiles.Contains(a.MessageId))
                .Join(db.Files.IgnoreQueryFilters(), a => a.FileId, f => f.Id, (a, f) => new { a.MessageId, a.Position, File = f }).ToListAsync())
            .GroupBy(a => a.MessageId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.Position).Select(a => FileResponse.From(a.File)).ToList());
        var polls = await PollResults.LoadAsync(db, withPolls);
        var callIds = rows.Select(r => r.CallId).OfType<Guid>().Distinct().ToList();
        var calls = callIds.Count == 0 ? [] : await db.Calls.IgnoreQueryFilters().Where(c => callIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id);

        return rows.Select(r => new MessageResponse(
            r.Id, r.ChatId, r.Seq, r.Version, r.SenderId, r.SenderName, r.ClientId, r.Text,
            r.ReplyToId is { } reply && quoted.TryGetValue(reply, out var rq) ? new ReplyPreview(rq.Id, rq.Seq, rq.SenderName, rq.Text, rq.Deleted) : null,
            r.ForwardedFromId is { } forward && quoted.TryGetValue(forward, out var fq) ? new ForwardPreview(fq.SenderName, fq.CreatedAt) : null,
            r.Mentions, r.MentionsAll, r.Reactions, r.Pinned, r.RequiresConfirmation, r.ConfirmedCount, r.CreatedAt, r.EditedAt, r.Deleted,
            files.GetValueOrDefault(r.Id) ?? [], polls.GetValueOrDefault(r.Id),
            r.CallId is { } callId && r.CallNote is { } note && calls.TryGetValue(callId, out var call) ? Calls.CallNotes.Response(call, note) : null)).ToList();
    }

    public static async Task<MessageResponse> OneAsync(SferaDb db, Guid messageId) =>
        (await ListAsync(db, db.Messages.IgnoreQueryFilters().Where(m => m.Id == messageId))).Single();

    /// <summary>Gives a changed message the chat's next version. One transaction, so versions never go backwards.</summary>
    public static async Task TouchAsync(SferaDb db, Guid chatId, Guid messageId)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Chats.Where(c => c.Id == chatId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastVersion, c => c.LastVersion + 1));
        var version = await db.Chats.Where(c => c.Id == chatId).Select(c => c.LastVersion).FirstAsync();
        await db.Messages.Where(m => m.Id == messageId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Version, version));
        await tx.CommitAsync();
    }

    /// <summary>Every message created or changed after a version, oldest change first: what a client that was away
    /// missed, edits and deletions included. Deleted messages come with deleted=true.</summary>
    public static async Task<MessagePageResponse> ChangesAsync(SferaDb db, Guid chatId, long since, int limit)
    {
        var changed = db.Messages.Where(m => m.ChatId == chatId && m.Version > since);
        var items = await ListAsync(db, changed.OrderBy(m => m.Version).Take(limit));
        var last = items.Count > 0 ? items[^1].Version : long.MaxValue;
        var hasMore = items.Count > 0 && await changed.Where(m => m.Version > last).OrderBy(m => m.Version).Select(m => (long?)m.Version).FirstOrDefaultAsync() is not null;
        return new(items, false, hasMore);
    }

    /// <summary>A page of history by keyset on the sequence number: before, after, or around a point; oldest first.</summary>
    public static async Task<MessagePageResponse> PageAsync(SferaDb db, Guid chatId, long? before, long? after, long? around, int limit)
    {
        var chat = db.Messages.Where(m => m.ChatId == chatId);
        List<MessageResponse> items;
        if (after is { } a)
            items = await ListAsync(db, chat.Where(m => m.Seq > a).OrderBy(m => m.Seq).Take(limit));
        else if (around is { } c)
        {
            var older = await ListAsync(db, chat.Where(m => m.Seq < c).OrderByDescending(m => m.Seq).Take(limit / 2));
            var newer = await ListAsync(db, chat.Where(m => m.Seq >= c).OrderBy(m => m.Seq).Take(limit - limit / 2));
            items = [.. older.OrderBy(m => m.Seq), .. newer];
        }
        else
        {
            var q = before is { } b ? chat.Where(m => m.Seq < b) : chat;
            items = (await ListAsync(db, q.OrderByDescending(m => m.Seq).Take(limit))).OrderBy(m => m.Seq).ToList();
        }
        if (items.Count == 0) return new([], before is { } upTo && await AnyBeforeAsync(chat, upTo), after is { } from && await AnyAfterAsync(chat, from));
        return new(items, await AnyBeforeAsync(chat, items[0].Seq), await AnyAfterAsync(chat, items[^1].Seq));
    }

    // Whether the chat has a message before or after a point, asked as "the nearest one", which the (ChatId, Seq) index
    // answers at once under any plan. Asked as EXISTS over a range, PostgreSQL may settle on a generic plan for the
    // prepared statement that scans the table, sure to meet a row soon: over a million-message chat's first pages that
    // took a second and more (docs/performance.md, "Big history").
    private static async Task<bool> AnyBeforeAsync(IQueryable<Message> chat, long seq) =>
        await chat.Where(m => m.Seq < seq).OrderByDescending(m => m.Seq).Select(m => (long?)m.Seq).FirstOrDefaultAsync() is not null;

    private static async Task<bool> AnyAfterAsync(IQueryable<Message> chat, long seq) =>
        await chat.Where(m => m.Seq > seq).OrderBy(m => m.Seq).Select(m => (long?)m.Seq).FirstOrDefaultAsync() is not null;
}
