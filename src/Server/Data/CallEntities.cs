namespace Sfera.Data;

/// <summary>Direct: two people in a personal chat, media peer to peer (relayed by TURN when it must be).
/// Group: any group chat, media through an SFU (Janus's VideoRoom).</summary>
public enum CallKind { Direct, Group }

public enum CallEndReason
{
    /// <summary>Someone hung up after it was answered, or the last participant left.</summary>
    Ended,
    /// <summary>Rang until the ring timed out, or the caller gave up first.</summary>
    Missed,
    Declined,
}

/// <summary>A call in a chat. At most one is active per chat (the unique index on ChatId where EndedAt is null). All of
/// its state is here, in the database every node reads, never in one node's memory.</summary>
public sealed class Call : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid ChatId { get; set; }
    public CallKind Kind { get; set; }
    public bool Video { get; set; }
    public Guid StartedBy { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>Direct calls: until when the callee's devices ring before the call becomes missed.</summary>
    public DateTimeOffset? RingUntil { get; set; }
    /// <summary>When someone other than the caller first joined.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public CallEndReason? EndReason { get; set; }
    /// <summary>Group calls: the Janus server (its configured name) and VideoRoom room that carry the media, and the
    /// room's secret, which only the server knows (it destroys the room, mutes and removes people with it).</summary>
    public string? JanusServer { get; set; }
    public long? JanusRoom { get; set; }
    public string? JanusSecret { get; set; }
    /// <summary>Hosts' settings: nobody new may join; people the host muted may not unmute themselves; people who are not
    /// hosts wait to be admitted (on by default when the chat holds anyone who is not school staff).</summary>
    public bool Locked { get; set; }
    public bool MicsLocked { get; set; }
    public bool WaitingRoom { get; set; }
    /// <summary>The guest link, when a host has turned it on for this call: the SHA-256 of its token (the link itself is
    /// shown once). It ends with the call.</summary>
    public string? GuestTokenHash { get; set; }
    /// <summary>Changes on every change of the call or its participants (optimistic concurrency between nodes).</summary>
    public long Version { get; set; }
}

public enum ParticipantState { Ringing, Joined, Left, Declined, Waiting, Removed }

/// <summary>A person in a call: one row per person, whichever device (tab) they are on now.</summary>
public sealed class CallParticipant : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid CallId { get; set; }
    public Guid AccountId { get; set; }
    public ParticipantState State { get; set; }
    /// <summary>The device in the call: a secret the joining tab is given, which signals are addressed to. A join from
    /// another tab replaces it (the first tab then leaves).</summary>
    public Guid? LegId { get; set; }
    /// <summary>The hub connection of that tab: when it closes without hanging up, the person leaves the call.</summary>
    public string? ConnectionId { get; set; }
    public DateTimeOffset? JoinedAt { get; set; }
    public DateTimeOffset? LeftAt { get; set; }
    /// <summary>Group calls: the person's publisher id in the Janus room (chosen by Sfera, so every node knows it), and
    /// whether their media reaches Janus (its PeerConnection is up), so others may subscribe to it.</summary>
    public long? FeedId { get; set; }
    public bool Publishing { get; set; }
    /// <summary>The mids of the audio and video streams the tab publishes (from its offer), comma-separated: what a host's
    /// mute or "camera off" switches off in Janus.</summary>
    public string? AudioMids { get; set; }
    public string? VideoMids { get; set; }
    public bool MutedByHost { get; set; }
    public bool CameraOffByHost { get; set; }
    /// <summary>A guest (someone without an account, through the guest link): the name they typed, the SHA-256 of the key
    /// their page holds (it works on that call's guest endpoints and nowhere else), and when their page last asked;
    /// <see cref="AccountId"/> is then a random id of their own, no account's.</summary>
    public string? GuestName { get; set; }
    public string? GuestKeyHash { get; set; }
    public DateTimeOffset? GuestSeenAt { get; set; }
    /// <summary>A raised hand, in order of raising.</summary>
    public DateTimeOffset? HandRaisedAt { get; set; }
    /// <summary>What the person's own tab says it sends: microphone off, camera off, and since when it shows its screen
    /// (the latest to start sharing is the one everyone receives large).</summary>
    public bool MicOff { get; set; }
    public bool CameraOff { get; set; }
    public DateTimeOffset? SharingSince { get; set; }
}
