using Microsoft.EntityFrameworkCore;
using Sfera.Data;

namespace Sfera.Messages;

public sealed record ReplyPreview(Guid Id, long Seq, string SenderName, string Text, bool Deleted);
public sealed record ForwardPreview(string SenderName, DateTimeOffset SentAt);
public sealed record ReactionResponse(string Emoji, Guid AccountId);
public sealed record MessageResponse(
    Guid Id, Guid ChatId, long Seq, Guid SenderId, string SenderName, string ClientId, string Text, ReplyPreview? ReplyTo,
    ForwardPreview? ForwardedFrom, List<Guid> Mentions, bool MentionsAll, List<ReactionResponse> Reactions, bool Pinned,
    bool RequiresConfirmation, int ConfirmedCount, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Deleted);
public sealed record MessagePageResponse(List<MessageResponse> Items, bool HasMoreBefore, bool HasMoreAfter);

public static class MessageQueries
{
    /// <summary>Messages as members see them: a deleted message keeps its place in the history but not its text.</summary>
    public static IQueryable<MessageResponse> Project(SferaDb db, IQueryable<Message> messages) =>
        messages.Select(m => new MessageResponse(
            m.Id, m.ChatId, m.Seq, m.SenderId,
            db.Users.Where(u => u.Id == m.SenderId).Select(u => u.DisplayName).First(),
            m.ClientId,
            m.DeletedAt == null ? m.Text : "",
            m.ReplyToId == null ? null : db.Messages.IgnoreQueryFilters().Where(r => r.Id == m.ReplyToId).Select(r => new ReplyPreview(
                r.Id, r.Seq, db.Users.Where(u => u.Id == r.SenderId).Select(u => u.DisplayName).First(),
                r.DeletedAt == null ? (r.Text.Length > 200 ? r.Text.Substring(0, 200) : r.Text) : "", r.DeletedAt != null)).FirstOrDefault(),
            m.ForwardedFromId == null ? null : db.Messages.IgnoreQueryFilters().Where(f => f.Id == m.ForwardedFromId).Select(f => new ForwardPreview(
                db.Users.Where(u => u.Id == f.SenderId).Select(u => u.DisplayName).First(), f.CreatedAt)).FirstOrDefault(),
            db.Mentions.Where(x => x.MessageId == m.Id).OrderBy(x => x.Id).Select(x => x.AccountId).ToList(),
            m.MentionsAll,
            db.Reactions.Where(x => x.MessageId == m.Id).OrderBy(x => x.Id).Select(x => new ReactionResponse(x.Emoji, x.AccountId)).ToList(),
            m.PinnedAt != null,
            m.RequiresConfirmation,
            db.Confirmations.Count(x => x.MessageId == m.Id),
            m.CreatedAt, m.EditedAt, m.DeletedAt != null));

    public static Task<MessageResponse> OneAsync(SferaDb db, Guid messageId) =>
        Project(db, db.Messages.IgnoreQueryFilters().Where(m => m.Id == messageId)).FirstAsync();

    /// <summary>A page of history by keyset on the sequence number: before, after, or around a point; oldest first.</summary>
    public static async Task<MessagePageResponse> PageAsync(SferaDb db, Guid chatId, long? before, long? after, long? around, int limit)
    {
        var chat = db.Messages.Where(m => m.ChatId == chatId);
        List<MessageResponse> items;
        if (after is { } a)
            items = await Project(db, chat.Where(m => m.Seq > a).OrderBy(m => m.Seq).Take(limit)).ToListAsync();
        else if (around is { } c)
        {
            var older = await Project(db, chat.Where(m => m.Seq < c).OrderByDescending(m => m.Seq).Take(limit / 2)).ToListAsync();
            var newer = await Project(db, chat.Where(m => m.Seq >= c).OrderBy(m => m.Seq).Take(limit - limit / 2)).ToListAsync();
            items = [.. older.OrderBy(m => m.Seq), .. newer];
        }
        else
        {
            var q = before is { } b ? chat.Where(m => m.Seq < b) : chat;
            items = (await Project(db, q.OrderByDescending(m => m.Seq).Take(limit)).ToListAsync()).OrderBy(m => m.Seq).ToList();
        }
        if (items.Count == 0) return new([], before is not null && await chat.AnyAsync(m => m.Seq < before), after is not null && await chat.AnyAsync(m => m.Seq > after));
        var first = items[0].Seq;
        var last = items[^1].Seq;
        return new(items, await chat.AnyAsync(m => m.Seq < first), await chat.AnyAsync(m => m.Seq > last));
    }
}
