using Sfera.Data;

namespace Sfera.Calls;

/// <summary><paramref name="Publishing"/>: in a group call, the person's media reaches the SFU, so others may receive it.
/// <paramref name="MicOff"/>, <paramref name="CameraOff"/> and <paramref name="SharingSince"/> are what the person's own tab
/// reports (a host's switches are <paramref name="MutedByHost"/> and <paramref name="CameraOffByHost"/>).</summary>
public sealed record CallParticipantResponse(
    Guid AccountId, string DisplayName, ParticipantState State, DateTimeOffset? JoinedAt, bool Publishing, bool MutedByHost, bool CameraOffByHost,
    DateTimeOffset? HandRaisedAt, bool Guest, bool MicOff, bool CameraOff, DateTimeOffset? SharingSince);

/// <summary>A call as every member of its chat sees it. The devices' leg ids are not in it: each tab learns only its own.</summary>
public sealed record CallResponse(
    Guid Id, Guid ChatId, CallKind Kind, bool Video, Guid StartedBy, DateTimeOffset StartedAt, DateTimeOffset? RingUntil,
    DateTimeOffset? AnsweredAt, DateTimeOffset? EndedAt, CallEndReason? EndReason, List<CallParticipantResponse> Participants,
    bool Locked, bool MicsLocked, bool WaitingRoom);

/// <summary>What the tab that started, accepted or joined a call needs: its leg (signals to it carry this id; it sends
/// its own with this id) and the ICE servers to use, with credentials that expire within minutes.</summary>
public sealed record JoinedCallResponse(CallResponse Call, Guid LegId, List<IceServerResponse> IceServers);

/// <summary>The ICE server list for RTCPeerConnection: only the install's own STUN/TURN servers, never a public one.</summary>
public sealed record IceServerResponse(List<string> Urls, string? Username, string? Credential);

/// <summary><paramref name="ConnectionId"/>: the tab's hub connection; when it closes without hanging up, the tab leaves.</summary>
public sealed record StartCallRequest(bool Video, string? ConnectionId);

public sealed record JoinCallRequest(string? ConnectionId);

public sealed record LeaveCallRequest(Guid LegId);

/// <summary>WebRTC signalling from one tab in a call: an SDP offer or answer, or one trickled ICE candidate
/// (an empty candidate: gathering is complete).</summary>
public sealed record CallSignalRequest(Guid LegId, string Type, string? Sdp, string? Candidate, string? SdpMid, int? SdpMLineIndex);

/// <summary>A call was started, rang, was answered, changed or ended: to every member of its chat.</summary>
public sealed record CallEvent(Guid SchoolId, CallResponse Call);

/// <summary>Signalling for one tab: its person's every tab receives it, the tab holding <see cref="ToLeg"/> acts on it.
/// Type "bye": the leg was replaced by a join from another tab, which now holds the call.</summary>
public sealed record CallSignalEvent(Guid SchoolId, Guid CallId, Guid ToLeg, string Type, string? Sdp, string? Candidate, string? SdpMid, int? SdpMLineIndex);

/// <summary>Group calls: a tab's SDP (an offer to publish; its answer to a subscription offer).</summary>
public sealed record SdpRequest(Guid LegId, string Sdp);

public sealed record SdpResponse(string Sdp);

/// <summary>Group calls: asks to receive everyone who publishes. The tab's subscription is updated (a renegotiation of its
/// receiving connection) unless <paramref name="Fresh"/>: the tab has no receiving connection and needs a new one.</summary>
public sealed record SubscribeRequest(Guid LegId, bool Fresh = false);

/// <summary>One stream of a subscription: which person's audio or video the tab's transceiver with this mid carries.</summary>
public sealed record SubscribedStreamResponse(string Mid, string Type, Guid AccountId);

/// <summary><paramref name="Fresh"/>: a new subscription, for a new receiving connection; otherwise the offer renegotiates
/// the tab's existing one.</summary>
public sealed record SubscriptionResponse(string Sdp, List<SubscribedStreamResponse> Streams, bool Fresh);

/// <summary>Group calls: an ICE candidate of the tab's sending (<paramref name="Target"/> "publisher") or receiving
/// ("subscriber") connection; no candidate: gathering is complete.</summary>
public sealed record MediaCandidateRequest(Guid LegId, string Target, string? Candidate, string? SdpMid, int? SdpMLineIndex);

/// <summary>A host's settings for a group call; each one left out stays as it is.</summary>
public sealed record CallSettingsRequest(bool? Locked, bool? MicsLocked, bool? WaitingRoom);

/// <summary>A host switches off (or back on) someone's microphone or camera for everyone; null leaves it.</summary>
public sealed record HostMuteRequest(bool? Audio, bool? Video);

public sealed record HandRequest(Guid LegId, bool Raised);

/// <summary>A participant's own microphone back on after a host muted it (refused while the host has locked that).</summary>
public sealed record UnmuteRequest(Guid LegId);

/// <summary>Group calls: which simulcast layer of received streams to get, all in one request (a class's worth of tiles
/// changes at once when the speaker changes).</summary>
public sealed record MediaConfigureRequest(Guid LegId, List<StreamLayerRequest> Streams);

/// <summary>One received stream (by its mid): which simulcast layer to get (0 low, 1 medium, 2 high), or whether to get it
/// at all (send false pauses it); null leaves it.</summary>
public sealed record StreamLayerRequest(string Mid, int? Substream, bool? Send);

/// <summary>Group calls: what this tab sends now, for the others to see (a microphone off, no camera, the screen).</summary>
public sealed record MediaStateRequest(Guid LegId, bool MicOn, bool CameraOn, bool Sharing);

/// <summary>Someone in a group call started or stopped talking (from the SFU's audio levels): to the call's participants.</summary>
public sealed record CallSpeakingEvent(Guid SchoolId, Guid CallId, Guid AccountId, bool Talking);

/// <summary>The guest link a host turned on: shown once; it works until the call ends or a host turns it off.</summary>
public sealed record GuestLinkResponse(string Token, string Url);

/// <summary>What the guest page learns before joining: only that the link leads to a call going on, and whether it is video.</summary>
public sealed record GuestCallInfoResponse(bool Video);

public sealed record GuestJoinRequest(string Name);

/// <summary>A guest's way into this one call: the key goes in the X-Guest-Key header of the guest endpoints (nowhere else).
/// <paramref name="Id"/> is the guest's id among the participants.</summary>
public sealed record GuestJoinedResponse(string GuestKey, Guid Id, Guid LegId, List<IceServerResponse> IceServers);

/// <summary>The call as a guest sees it: their own state; who started it and the others only once they are let in.</summary>
public sealed record GuestCallResponse(ParticipantState State, bool Ended, bool Video, Guid? StartedBy, List<CallParticipantResponse> Participants);
