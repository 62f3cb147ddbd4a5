namespace Sfera.Data;

/// <summary>What a file is to the people who see it: a picture, a voice note, a video or anything else.</summary>
public enum FileKind { File, Image, Voice, Audio, Video }

/// <summary>
/// An uploaded file. Its bytes live in the file store under <see cref="StorageKey"/>; the row is written only
/// after they are stored (and scanned, when scanning is on), so a row always points at a whole, clean file.
/// </summary>
public sealed class StoredFile : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid UploaderId { get; set; }
    /// <summary>The uploader's name for it, made safe (no path, no control characters).</summary>
    public string Name { get; set; } = "";
    /// <summary>Sniffed from the bytes; the client's claim is ignored.</summary>
    public string ContentType { get; set; } = "";
    public FileKind Kind { get; set; }
    public long Size { get; set; }
    /// <summary>SHA-256 of the stored bytes, hex; also the ETag.</summary>
    public string Sha256 { get; set; } = "";
    public string StorageKey { get; set; } = "";
    public string? ThumbnailKey { get; set; }
    public long? ThumbnailSize { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public int? DurationMs { get; set; }
    /// <summary>Voice notes: up to 100 levels 0-100, comma-separated.</summary>
    public string? Waveform { get; set; }
    public DateTimeOffset CreatedAt { get; set; }}

/// <summary>A file posted in a message. A file is readable by its uploader and the members of any chat where a
/// message carrying it is posted.</summary>
public sealed class MessageAttachment : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid MessageId { get; set; }
    public Guid FileId { get; set; }
    public int Position { get; set; }}

/// <summary>A poll, posted as a message (its text is the question).</summary>
public sealed class Poll : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid ChatId { get; set; }
    public Guid MessageId { get; set; }
    public bool Multiple { get; set; }
    public bool Anonymous { get; set; }
    public DateTimeOffset? ClosesAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public Guid? ClosedBy { get; set; }

    public bool IsClosed(DateTimeOffset now) => ClosedAt is not null || (ClosesAt is { } at && at <= now);}

public sealed class PollOption : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid PollId { get; set; }
    public int Position { get; set; }
    public string Text { get; set; } = "";}

/// <summary>
/// One chosen option of one voter. In a named poll <see cref="VoterId"/> says who; in an anonymous poll it is
/// null, the row's id is random (not time-ordered) and no time is kept: only <see cref="VoterKey"/>, a keyed hash
/// of (poll, voter) that lets a voter change their own vote and that nobody can turn back into a person without
/// the server's ballot key.
/// </summary>
public sealed class PollVote : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid PollId { get; set; }
    public Guid OptionId { get; set; }
    public string VoterKey { get; set; } = "";
    public Guid? VoterId { get; set; }
    public DateTimeOffset? VotedAt { get; set; }}
