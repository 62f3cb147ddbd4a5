using System.Text.Json;

namespace Sfera.Calls.Janus;

/// <summary>
/// A VideoRoom handle's unsolicited event, typed: <c>switch (VideoRoomNotice.Read(ev)) { case VideoRoomNotice.Talking t: ... }</c>.
/// What this does not know stays an <see cref="Other"/>.
/// </summary>
public abstract record VideoRoomNotice
{
    /// <summary>Publishers started sending (or changed their streams).</summary>
    public sealed record PublishersChanged(long Room, List<VideoRoomPublisher> Publishers) : VideoRoomNotice;

    /// <summary>Someone joined the room (rooms with notify_joining).</summary>
    public sealed record Joining(long Room, long Id, string? Display) : VideoRoomNotice;

    /// <summary>Someone left the room.</summary>
    public sealed record Leaving(long Room, long Id) : VideoRoomNotice;

    /// <summary>A publisher stopped sending (left, unpublished or lost its connection).</summary>
    public sealed record Unpublished(long Room, long Id) : VideoRoomNotice;

    /// <summary>Someone was kicked out of the room.</summary>
    public sealed record Kicked(long Room, long Id) : VideoRoomNotice;

    /// <summary>This handle is out of the room; <paramref name="Reason"/> "kicked" when it was put out.</summary>
    public sealed record LeftRoom(long Room, string? Reason) : VideoRoomNotice;

    /// <summary>A publisher started or stopped talking; <paramref name="Level"/> is the average dBov (0 loudest, 127 silence).</summary>
    public sealed record Talking(long Room, long Id, string? Mid, bool IsTalking, double? Level) : VideoRoomNotice;

    public sealed record RoomDestroyed(long Room) : VideoRoomNotice;

    /// <summary>A subscription changed later than the request that asked for it (see UpdateSubscriptionAsync); answer its offer with StartAsync.</summary>
    public sealed record SubscriptionUpdated(VideoRoomSubscription Subscription) : VideoRoomNotice;

    /// <summary>The handle's PeerConnection is up (ICE and DTLS done).</summary>
    public sealed record WebRtcUp : VideoRoomNotice;

    /// <summary>Janus started or stopped receiving a stream (<paramref name="Type"/> "audio" or "video").</summary>
    public sealed record Media(string Type, string? Mid, bool Receiving) : VideoRoomNotice;

    /// <summary>The PeerConnection closed (the handle stays).</summary>
    public sealed record HangUp(string? Reason) : VideoRoomNotice;

    /// <summary>Janus sees many lost packets on a stream, towards it (<paramref name="Uplink"/>) or towards the browser.</summary>
    public sealed record SlowLink(bool Uplink, string? Mid, long? Lost) : VideoRoomNotice;

    public sealed record Detached : VideoRoomNotice;

    public sealed record Other(JanusEvent Event) : VideoRoomNotice;

    public static VideoRoomNotice Read(JanusEvent ev)
    {
        var m = ev.Message;
        switch (ev.Janus)
        {
            case "webrtcup": return new WebRtcUp();
            case "media": return new Media(m.String("type") ?? "", m.String("mid"), Bool(m, "receiving") ?? false);
            case "hangup": return new HangUp(m.String("reason"));
            case "slowlink": return new SlowLink(Bool(m, "uplink") ?? false, m.String("mid"), m.Int64("lost"));
            case "detached": return new Detached();
            case "event" when ev.Data is { ValueKind: JsonValueKind.Object } data: return FromPlugin(ev, data);
            default: return new Other(ev);
        }
    }

    private static VideoRoomNotice FromPlugin(JanusEvent ev, JsonElement data)
    {
        var room = data.Int64("room") ?? 0;
        switch (data.String("videoroom"))
        {
            case "talking" or "stopped-talking":
                return new Talking(room, data.Int64("id") ?? 0, data.String("mid"), data.String("videoroom") == "talking",
                    data.TryGetProperty("audio-level-dBov-avg", out var level) && level.ValueKind == JsonValueKind.Number ? level.GetDouble() : null);
            case "destroyed":
                return new RoomDestroyed(room);
            case "updated" when ev.Jsep is not null:
                return new SubscriptionUpdated(new VideoRoomSubscription(room,
                    data.TryGetProperty("streams", out var streams) ? JanusJson.Read<List<VideoRoomSubscribedStream>>(streams) : [], ev.Jsep));
            case "event":
                break;
            default:
                return new Other(ev);
        }
        if (data.TryGetProperty("publishers", out var publishers) && publishers.ValueKind == JsonValueKind.Array)
            return new PublishersChanged(room, JanusJson.Read<List<VideoRoomPublisher>>(publishers));
        if (data.TryGetProperty("joining", out var joining) && joining.ValueKind == JsonValueKind.Object)
            return new Joining(room, joining.Int64("id") ?? 0, joining.String("display"));
        if (data.Int64("kicked") is { } kicked) return new Kicked(room, kicked);
        if (data.Int64("unpublished") is { } unpublished) return new Unpublished(room, unpublished);
        if (data.Int64("leaving") is { } leaving) return new Leaving(room, leaving);
        if (data.String("leaving") == "ok") return new LeftRoom(room, data.String("reason"));
        return new Other(ev);
    }

    private static bool? Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
}
