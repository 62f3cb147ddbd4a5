using System.Collections.Concurrent;
using System.Security.Cryptography;
using Sfera.Calls.Janus;

namespace Sfera.Calls;

/// <summary>A group call's room in Janus: on which server, its id, and its secret (never sent to a browser).</summary>
public sealed record GroupRoom(string Server, long Room, string Secret);

/// <summary>What Janus offers a tab to receive: the SDP offer and, per stream, whose media it carries.</summary>
public sealed record Subscription(string Sdp, List<(string Mid, string Type, long Feed)> Streams, bool Fresh);

/// <summary>
/// This node's side of group calls: one Janus session per server, and for each tab in a group call that this node
/// serves (its leg), a publisher handle (what the tab sends) and a subscriber handle (one PeerConnection carrying what it
/// receives). Browsers never reach Janus: their SDP and candidates come here and go on. Rooms are not tied to a
/// session, so a room outlives the node that created it; the handles of the tabs a node served end with it, and those
/// tabs join again through another node. The handles' events that matter to everyone (a publisher's PeerConnection
/// is up, someone is talking) are handed to <see cref="OnNotice"/>.
/// </summary>
public sealed class GroupMedia(JanusServers servers, ILogger<GroupMedia> log) : IAsyncDisposable
{
    private sealed class Leg(string server, long room, long feed)
    {
        public string Server { get; } = server;
        public long Room { get; } = room;
        public long Feed { get; } = feed;
        public VideoRoomHandle? Publisher { get; set; }
        public VideoRoomHandle? Subscriber { get; set; }
        public SemaphoreSlim Lock { get; } = new(1, 1);
        /// <summary>The feeds the subscription carries.</summary>
        public HashSet<long> Feeds { get; set; } = [];
        /// <summary>An update Janus answered "updating" to: its offer comes as an event.</summary>
        public TaskCompletionSource<VideoRoomSubscription>? PendingUpdate { get; set; }
        /// <summary>An offer Janus sent by itself (a publisher left): the tab gets it when it next asks.</summary>
        public VideoRoomSubscription? Unanswered { get; set; }
    }

    private readonly ConcurrentDictionary<string, Task<JanusSession>> sessions = new();
    private readonly ConcurrentDictionary<Guid, Leg> legs = new();

    public bool Available => servers.All.Count > 0;

    public IReadOnlyList<string> ServerNames => [.. servers.All.Select(s => s.Name)];

    /// <summary>A publisher's event that others must hear of: (leg, notice).</summary>
    public event Func<Guid, VideoRoomNotice, Task>? OnNotice;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private async Task<JanusSession> SessionAsync(string server)
    {
        var client = servers.Find(server) ?? throw new JanusException(0, $"No Janus server named '{server}' is configured.");
        while (true)
        {
            var pending = sessions.GetOrAdd(server, _ => client.CreateSessionAsync(CancellationToken.None));
            JanusSession session;
            try
            {
                session = await pending;
            }
            catch
            {
                sessions.TryRemove(KeyValuePair.Create(server, pending));
                throw;
            }
            if (!session.Closed.IsCompleted) return session;
            sessions.TryRemove(KeyValuePair.Create(server, pending));
        }
    }

    private async Task<T> WithHandleAsync<T>(string server, Func<VideoRoomHandle, CancellationToken, Task<T>> work)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var handle = await (await SessionAsync(server)).AttachVideoRoomAsync(timeout.Token);
        try
        {
            return await work(handle, timeout.Token);
        }
        finally
        {
            await handle.DetachAsync(CancellationToken.None);
        }
    }

    /// <summary>A new room on the given server, with a secret of its own.</summary>
    public Task<GroupRoom> CreateRoomAsync(string server, string description) =>
        WithHandleAsync(server, async (handle, ct) =>
        {
            var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
            var room = await handle.CreateRoomAsync(new VideoRoomSettings { Room = NewId(), Secret = secret, Description = description }, ct);
            return new GroupRoom(server, room, secret);
        });

    public async Task DestroyRoomAsync(GroupRoom room)
    {
        try
        {
            await WithHandleAsync(room.Server, async (handle, ct) => { await handle.DestroyRoomAsync(room.Room, room.Secret, ct); return true; });
        }
        catch (JanusException e) when (e.Code == VideoRoomErrors.NoSuchRoom)
        {
            // Already gone (destroyed by another node, or Janus restarted).
        }
    }

    public Task<bool> RoomExistsAsync(GroupRoom room) => WithHandleAsync(room.Server, (handle, ct) => handle.ExistsAsync(room.Room, ct));

    /// <summary>Who publishes in the room now, as Janus sees it (its feed ids).</summary>
    public Task<List<VideoRoomParticipant>> ParticipantsAsync(GroupRoom room) =>
        WithHandleAsync(room.Server, (handle, ct) => handle.ListParticipantsAsync(room.Room, ct));

    /// <summary>Mutes or unmutes one stream (by mid) of a publisher for everyone, with the room's secret.</summary>
    public Task ModerateAsync(GroupRoom room, long feed, string mid, bool mute) =>
        WithHandleAsync(room.Server, async (handle, ct) => { await handle.ModerateAsync(room.Room, room.Secret, feed, mid, mute, ct); return true; });

    /// <summary>Puts a publisher out of the room (their PeerConnections close).</summary>
    public async Task KickAsync(GroupRoom room, long feed)
    {
        try
        {
            await WithHandleAsync(room.Server, async (handle, ct) => { await handle.KickAsync(room.Room, room.Secret, feed, ct); return true; });
        }
        catch (JanusException e) when (e.Code is VideoRoomErrors.NoSuchFeed or VideoRoomErrors.NoSuchRoom)
        {
            // Not in the room (any more).
        }
    }

    /// <summary>Whether this node serves the leg (its handles live here).</summary>
    public bool Serves(Guid leg) => legs.ContainsKey(leg);

    /// <summary>The tab's offer to send: joins the room as the leg's publisher (once) and answers with Janus's SDP.</summary>
    public async Task<string> PublishAsync(Guid legId, GroupRoom room, long feed, string display, string offer)
    {
        var leg = legs.GetOrAdd(legId, _ => new Leg(room.Server, room.Room, feed));
        await leg.Lock.WaitAsync();
        try
        {
            using var timeout = new CancellationTokenSource(Timeout);
            if (leg.Publisher is null)
            {
                var handle = await (await SessionAsync(room.Server)).AttachVideoRoomAsync(timeout.Token);
                leg.Publisher = handle;
                await handle.JoinAsPublisherAsync(room.Room, feed, display, timeout.Token);
                _ = WatchAsync(legId, handle);
            }
            var answer = await leg.Publisher.PublishAsync(new Jsep("offer", offer), null, timeout.Token);
            return answer.Sdp;
        }
        finally
        {
            leg.Lock.Release();
        }
    }

    /// <summary>Subscribes the leg to these publishers' streams. The first time, a subscription of its own; later, the same
    /// subscription updated (streams added and removed), so the tab renegotiates its one receiving connection. Answers
    /// with Janus's offer, which the tab answers through <see cref="StartAsync"/>.</summary>
    public async Task<Subscription> SubscribeAsync(Guid legId, GroupRoom room, long feed, IReadOnlyCollection<long> feeds, bool fresh)
    {
        var leg = legs.GetOrAdd(legId, _ => new Leg(room.Server, room.Room, feed));
        await leg.Lock.WaitAsync();
        try
        {
            using var timeout = new CancellationTokenSource(Timeout);
            var wanted = feeds.ToHashSet();
            if (leg.Subscriber is { } replaced && fresh)
            {
                leg.Subscriber = null;
                leg.Unanswered = null;
                await replaced.DetachAsync(CancellationToken.None);
            }
            else if (leg.Subscriber is { } current)
            {
                if (leg.Unanswered is { Offer: not null } unsolicited)
                {
                    // Janus renegotiated by itself (someone left) and waits for this answer first.
                    leg.Unanswered = null;
                    leg.Feeds.IntersectWith(wanted);
                    return Described(unsolicited, fresh: false);
                }
                var add = wanted.Except(leg.Feeds).ToList();
                var remove = leg.Feeds.Except(wanted).ToList();
                if (add.Count > 0 || remove.Count > 0)
                {
                    leg.PendingUpdate = new TaskCompletionSource<VideoRoomSubscription>(TaskCreationOptions.RunContinuationsAsynchronously);
                    var updated = await current.UpdateSubscriptionAsync(add.Select(f => new VideoRoomStreamRequest(f)),
                        remove.Select(f => new VideoRoomStreamRemoval(Feed: f)), timeout.Token)
                        ?? await leg.PendingUpdate.Task.WaitAsync(timeout.Token);
                    leg.PendingUpdate = null;
                    if (updated.Offer is not null)
                    {
                        leg.Feeds = wanted;
                        return Described(updated, fresh: false);
                    }
                }
                // Nothing to change, or no offer: start over with a subscription of its own.
                leg.Subscriber = null;
                await current.DetachAsync(CancellationToken.None);
            }
            var handle = await (await SessionAsync(room.Server)).AttachVideoRoomAsync(timeout.Token);
            leg.Subscriber = handle;
            _ = WatchSubscriberAsync(leg, handle);
            var subscription = await handle.JoinAsSubscriberAsync(room.Room, wanted.Select(f => new VideoRoomStreamRequest(f)), null, timeout.Token);
            leg.Feeds = wanted;
            return Described(subscription, fresh: true);
        }
        finally
        {
            leg.Lock.Release();
        }
    }

    private static Subscription Described(VideoRoomSubscription subscription, bool fresh) =>
        subscription.Offer is null
            ? throw new JanusException(0, "Janus sent no offer for the subscription.")
            : new Subscription(subscription.Offer.Sdp, [.. subscription.Streams.Where(s => s.FeedId is not null).Select(s => (s.Mid, s.Type, s.FeedId!.Value))], fresh);

    /// <summary>Picks a simulcast layer of one received stream (0 low, 1 medium, 2 high), or pauses it.</summary>
    /// <summary>Several received streams' layers in one request to Janus.</summary>
    public async Task ConfigureAsync(Guid legId, IReadOnlyList<SubscriberConfiguration> streams)
    {
        if (!legs.TryGetValue(legId, out var leg) || leg.Subscriber is not { } subscriber) throw new KeyNotFoundException("No subscription for this leg here.");
        using var timeout = new CancellationTokenSource(Timeout);
        await subscriber.ConfigureSubscriberAsync(streams, timeout.Token);
    }

    private async Task WatchSubscriberAsync(Leg leg, VideoRoomHandle handle)
    {
        try
        {
            await foreach (var e in handle.Events.ReadAllAsync())
                if (VideoRoomNotice.Read(e) is VideoRoomNotice.SubscriptionUpdated updated && ReferenceEquals(leg.Subscriber, handle))
                {
                    if (leg.PendingUpdate is { } pending) pending.TrySetResult(updated.Subscription);
                    else leg.Unanswered = updated.Subscription;
                }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Watching a subscription failed.");
        }
    }

    public async Task StartAsync(Guid legId, string answer)
    {
        if (!legs.TryGetValue(legId, out var leg) || leg.Subscriber is not { } subscriber) throw new KeyNotFoundException("No subscription for this leg here.");
        using var timeout = new CancellationTokenSource(Timeout);
        await subscriber.StartAsync(new Jsep("answer", answer), timeout.Token);
    }

    /// <summary>A candidate of the tab's sending (publisher) or receiving (subscriber) PeerConnection; an empty one ends gathering.</summary>
    public async Task TrickleAsync(Guid legId, bool publisher, string? candidate, string? sdpMid, int? sdpMLineIndex)
    {
        if (!legs.TryGetValue(legId, out var leg) || (publisher ? leg.Publisher : leg.Subscriber) is not { } handle)
            throw new KeyNotFoundException("No such connection for this leg here.");
        using var timeout = new CancellationTokenSource(Timeout);
        if (string.IsNullOrEmpty(candidate)) await handle.TrickleCompletedAsync(timeout.Token);
        else await handle.TrickleAsync(new IceCandidate(candidate, sdpMid, sdpMLineIndex), timeout.Token);
    }

    /// <summary>The tab has left: its handles are detached (Janus tells the others its feed is gone).</summary>
    public async Task ReleaseAsync(Guid legId)
    {
        if (!legs.TryRemove(legId, out var leg)) return;
        foreach (var handle in new[] { leg.Publisher, leg.Subscriber })
        {
            if (handle is null) continue;
            try
            {
                await handle.DetachAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is JanusException or HttpRequestException or OperationCanceledException)
            {
                log.LogDebug(e, "Detaching a handle of leg {Leg} failed; Janus drops it with the session.", legId);
            }
        }
    }

    private async Task WatchAsync(Guid legId, VideoRoomHandle handle)
    {
        try
        {
            await foreach (var e in handle.Events.ReadAllAsync())
            {
                var notice = VideoRoomNotice.Read(e);
                if (notice is VideoRoomNotice.WebRtcUp or VideoRoomNotice.Talking or VideoRoomNotice.HangUp or VideoRoomNotice.LeftRoom
                    && OnNotice is { } handler)
                    await handler(legId, notice);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Watching the publisher of leg {Leg} failed.", legId);
        }
    }

    /// <summary>Room and feed ids: positive, and below 2^53 so JavaScript reads them exactly.</summary>
    public static long NewId() => RandomNumberGenerator.GetInt32(1, int.MaxValue) * 1_000_000L + RandomNumberGenerator.GetInt32(0, 1_000_000);

    public async ValueTask DisposeAsync()
    {
        foreach (var leg in legs.Keys) await ReleaseAsync(leg);
        foreach (var pending in sessions.Values)
        {
            try
            {
                await (await pending).DisposeAsync();
            }
            catch (Exception e) when (e is JanusException or HttpRequestException or OperationCanceledException)
            {
                // The server is gone; nothing to release there.
            }
        }
    }
}
