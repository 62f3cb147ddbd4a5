using Sfera.Data;
using Sfera.Realtime;

namespace Sfera.Chats;

/// <summary>Chat-level events carry each recipient's own view of the chat (title, unread count, role).</summary>
public static class ChatEvents
{
    public static async Task AddedAsync(SferaDb db, Outbox outbox, Guid schoolId, Guid chatId, IEnumerable<Guid> accounts)
    {
        foreach (var account in accounts.Distinct())
        {
            var summary = (await ChatQueries.SummariesAsync(db, schoolId, account, [chatId])).Single();
            outbox.Add(account, c => c.ChatAdded(new ChatAddedEvent(schoolId, summary)));
        }
    }

    public static async Task ChatChangedAsync(SferaDb db, Outbox outbox, Guid schoolId, Guid chatId)
    {
        foreach (var account in await ChatAccess.MemberIdsAsync(db, chatId))
        {
            var summary = (await ChatQueries.SummariesAsync(db, schoolId, account, [chatId])).Single();
            outbox.Add(account, c => c.ChatUpdated(new ChatAddedEvent(schoolId, summary)));
        }
    }
}
