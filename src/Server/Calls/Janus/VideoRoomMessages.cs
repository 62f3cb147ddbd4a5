namespace Sfera.Calls.Janus;

/// <summary>
/// A room to create. The defaults suit a class lesson: up to 50 publishers, Opus and VP8 (so browsers may simulcast,
/// and each subscriber picks a substream), talking events, and joins announced to everyone.
/// </summary>
public sealed record VideoRoomSettings
{
    /// <summary>The room's id; 0 lets Janus choose one (returned by create).</summary>
    public long Room { get; init; }

    /// <summary>Needed to destroy the room, kick and moderate in it. Required: a room without one can be destroyed by anyone
    /// who can reach the API.</summary>
    public required string Secret { get; init; }

    public string? Description { get; init; }

    public int Publishers { get; init; } = 50;

    /// <summary>Cap per publisher (bit/s, via REMB), shared by its simulcast layers.</summary>
    public int Bitrate { get; init; } = 1_000_000;

    /// <summary>Seconds between keyframe requests to publishers, so late subscribers and substream switches get a picture.</summary>
    public int FirFreq { get; init; } = 10;

    public string AudioCodec { get; init; } = "opus";

    /// <summary>VP8: simulcast works with it, and every browser has it.</summary>
    public string VideoCodec { get; init; } = "vp8";

    /// <summary>"talking"/"stopped-talking" events, from the ssrc-audio-level RTP extension.</summary>
    public bool AudioLevelEvent { get; init; } = true;

    /// <summary>Packets averaged for a talking decision: 50 Opus packets of 20 ms is one second (Janus's default is two).</summary>
    public int AudioActivePackets { get; init; } = 50;

    /// <summary>Average level (dBov: 0 loudest, 127 silence) below which someone counts as talking. Janus's default is
    /// 25; 35 is a lower bar, so quieter speakers light up too. A starting point, to be tuned with real lessons.</summary>
    public int AudioLevelAverage { get; init; } = 35;

    /// <summary>Announce every join (not only publishers) to the participants.</summary>
    public bool NotifyJoining { get; init; } = true;

    /// <summary>Leave the room out of "list" answers.</summary>
    public bool IsPrivate { get; init; } = true;
}

public sealed record VideoRoomParticipant(long Id, string? Display, bool Publisher, bool? Talking);

public sealed record VideoRoomAttendee(long Id, string? Display);

/// <summary>A stream a publisher sends (one m-line of its PeerConnection).</summary>
public sealed record VideoRoomStream(string Type, int Mindex, string Mid, bool Disabled, string? Codec, string? Description,
    bool Moderated, bool Simulcast, bool Svc, bool? Talking);

public sealed record VideoRoomPublisher(long Id, string? Display, List<VideoRoomStream>? Streams, bool? Talking);

/// <summary>The answer to a publisher's join: its id, the private id for its subscriptions, who publishes already and
/// (rooms with notify_joining) who else is there.</summary>
public sealed record VideoRoomJoined(long Room, long Id, long PrivateId, List<VideoRoomPublisher>? Publishers, List<VideoRoomAttendee>? Attendees);

/// <summary>A stream to subscribe to: a publisher (<paramref name="Feed"/>) and optionally one of its streams, with a
/// simulcast substream (0 lowest to 2 highest) and temporal layer to start from.</summary>
public sealed record VideoRoomStreamRequest(long Feed, string? Mid = null, int? Substream = null, int? Temporal = null);

/// <summary>What to stop receiving: all of a publisher's streams, one of them, or one m-line of the subscription.</summary>
public sealed record VideoRoomStreamRemoval(long? Feed = null, string? Mid = null, string? SubMid = null);

/// <summary>One m-line of a subscription and the publisher stream it carries.</summary>
public sealed record VideoRoomSubscribedStream(int Mindex, string Mid, string Type, long? FeedId, string? FeedMid, string? FeedDisplay,
    bool Send, bool Ready);

/// <summary>A subscription's m-lines and, when they changed, Janus's JSEP offer for them (answer with Start).</summary>
public sealed record VideoRoomSubscription(long Room, List<VideoRoomSubscribedStream> Streams, Jsep? Offer);

/// <summary>Changes to a publisher; only what is set is sent.</summary>
public sealed record PublisherConfiguration
{
    public int? Bitrate { get; init; }

    /// <summary>Ask the publisher for a keyframe now.</summary>
    public bool? Keyframe { get; init; }

    public string? Display { get; init; }

    /// <summary>With <see cref="Send"/>: relay this stream or not.</summary>
    public string? Mid { get; init; }

    public bool? Send { get; init; }

    /// <summary>Text per mid, e.g. "camera" and "screen", shown to subscribers with the streams.</summary>
    public IReadOnlyDictionary<string, string>? Descriptions { get; init; }
}

/// <summary>Changes to one m-line of a subscription; only what is set is sent.</summary>
public sealed record SubscriberConfiguration(string Mid)
{
    public bool? Send { get; init; }

    /// <summary>Simulcast substream to receive: 0 (lowest) to 2 (highest).</summary>
    public int? Substream { get; init; }

    /// <summary>Simulcast temporal layer to receive: 0 to 2.</summary>
    public int? Temporal { get; init; }

    /// <summary>Microseconds without packets before dropping to a lower substream (Janus's default: 250,000).</summary>
    public int? Fallback { get; init; }
}
