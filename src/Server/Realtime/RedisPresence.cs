using StackExchange.Redis;

namespace Sfera.Realtime;

/// <summary>
/// Presence shared by every node through Redis. Each open connection is a member "node:connection" of the set
/// presence:&lt;account&gt;; each node keeps a key node:&lt;id&gt; alive (30 s, renewed every 10 s), so the connections
/// of a node that died stop counting by themselves. "Sign out everywhere" reaches the other nodes on a channel.
/// </summary>
public sealed class RedisPresenceStore(IConnectionMultiplexer redis, IServiceProvider services, RedisPresenceOptions options, ILogger<RedisPresenceStore> log)
    : IPresenceStore, IHostedService, IDisposable
{
    private static readonly TimeSpan NodeLifetime = TimeSpan.FromSeconds(30);
    private readonly string node = Guid.NewGuid().ToString("N");
    private readonly PeriodicTimer renewal = new(TimeSpan.FromSeconds(10));
    private Task? heartbeat;

    private IDatabase Db => redis.GetDatabase();
    private RedisKey PresenceKey(Guid accountId) => $"{options.Prefix}:presence:{accountId:N}";
    private RedisKey NodeKey(string id) => $"{options.Prefix}:node:{id}";
    private RedisChannel EndSessionsChannel => RedisChannel.Literal($"{options.Prefix}:end-sessions");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Db.StringSetAsync(NodeKey(node), "1", NodeLifetime);
        await redis.GetSubscriber().SubscribeAsync(EndSessionsChannel, (_, message) =>
        {
            var parts = message.ToString().Split(':');
            if (parts.Length == 2 && parts[0] != node && Guid.TryParse(parts[1], out var accountId))
                services.GetRequiredService<PresenceTracker>().EndLocalSessions(accountId);
        });
        heartbeat = Task.Run(async () =>
        {
            // Ends when the timer is disposed (StopAsync).
            while (await renewal.WaitForNextTickAsync().ConfigureAwait(false))
            {
                try
                {
                    await Db.StringSetAsync(NodeKey(node), "1", NodeLifetime);
                }
                catch (RedisException e)
                {
                    log.LogWarning(e, "Could not renew this node's presence key");
                }
            }
        }, CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        renewal.Dispose();
        if (heartbeat is not null) await heartbeat;
        // This node's connections stop counting at once (or, if Redis is already out of reach, when the key expires).
        try
        {
            await Db.KeyDeleteAsync(NodeKey(node));
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            log.LogDebug(e, "Could not remove this node's presence key on the way out");
        }
    }

    public async Task<bool> ConnectedAsync(Guid accountId, string connectionId)
    {
        var before = await AliveAsync(accountId);
        await Db.SetAddAsync(PresenceKey(accountId), $"{node}:{connectionId}");
        return before == 0;
    }

    public async Task<bool> DisconnectedAsync(Guid accountId, string connectionId)
    {
        var removed = await Db.SetRemoveAsync(PresenceKey(accountId), $"{node}:{connectionId}");
        return removed && await AliveAsync(accountId) == 0;
    }

    public async Task<HashSet<Guid>> OnlineAsync(IReadOnlyCollection<Guid> accountIds)
    {
        var counts = await Task.WhenAll(accountIds.Select(async id => (id, count: await AliveAsync(id))));
        return counts.Where(c => c.count > 0).Select(c => c.id).ToHashSet();
    }

    public async Task EndSessionsElsewhereAsync(Guid accountId) =>
        await redis.GetSubscriber().PublishAsync(EndSessionsChannel, $"{node}:{accountId}");

    public async Task<bool> IsOpenAsync(Guid accountId, string connectionId)
    {
        foreach (var member in await Db.SetMembersAsync(PresenceKey(accountId)))
        {
            var parts = member.ToString().Split(':', 2);
            if (parts.Length == 2 && parts[1] == connectionId) return parts[0] == node || await Db.KeyExistsAsync(NodeKey(parts[0]));
        }
        return false;
    }

    /// <summary>The person's connections on nodes still alive; those of dead nodes are cleared on the way.</summary>
    private async Task<int> AliveAsync(Guid accountId)
    {
        var key = PresenceKey(accountId);
        var members = await Db.SetMembersAsync(key);
        if (members.Length == 0) return 0;
        var byNode = members.Select(m => m.ToString()).GroupBy(m => m.Split(':')[0]).ToList();
        var alive = 0;
        foreach (var group in byNode)
        {
            if (group.Key == node || await Db.KeyExistsAsync(NodeKey(group.Key))) alive += group.Count();
            else await Db.SetRemoveAsync(key, group.Select(m => (RedisValue)m).ToArray());
        }
        return alive;
    }

    public void Dispose() => renewal.Dispose();
}

public sealed record RedisPresenceOptions(string Prefix);

public static class RealtimeSetup
{
    /// <summary>SignalR with JSON (enums as names). With Redis:ConnectionString set, several nodes share events
    /// through the Redis backplane and presence through <see cref="RedisPresenceStore"/>; otherwise one node, in memory.</summary>
    public static IServiceCollection AddSferaRealtime(this IServiceCollection services, IConfiguration config)
    {
        var signalR = services.AddSignalR().AddJsonProtocol(o =>
            o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddSingleton<PresenceTracker>();
        var connection = config["Redis:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connection))
        {
            services.AddSingleton<IPresenceStore, MemoryPresenceStore>();
            return services;
        }
        var prefix = config["Redis:Prefix"] is { Length: > 0 } p ? p : "sfera";
        signalR.AddStackExchangeRedis(connection, o => o.Configuration.ChannelPrefix = RedisChannel.Literal(prefix));
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(connection));
        services.AddSingleton(new RedisPresenceOptions(prefix));
        services.AddSingleton<RedisPresenceStore>();
        services.AddSingleton<IPresenceStore>(sp => sp.GetRequiredService<RedisPresenceStore>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisPresenceStore>());
        return services;
    }
}
