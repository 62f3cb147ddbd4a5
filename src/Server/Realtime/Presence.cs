using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Sfera.Chats;
using Sfera.Data;

namespace Sfera.Realtime;

/// <summary>
/// Who has a hub connection open. This node's connections are held here (to close them on "sign out everywhere");
/// whether a person is online anywhere is answered by an <see cref="IPresenceStore"/>: this node's memory, or Redis
/// when several nodes share the Redis backplane.
/// </summary>
public sealed class PresenceTracker(IPresenceStore store)
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, Microsoft.AspNetCore.SignalR.HubCallerContext>> local = new();

    public async Task<bool> IsOnlineAsync(Guid accountId) => (await store.OnlineAsync([accountId])).Contains(accountId);

    public Task<HashSet<Guid>> OnlineAsync(IReadOnlyCollection<Guid> accountIds) => store.OnlineAsync(accountIds);

    /// <summary>Whether this connection of the person is open on a live node (a node that died takes its connections with it).</summary>
    public Task<bool> IsOpenAsync(Guid accountId, string connectionId) => store.IsOpenAsync(accountId, connectionId);

    /// <summary>Returns true when this was the person's first open connection anywhere.</summary>
    public Task<bool> ConnectedAsync(Guid accountId, Microsoft.AspNetCore.SignalR.HubCallerContext context)
    {
        local.GetOrAdd(accountId, _ => new())[context.ConnectionId] = context;
        return store.ConnectedAsync(accountId, context.ConnectionId);
    }

    /// <summary>Returns true when this was the person's last open connection anywhere.</summary>
    public Task<bool> DisconnectedAsync(Guid accountId, string connectionId)
    {
        if (local.TryGetValue(accountId, out var open)) open.TryRemove(connectionId, out _);
        return store.DisconnectedAsync(accountId, connectionId);
    }

    /// <summary>Closes every open connection of the person, on every node ("sign out everywhere", a new password):
    /// their clients must reconnect, and a session that no longer exists cannot.</summary>
    public Task EndSessionsAsync(Guid accountId)
    {
        EndLocalSessions(accountId);
        return store.EndSessionsElsewhereAsync(accountId);
    }

    /// <summary>Closes the person's connections on this node.</summary>
    public void EndLocalSessions(Guid accountId)
    {
        if (!local.TryGetValue(accountId, out var open)) return;
        foreach (var context in open.Values) context.Abort();
    }
}

/// <summary>Counts open connections per person across the nodes that share it.</summary>
public interface IPresenceStore
{
    /// <summary>True when the person had no open connection anywhere before this one.</summary>
    Task<bool> ConnectedAsync(Guid accountId, string connectionId);

    /// <summary>True when the person has no open connection anywhere after this one closed.</summary>
    Task<bool> DisconnectedAsync(Guid accountId, string connectionId);

    Task<HashSet<Guid>> OnlineAsync(IReadOnlyCollection<Guid> accountIds);

    /// <summary>Asks the other nodes to close the person's connections.</summary>
    Task EndSessionsElsewhereAsync(Guid accountId);

    /// <summary>Whether this connection of the person is open on a node that is alive.</summary>
    Task<bool> IsOpenAsync(Guid accountId, string connectionId);
}

/// <summary>One node: connections counted in memory.</summary>
public sealed class MemoryPresenceStore : IPresenceStore
{
    private readonly ConcurrentDictionary<Guid, HashSet<string>> open = new();

    public Task<bool> ConnectedAsync(Guid accountId, string connectionId)
    {
        var set = open.GetOrAdd(accountId, _ => []);
        lock (set) return Task.FromResult(set.Add(connectionId) && set.Count == 1);
    }

    public Task<bool> DisconnectedAsync(Guid accountId, string connectionId)
    {
        if (!open.TryGetValue(accountId, out var set)) return Task.FromResult(false);
        lock (set) return Task.FromResult(set.Remove(connectionId) && set.Count == 0);
    }

    public Task<HashSet<Guid>> OnlineAsync(IReadOnlyCollection<Guid> accountIds) =>
        Task.FromResult(accountIds.Where(id => open.TryGetValue(id, out var set) && IsNotEmpty(set)).ToHashSet());

    public Task EndSessionsElsewhereAsync(Guid accountId) => Task.CompletedTask;

    public Task<bool> IsOpenAsync(Guid accountId, string connectionId)
    {
        if (!open.TryGetValue(accountId, out var set)) return Task.FromResult(false);
        lock (set) return Task.FromResult(set.Contains(connectionId));
    }

    private static bool IsNotEmpty(HashSet<string> set)
    {
        lock (set) return set.Count > 0;
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
        var presence = new PresenceResponse(await tracker.IsOnlineAsync(accountId),
            await db.Users.Where(u => u.Id == accountId).Select(u => u.LastSeenAt).FirstOrDefaultAsync());
        var partners = await db.ChatMembers.IgnoreQueryFilters()
            .Where(m => m.AccountId == accountId && db.Chats.IgnoreQueryFilters().Any(c => c.Id == m.ChatId && c.Kind == ChatKind.Personal))
            .Join(db.ChatMembers.IgnoreQueryFilters(), m => m.ChatId, o => o.ChatId, (m, o) => new { o.SchoolId, o.AccountId })
            .Where(x => x.AccountId != accountId).Distinct().ToListAsync();
        foreach (var school in partners.GroupBy(p => p.SchoolId))
        {
            var facts = await PersonFacts.LoadAsync(db, school.Key, [accountId, .. school.Select(p => p.AccountId)]);
            if (!facts.TryGetValue(accountId, out var subject)) continue;
            var viewers = school.Where(p => facts.TryGetValue(p.AccountId, out var v) && MaySee(v, subject)).Select(p => p.AccountId).ToList();
            await hub.Clients.People(viewers).PresenceChanged(new PresenceEvent(school.Key, accountId, presence));
        }
    }
}
