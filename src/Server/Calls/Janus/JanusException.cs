namespace Sfera.Calls.Janus;

/// <summary>Janus refused a request: <see cref="Code"/> and <see cref="Reason"/> are Janus's own, from the core
/// (<see cref="Origin"/> "janus") or from a plugin (its package name, e.g. "janus.plugin.videoroom").</summary>
public sealed class JanusException : Exception
{
    public JanusException(int code, string reason, string origin = "janus")
        : base($"Janus {origin} error {code}: {reason}")
    {
        Code = code;
        Reason = reason;
        Origin = origin;
    }

    public JanusException() : this(0, "unknown") { }

    public JanusException(string message) : this(0, message) { }

    public JanusException(string message, Exception inner) : base(message, inner) => Reason = message;

    public int Code { get; }

    public string Reason { get; }

    public string Origin { get; } = "janus";
}

/// <summary>Error codes of Janus's core (apierror.h) that callers may want to tell apart.</summary>
public static class JanusErrors
{
    public const int Unauthorized = 403;
    public const int MissingMandatoryElement = 456;
    public const int SessionNotFound = 458;
    public const int HandleNotFound = 459;
}

/// <summary>Error codes of the VideoRoom plugin (janus_videoroom.c).</summary>
public static class VideoRoomErrors
{
    public const int InvalidRequest = 423;
    public const int JoinFirst = 424;
    public const int AlreadyJoined = 425;
    public const int NoSuchRoom = 426;
    public const int RoomExists = 427;
    public const int NoSuchFeed = 428;
    public const int MissingElement = 429;
    public const int InvalidElement = 430;
    public const int PublishersFull = 432;
    public const int Unauthorized = 433;
    public const int AlreadyPublished = 434;
    public const int NotPublished = 435;
    public const int IdExists = 436;
    public const int InvalidSdp = 437;
}
