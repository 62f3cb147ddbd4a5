namespace Sfera.Data;

/// <summary>Whether a push may carry a message's text. Never a minor's text, and never to a minor, whatever the school chose.</summary>
public enum PushPreview { None, Adults }

/// <summary>One browser or installed app that said yes to notifications: where its push service takes messages for it,
/// and the keys the messages are encrypted with (RFC 8291).</summary>
public sealed class PushSubscription
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    /// <summary>The sign-in it was made under: signing out of that browser stops its notifications.</summary>
    public Guid SessionId { get; set; }
    public string Endpoint { get; set; } = "";
    public string P256dh { get; set; } = "";
    public string Auth { get; set; } = "";
    /// <summary>What the person sees in their list of devices ("Chrome, Android").</summary>
    public string Device { get; set; } = "";
    /// <summary>The language the device's notifications are written in.</summary>
    public string Language { get; set; } = "ru";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSentAt { get; set; }
}

/// <summary>A person's choices: which kinds notify, and a teacher's working hours (outside them, pushes wait).</summary>
public sealed class NotificationSettings
{
    public Guid AccountId { get; set; }
    public bool Messages { get; set; } = true;
    public bool Mentions { get; set; } = true;
    public bool Calls { get; set; } = true;
    public bool Announcements { get; set; } = true;
    public bool WorkingHoursOn { get; set; }
    /// <summary>Minutes after midnight, in the school's time zone.</summary>
    public int WorkStart { get; set; } = 8 * 60;
    public int WorkEnd { get; set; } = 18 * 60;
    /// <summary>Bit 0 Monday … bit 6 Sunday.</summary>
    public int WorkDays { get; set; } = 0b0011111;
}

/// <summary>A stored message whose notifications have not been worked out yet: written in the message's own transaction,
/// so a crash after the send was acknowledged loses no notification.</summary>
public sealed class PushJob
{
    public Guid MessageId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum PushKind { Message, Mention, Confirm, Announcement, Call, MissedCall }

/// <summary>One person to be told of one message, from <see cref="DueAt"/> on (later than its arrival in quiet hours).
/// Those due for the same chat go out together as one push.</summary>
public sealed class PendingPush : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public Guid SchoolId { get; set; }
    public Guid ChatId { get; set; }
    public Guid MessageId { get; set; }
    public long Seq { get; set; }
    public PushKind Kind { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A push ready for one device: its payload (encrypted only when sent), attempts and when to try next.</summary>
public sealed class PushDelivery
{
    public Guid Id { get; set; }
    public Guid SubscriptionId { get; set; }
    public string Payload { get; set; } = "";
    /// <summary>Replaces a push still waiting at the push service for the same chat (RFC 8030 Topic).</summary>
    public string Topic { get; set; } = "";
    public bool Urgent { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Values the install generates once and every node shares (the VAPID key pair).</summary>
public sealed class ServerSecret
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
}
