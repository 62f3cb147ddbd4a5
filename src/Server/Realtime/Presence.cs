using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Sfera.Chats;
using Sfera.Data;

namespace Sfera.Realtime;

/// <summary>
/// Who has a hub connection open on this node. One node's memory: with several nodes behind the Redis backplane
/// this needs a shared store, which is why it sits behind this one class.
/// </summary>
public sealed class PresenceTracker
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, Microsoft.AspNetCore.SignalR.HubCallerContext>> connections = new();

    public bool IsOnline(Guid accountId) => connections.TryGetValue(accountId, out var open) && !open.IsEmpty;

    /// <summary>Returns true when this was the person's first open connection.</summary>
    public bool Connected(Guid accountId, Microsoft.AspNetCore.SignalR.HubCallerContext context)
    {
        var open = connections.GetOrAdd(accountId, _ => new());
        lock (open)
        {
            open[context.ConnectionId] = context;
            return open.Count == 1;
        }
    }

    /// <summary>Returns true when this was the person's last open connection.</summary>
    public bool Disconnected(Guid accountId, string connectionId)
    {
        if (!connections.TryGetValue(accountId, out var open)) return false;
        lock (open)
        {
            return open.TryRemove(connectionId, out _) && open.IsEmpty;
        }
    }

    /// <summary>Closes every open connection of the person ("sign out everywhere", a new password): their clients
    /// must reconnect, and a session that no longer exists cannot.</summary>
    public void EndSessions(Guid accountId)
    {
        if (!connections.TryGetValue(accountId, out var open)) return;
        foreach (var context in open.Values) context.Abort();
    }
}

/// <summary>The presence rule: a minor's presence is shown only to staff and to their own guardians.</summary>
public static class Presence
{
    public static bool MaySee(PersonFacts viewer, PersonFacts subject) =>
        viewer.AccountId == subject.AccountId || !subject.IsMinor || viewer.IsStaff || viewer.ChildIds.Contains(subject.AccountId);

    /// <summary>Tells the people who have a personal chat with this person, in every school they share, and who may see it.</summary>
    public static async Task AnnounceAsync(SferaDb db, PresenceTracker tracker, Microsoft.AspNetCore.SignalR.IHubContext<ChatHub, IChatClient> hub, Guid accountId)
    {
        var presence = new PresenceResponse(tracker.IsOnline(accountId),
            await db.Users.Where(u => u.Id == accountId).Select(u => u.LastSeenAt).FirstOrDefaultAsync());
        var partners = await db.ChatMembers.IgnoreQueryFilters()
            .Where(m => m.AccountId == accountId && db.Chats.IgnoreQueryFilters().Any(c => c.Id == m.ChatId && c.Kind == ChatKind.Personal))
            .Join(db.ChatMembers.IgnoreQueryFilters(), m => m.ChatId, o => o.ChatId, (m, o) => new { o.SchoolId, o.AccountId })
            .Where(x => x.AccountId != accountId).Distinct().ToListAsync();
        foreach (var school in partners.GroupBy(p => p.SchoolId))
        {
            var facts = await PersonFacts.LoadAsync(db, school.Key, [accountId, .. school.Select(p => p.AccountId)]);
            if (!facts.TryGetValue(accountId, out var subject)) continue;
            var viewers = school.Where(p => facts.TryGetValue(p.AccountId, out var v) && MaySee(v, subject)).Select(p => p.AccountId.ToString()).ToList();
            await hub.Clients.Users(viewers).PresenceChanged(new PresenceEvent(school.Key, accountId, presence));
        }
    }
}
