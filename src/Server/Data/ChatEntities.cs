namespace Sfera.Data;

public enum ChatKind { Personal, Group, Class, Parents, Staff, Announcements }

public enum ChatRole { Member, Moderator, Owner }

public sealed class Chat : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public ChatKind Kind { get; set; }
    /// <summary>Empty for personal chats (each side sees the other's name) and automatic chats (named from their class).</summary>
    public string Title { get; set; } = "";
    public Guid? ClassId { get; set; }
    /// <summary>The sequence number of the newest message; the next message takes LastSeq + 1.</summary>
    public long LastSeq { get; set; }
    /// <summary>Counts every change to the chat's messages (new, edited, deleted, reacted, pinned, confirmed);
    /// each message carries the value of its latest change, so a client can ask for everything changed since.</summary>
    public long LastVersion { get; set; }
    public bool ModeratorsOnly { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Automatic chats follow the roster; nobody adds or removes their members by hand.</summary>
    public bool IsAutomatic => Kind is ChatKind.Class or ChatKind.Parents or ChatKind.Staff or ChatKind.Announcements;}

public sealed class ChatMember : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid ChatId { get; set; }
    public Guid AccountId { get; set; }
    public ChatRole Role { get; set; }
    public long LastReadSeq { get; set; }
    public DateTimeOffset? MutedUntil { get; set; }
    /// <summary>The member silenced this chat's notifications until then (<see cref="DateTimeOffset.MaxValue"/>: until turned on).</summary>
    public DateTimeOffset? NotificationsOffUntil { get; set; }
    public DateTimeOffset JoinedAt { get; set; }}

public sealed class Message : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid ChatId { get; set; }
    public long Seq { get; set; }
    public long Version { get; set; }
    public Guid SenderId { get; set; }
    /// <summary>Chosen by the sending client; a retry with the same id returns the stored message.</summary>
    public string ClientId { get; set; } = "";
    public string Text { get; set; } = "";
    public Guid? ReplyToId { get; set; }
    public Guid? ForwardedFromId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    /// <summary>Hidden from members. In a chat with a minor the text is kept for safeguarding staff.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
    public Guid? DeletedBy { get; set; }
    public DateTimeOffset? PinnedAt { get; set; }
    /// <summary>@all: only moderators may use it.</summary>
    public bool MentionsAll { get; set; }
    /// <summary>"Please confirm": readers confirm, the sender sees who has and can remind the rest.</summary>
    public bool RequiresConfirmation { get; set; }
    /// <summary>An administrator's urgent announcement: its notification pierces quiet hours and muting.</summary>
    public bool Urgent { get; set; }
    /// <summary>A note the server writes about a call in the chat (started, ended, missed, declined); no text.</summary>
    public Guid? CallId { get; set; }
    public CallNote? CallNote { get; set; }}

public enum CallNote { Started, Ended, Missed, Declined }

public sealed class Reaction : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid MessageId { get; set; }
    public Guid AccountId { get; set; }
    public string Emoji { get; set; } = "";}

public sealed class Mention : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid MessageId { get; set; }
    public Guid AccountId { get; set; }}

public sealed class Confirmation : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid MessageId { get; set; }
    public Guid AccountId { get; set; }
    public DateTimeOffset ConfirmedAt { get; set; }}

public sealed class AuditEntry : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid ActorId { get; set; }
    public string Action { get; set; } = "";
    public Guid? ChatId { get; set; }
    public Guid? TargetId { get; set; }
    public string Details { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }}

/// <summary>A message reported to the school's safeguarding staff (administrators and the class teacher of the chat's class).</summary>
public sealed class Report : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid ChatId { get; set; }
    public Guid MessageId { get; set; }
    public Guid ReporterId { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public Guid? ResolvedBy { get; set; }}
