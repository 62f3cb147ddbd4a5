using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.Messages;

namespace Sfera.Chats;

/// <summary>CanPost is false in a chat for moderators only (to members) and in a restricted chat (to everyone); Restriction
/// says why a chat the contact policy no longer allows is read-only (see ChatPolicy). OthersReadSeq is the furthest any
/// other member has read: my messages up to it are "read" (by the other person in a personal chat, by at least one
/// member in a group); ReadUpdated moves it.</summary>
public sealed record ChatSummaryResponse(
    Guid Id, ChatKind Kind, string Title, Guid? ClassId, long LastSeq, long LastVersion, long LastReadSeq, int UnreadCount,
    MessageResponse? LastMessage, int MemberCount, ChatRole MyRole, bool ModeratorsOnly, bool CanPost,
    ChatRestriction Restriction = ChatRestriction.None, long OthersReadSeq = 0, DateTimeOffset? NotificationsOffUntil = null);

/// <summary>Chats as one member sees them: title from their side, their unread count (capped at <see cref="ChatQueries.UnreadCap"/>) and read position.</summary>
public static class ChatQueries
{
    /// <summary>Unread counts stop here; clients show "999+".</summary>
    public const int UnreadCap = 1000;

    public static async Task<List<ChatSummaryResponse>> SummariesAsync(SferaDb db, Guid schoolId, Guid accountId, IReadOnlyCollection<Guid>? only = null)
    {
        var rows = await db.ChatMembers.AsNoTracking().IgnoreQueryFilters()
            .Where(m => m.SchoolId == schoolId && m.AccountId == accountId && (only == null || only.Contains(m.ChatId)))
            .Join(db.Chats.IgnoreQueryFilters(), m => m.ChatId, c => c.Id, (m, c) => new { Member = m, Chat = c })
            .Select(x => new
            {
                x.Chat, x.Member,
                ClassName = db.Classes.IgnoreQueryFilters().Where(c => c.Id == x.Chat.ClassId).Select(c => c.Name).FirstOrDefault(),
                Other = x.Chat.Kind == ChatKind.Personal
                    ? db.ChatMembers.IgnoreQueryFilters().Where(o => o.ChatId == x.Chat.Id && o.AccountId != accountId)
                        .Join(db.Users, o => o.AccountId, u => u.Id, (o, u) => u.DisplayName).FirstOrDefault()
                    : null,
                // Counted up to a cap, so a chat with a million unread messages costs no more than one with a thousand.
                Unread = db.Messages.IgnoreQueryFilters().Where(msg => msg.ChatId == x.Chat.Id && msg.Seq > x.Member.LastReadSeq
                    && msg.SenderId != accountId && msg.DeletedAt == null).OrderBy(msg => msg.Seq).Take(UnreadCap).Count(), // ordered: walks the (chat, seq) index
                Members = db.ChatMembers.IgnoreQueryFilters().Count(o => o.ChatId == x.Chat.Id),
                OthersRead = db.ChatMembers.IgnoreQueryFilters().Where(o => o.ChatId == x.Chat.Id && o.AccountId != accountId)
                    .Max(o => (long?)o.LastReadSeq) ?? 0,
            })
            .ToListAsync();
        // The newest message of each chat, by the (chat, seq) index: IN lists, then the exact pairs in memory.
        var newest = rows.Where(r => r.Chat.LastSeq > 0).ToDictionary(r => r.Chat.Id, r => r.Chat.LastSeq);
        var chatIds = newest.Keys.ToList();
        var seqs = newest.Values.Distinct().ToList();
        var candidates = chatIds.Count == 0 ? [] : await MessageQueries.ListAsync(db, db.Messages.IgnoreQueryFilters()
            .Where(m => chatIds.Contains(m.ChatId) && seqs.Contains(m.Seq)));
        var last = candidates.Where(m => newest[m.ChatId] == m.Seq).ToDictionary(m => m.ChatId);
        var restrictions = await ChatPolicy.RestrictionsAsync(db, schoolId, rows.Select(r => r.Chat).ToList());
        return rows
            .Select(r => new ChatSummaryResponse(
                r.Chat.Id, r.Chat.Kind, r.Chat.Kind == ChatKind.Personal ? r.Other ?? "" : r.Chat.IsAutomatic ? r.ClassName ?? "" : r.Chat.Title,
                r.Chat.ClassId, r.Chat.LastSeq, r.Chat.LastVersion, r.Member.LastReadSeq, r.Unread, last.GetValueOrDefault(r.Chat.Id), r.Members, r.Member.Role,
                r.Chat.ModeratorsOnly, new ChatMembership(r.Chat, r.Member).MayPost && restrictions[r.Chat.Id] == ChatRestriction.None,
                restrictions[r.Chat.Id], r.OthersRead, r.Member.NotificationsOffUntil))
            .OrderByDescending(c => c.LastMessage?.CreatedAt ?? DateTimeOffset.MinValue).ThenBy(c => c.Kind).ThenBy(c => c.Title, StringComparer.Ordinal)
            .ToList();
    }
}
