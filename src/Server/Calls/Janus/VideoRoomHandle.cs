using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Sfera.Calls.Janus;

/// <summary>
/// A handle attached to Janus's VideoRoom plugin (janus_videoroom.c documents every request used here). Room
/// management (create, destroy, exists, listparticipants, kick, moderate) is synchronous and works on any handle; a
/// handle then serves as one publisher or one subscriber, whose requests are answered by events.
/// </summary>
public sealed class VideoRoomHandle(JanusHandle handle) : IAsyncDisposable
{
    public const string Plugin = "janus.plugin.videoroom";

    public JanusHandle Handle => handle;

    public long Id => handle.Id;

    /// <summary>Events nobody waits for; <see cref="VideoRoomNotice.Read"/> makes them typed.</summary>
    public ChannelReader<JanusEvent> Events => handle.Events;

    /// <summary>Creates a room (not kept across Janus restarts); returns its id.</summary>
    public async Task<long> CreateRoomAsync(VideoRoomSettings room, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["request"] = "create",
            ["secret"] = room.Secret,
            ["permanent"] = false,
            ["is_private"] = room.IsPrivate,
            ["publishers"] = room.Publishers,
            ["bitrate"] = room.Bitrate,
            ["fir_freq"] = room.FirFreq,
            ["audiocodec"] = room.AudioCodec,
            ["videocodec"] = room.VideoCodec,
            ["audiolevel_ext"] = true,
            ["audiolevel_event"] = room.AudioLevelEvent,
            ["audio_active_packets"] = room.AudioActivePackets,
            ["audio_level_average"] = room.AudioLevelAverage,
            ["notify_joining"] = room.NotifyJoining,
        };
        if (room.Room > 0) body["room"] = room.Room;
        if (room.Description is not null) body["description"] = room.Description;
        if (handle.Session.Client.AdminKey is { } adminKey) body["admin_key"] = adminKey;
        var created = await handle.RequestAsync(body, ct);
        return created.GetProperty("room").GetInt64();
    }

    /// <summary>Destroys a room; everyone in it gets a "destroyed" event and their PeerConnections close.</summary>
    public Task DestroyRoomAsync(long room, string secret, CancellationToken ct) =>
        handle.RequestAsync(new JsonObject { ["request"] = "destroy", ["room"] = room, ["secret"] = secret, ["permanent"] = false }, ct);

    public async Task<bool> ExistsAsync(long room, CancellationToken ct)
    {
        var answer = await handle.RequestAsync(new JsonObject { ["request"] = "exists", ["room"] = room }, ct);
        return answer.GetProperty("exists").GetBoolean();
    }

    /// <summary>Everyone who joined the room as a publisher, publishing or not (subscribers are not participants).</summary>
    public async Task<List<VideoRoomParticipant>> ListParticipantsAsync(long room, CancellationToken ct)
    {
        var answer = await handle.RequestAsync(new JsonObject { ["request"] = "listparticipants", ["room"] = room }, ct);
        return JanusJson.Read<List<VideoRoomParticipant>>(answer.GetProperty("participants"));
    }

    /// <summary>Puts a participant out of the room (their handle gets "leaving" with reason "kicked"). They could join
    /// again: keeping them out is the caller's business.</summary>
    public Task KickAsync(long room, string secret, long participant, CancellationToken ct) =>
        handle.RequestAsync(new JsonObject { ["request"] = "kick", ["room"] = room, ["secret"] = secret, ["id"] = participant }, ct);

    /// <summary>Stops (or lets again) one stream of a participant, e.g. their microphone, whatever they do.</summary>
    public Task ModerateAsync(long room, string secret, long participant, string mid, bool mute, CancellationToken ct) =>
        handle.RequestAsync(new JsonObject
        {
            ["request"] = "moderate", ["room"] = room, ["secret"] = secret, ["id"] = participant, ["mid"] = mid, ["mute"] = mute,
        }, ct);

    /// <summary>Joins as a participant (not yet sending media); <paramref name="id"/> 0 lets Janus choose it.</summary>
    public async Task<VideoRoomJoined> JoinAsPublisherAsync(long room, long id, string? display, CancellationToken ct)
    {
        var body = new JsonObject { ["request"] = "join", ["ptype"] = "publisher", ["room"] = room };
        if (id > 0) body["id"] = id;
        if (display is not null) body["display"] = display;
        var joined = await handle.RequestEventAsync(body, null, ct);
        return JanusJson.Read<VideoRoomJoined>(Data(joined, "joined"));
    }

    /// <summary>Publishes (or renegotiates) with the browser's JSEP offer; returns Janus's answer.</summary>
    public async Task<Jsep> PublishAsync(Jsep offer, PublisherConfiguration? configuration, CancellationToken ct)
    {
        var configured = await handle.RequestEventAsync(Configure(configuration ?? new()), offer, ct);
        return configured.Jsep ?? throw new JanusException(0, "Janus answered a publisher's offer without a JSEP answer.", Plugin);
    }

    /// <summary>Changes a publisher's settings without renegotiating.</summary>
    public Task ConfigurePublisherAsync(PublisherConfiguration configuration, CancellationToken ct) =>
        handle.RequestEventAsync(Configure(configuration), null, ct);

    public Task UnpublishAsync(CancellationToken ct) => handle.RequestEventAsync(new JsonObject { ["request"] = "unpublish" }, null, ct);

    /// <summary>Leaves the room (a publisher) or ends the subscription (a subscriber).</summary>
    public Task LeaveAsync(CancellationToken ct) => handle.RequestEventAsync(new JsonObject { ["request"] = "leave" }, null, ct);

    /// <summary>Subscribes this handle to streams of the room's publishers; Janus answers with a JSEP offer for the
    /// browser, whose answer goes back with <see cref="StartAsync"/>. Subscribe to a publisher only once its
    /// PeerConnection is up, or Janus answers "No such feed".</summary>
    public async Task<VideoRoomSubscription> JoinAsSubscriberAsync(long room, IEnumerable<VideoRoomStreamRequest> streams, long? privateId,
        CancellationToken ct)
    {
        var body = new JsonObject { ["request"] = "join", ["ptype"] = "subscriber", ["room"] = room, ["streams"] = Streams(streams) };
        if (privateId is { } pid) body["private_id"] = pid;
        var attached = await handle.RequestEventAsync(body, null, ct);
        return Subscription(attached, "attached");
    }

    /// <summary>Completes a subscription (or its renegotiation) with the browser's JSEP answer; without one, resumes a
    /// paused subscription.</summary>
    public Task StartAsync(Jsep? answer, CancellationToken ct) => handle.RequestEventAsync(new JsonObject { ["request"] = "start" }, answer, ct);

    /// <summary>Adds and removes streams of a subscription. When Janus is still renegotiating an earlier change it answers
    /// "updating" and sends the offer later as an unsolicited "updated" event; then this returns no offer.</summary>
    public async Task<VideoRoomSubscription?> UpdateSubscriptionAsync(IEnumerable<VideoRoomStreamRequest> subscribe,
        IEnumerable<VideoRoomStreamRemoval> unsubscribe, CancellationToken ct)
    {
        var body = new JsonObject { ["request"] = "update" };
        if (subscribe.Any()) body["subscribe"] = Streams(subscribe);
        var removals = new JsonArray();
        foreach (var r in unsubscribe)
        {
            var removal = new JsonObject();
            if (r.Feed is { } feed) removal["feed"] = feed;
            if (r.Mid is not null) removal["mid"] = r.Mid;
            if (r.SubMid is not null) removal["sub_mid"] = r.SubMid;
            removals.Add(removal);
        }
        if (removals.Count > 0) body["unsubscribe"] = removals;
        var updated = await handle.RequestEventAsync(body, null, ct);
        return updated.Data?.String("videoroom") == "updated" && updated.Data.Value.TryGetProperty("streams", out _)
            ? Subscription(updated, "updated")
            : null;
    }

    /// <summary>Changes one m-line of a subscription, e.g. which simulcast substream it receives.</summary>
    public Task ConfigureSubscriberAsync(SubscriberConfiguration configuration, CancellationToken ct) =>
        handle.RequestEventAsync(Configured(new JsonObject { ["request"] = "configure" }, configuration), null, ct);

    /// <summary>Changes several m-lines of a subscription in one request (VideoRoom's <c>streams</c> list).</summary>
    public Task ConfigureSubscriberAsync(IReadOnlyList<SubscriberConfiguration> configurations, CancellationToken ct)
    {
        if (configurations.Count == 1) return ConfigureSubscriberAsync(configurations[0], ct);
        var streams = new JsonArray([.. configurations.Select(c => (JsonNode)Configured(new JsonObject(), c))]);
        return handle.RequestEventAsync(new JsonObject { ["request"] = "configure", ["streams"] = streams }, null, ct);
    }

    private static JsonObject Configured(JsonObject body, SubscriberConfiguration configuration)
    {
        body["mid"] = configuration.Mid;
        if (configuration.Send is { } send) body["send"] = send;
        if (configuration.Substream is { } substream) body["substream"] = substream;
        if (configuration.Temporal is { } temporal) body["temporal"] = temporal;
        if (configuration.Fallback is { } fallback) body["fallback"] = fallback;
        return body;
    }

    public Task TrickleAsync(IceCandidate candidate, CancellationToken ct) => handle.TrickleAsync(candidate, ct);

    public Task TrickleCompletedAsync(CancellationToken ct) => handle.TrickleCompletedAsync(ct);

    public Task DetachAsync(CancellationToken ct) => handle.DetachAsync(ct);

    public ValueTask DisposeAsync() => handle.DisposeAsync();

    private static JsonObject Configure(PublisherConfiguration c)
    {
        var body = new JsonObject { ["request"] = "configure" };
        if (c.Bitrate is { } bitrate) body["bitrate"] = bitrate;
        if (c.Keyframe is { } keyframe) body["keyframe"] = keyframe;
        if (c.Display is not null) body["display"] = c.Display;
        if (c.Mid is not null) body["mid"] = c.Mid;
        if (c.Send is { } send) body["send"] = send;
        if (c.Descriptions is { Count: > 0 } descriptions)
            body["descriptions"] = new JsonArray([.. descriptions.Select(d => (JsonNode)new JsonObject { ["mid"] = d.Key, ["description"] = d.Value })]);
        return body;
    }

    private static JsonArray Streams(IEnumerable<VideoRoomStreamRequest> streams)
    {
        var array = new JsonArray();
        foreach (var s in streams)
        {
            var stream = new JsonObject { ["feed"] = s.Feed };
            if (s.Mid is not null) stream["mid"] = s.Mid;
            if (s.Substream is { } substream) stream["substream"] = substream;
            if (s.Temporal is { } temporal) stream["temporal"] = temporal;
            array.Add(stream);
        }
        return array;
    }

    private static VideoRoomSubscription Subscription(JanusEvent ev, string expected)
    {
        var data = Data(ev, expected);
        return new VideoRoomSubscription(data.Int64("room") ?? 0,
            data.TryGetProperty("streams", out var streams) ? JanusJson.Read<List<VideoRoomSubscribedStream>>(streams) : [],
            ev.Jsep);
    }

    private static JsonElement Data(JanusEvent ev, string expected) =>
        ev.Data is { } data && data.String("videoroom") == expected
            ? data
            : throw new JanusException(0, $"Expected '{expected}' from the VideoRoom plugin, got: {ev.Message.GetRawText()}", Plugin);
}
