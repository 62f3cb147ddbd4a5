using Sfera.Chats;
using Sfera.Messages;
using Sfera.Polls;

namespace Sfera.Realtime;

// The event catalogue: one record per event, mirrored in web/src/lib/events.ts. Payloads are the same
// response records a fresh GET returns.

public sealed record MessageEvent(Guid SchoolId, Guid ChatId, MessageResponse Message);
public sealed record MessageDeletedEvent(Guid SchoolId, Guid ChatId, Guid MessageId, long Seq);
public sealed record ReadEvent(Guid SchoolId, Guid ChatId, Guid AccountId, long LastReadSeq);
public sealed record ChatAddedEvent(Guid SchoolId, ChatSummaryResponse Chat);
public sealed record ChatRemovedEvent(Guid SchoolId, Guid ChatId);
public sealed record PresenceResponse(bool Online, DateTimeOffset? LastSeenAt);
public sealed record PresenceEvent(Guid SchoolId, Guid AccountId, PresenceResponse Presence);
public sealed record TypingEvent(Guid SchoolId, Guid ChatId, Guid AccountId, string DisplayName);
public sealed record MembershipDecidedEvent(Guid SchoolId, People.MyMembershipResponse Membership);

/// <summary>What the server can call on a connected client.</summary>
public interface IChatClient
{
    Task MessageCreated(MessageEvent e);
    Task MessageUpdated(MessageEvent e);
    Task MessageDeleted(MessageDeletedEvent e);
    Task ReadUpdated(ReadEvent e);
    Task ChatAdded(ChatAddedEvent e);
    /// <summary>The chat's settings or the recipient's role in it changed; same payload as ChatAdded.</summary>
    Task ChatUpdated(ChatAddedEvent e);
    Task ChatRemoved(ChatRemovedEvent e);
    Task Typing(TypingEvent e);
    /// <summary>Someone the recipient has a personal chat with came online or went away (never a minor, except to
    /// staff and the minor's guardians).</summary>
    Task PresenceChanged(PresenceEvent e);
    /// <summary>The sender of a "please confirm" message asks those who have not confirmed yet.</summary>
    Task ConfirmationRequested(MessageEvent e);
    /// <summary>A poll's results changed (a vote, a retraction, closing). Voters are named only in named polls; the
    /// recipient's own choice is filled in only for the voter's own connections.</summary>
    Task PollUpdated(PollEvent e);
    /// <summary>The recipient's request to join was approved or rejected (the membership as /me now lists it).</summary>
    Task MembershipDecided(MembershipDecidedEvent e);
    /// <summary>What waits for the recipient's decision in a school changed (a join request or report came or went);
    /// only to administrators and the class teachers concerned, each with their own counts.</summary>
    Task WaitingChanged(Schools.WaitingResponse e);
    /// <summary>A call in a chat started, rang, was answered, changed or ended: to the chat's members. A tab rings when
    /// the recipient is among the participants as Ringing.</summary>
    Task CallChanged(Calls.CallEvent e);
    /// <summary>Signalling for one of the recipient's tabs in a call (the one holding ToLeg).</summary>
    Task CallSignal(Calls.CallSignalEvent e);
    /// <summary>Someone in a group call the recipient is in started or stopped talking.</summary>
    Task CallSpeaking(Calls.CallSpeakingEvent e);
}
