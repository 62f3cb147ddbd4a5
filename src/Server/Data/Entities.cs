using Microsoft.AspNetCore.Identity;

namespace Sfera.Data;

/// <summary>A row that belongs to one school: filtered to the request's school once its membership is known (SferaDb).</summary>
public interface ISchoolOwned
{
    Guid SchoolId { get; }
}

/// <summary>A person's sign-in identity. What a school knows of it lives in <see cref="Membership"/>.</summary>
public sealed class Account : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public bool IsOperator { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the last open connection of this person closed (presence "last seen").</summary>
    public DateTimeOffset? LastSeenAt { get; set; }
    /// <summary>The school that made this account (its administrator, roster import, its approval, or its invite link).
    /// Only that school may ever issue it an activation code, and only while the account is in no other school.</summary>
    public Guid? CreatedBySchoolId { get; set; }
}

public enum SchoolType { School, Kindergarten, College, Club }

public sealed class School
{
    public Guid Id { get; set; }
    /// <summary>Renewed in the same transaction as any change to who is in the school, in which roles, classes and
    /// chats, and to its settings (<see cref="Chats.RosterStamp"/>): what is computed from those may be cached under it.</summary>
    public Guid RosterStamp { get; set; }
    public string FullName { get; set; } = "";
    public string ShortName { get; set; } = "";
    public SchoolType Type { get; set; }
    public string Region { get; set; } = "";
    public string Inn { get; set; } = "";
    public string? JournalUrl { get; set; }
    /// <summary>Contact policy: students may write to students outside their classes (off by default).</summary>
    public bool StudentsMayWriteOtherStudents { get; set; }
    /// <summary>Contact policy: parents may write to parents of their children's classmates (on by default).</summary>
    public bool ParentsMayWriteClassParents { get; set; } = true;
    /// <summary>Minutes after sending during which a message may be edited.</summary>
    public int EditWindowMinutes { get; set; } = 60;
    /// <summary>Bytes of stored files, counted atomically against the quota as files are added.</summary>
    public long StorageUsedBytes { get; set; }
    /// <summary>This school's storage quota; null means the install-wide default (Files:SchoolQuotaBytes).</summary>
    public long? StorageQuotaBytes { get; set; }
    /// <summary>Students' quiet hours (minutes after midnight in <see cref="TimeZone"/>): pushes wait until they end.</summary>
    public int QuietStart { get; set; } = 21 * 60;
    public int QuietEnd { get; set; } = 8 * 60;
    /// <summary>Parents keep the students' quiet hours too.</summary>
    public bool QuietForParents { get; set; }
    /// <summary>The school's IANA time zone, which quiet and working hours are read in.</summary>
    public string TimeZone { get; set; } = "Europe/Moscow";
    public PushPreview PushPreview { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum Role { Admin, Teacher, Staff, Student, Parent }

public enum MembershipStatus { Pending, Confirmed, Rejected, Removed }

/// <summary>One role of one account in one school; a teacher who is also a parent holds two.</summary>
public sealed class Membership : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid AccountId { get; set; }
    public Account Account { get; set; } = null!;
    public Role Role { get; set; }
    public MembershipStatus Status { get; set; }
    /// <summary>The class of a student (and the class a pending parent or student asked to join).</summary>
    public Guid? ClassId { get; set; }
    public Guid? InviteId { get; set; }
    /// <summary>The child's name as a parent typed it when joining by a class's parent link; the approver links the
    /// child (or children) from the class before approving.</summary>
    public string? RequestedChildName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid? DecidedBy { get; set; }}

public sealed class SchoolClass : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The calendar year the school year starts in: 2026 means 2026/27.</summary>
    public int SchoolYear { get; set; }
    public Guid? ClassTeacherId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }}

public sealed class SubjectTeacher : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid ClassId { get; set; }
    public Guid AccountId { get; set; }
    public string Subject { get; set; } = "";}

public enum GuardianStatus { Pending, Confirmed, Rejected }

public sealed class GuardianLink : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid GuardianId { get; set; }
    public Guid ChildId { get; set; }
    public GuardianStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }}

public sealed class Invite : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    /// <summary>The secret part of the link. Kept readable so the link and its QR code can be shown again.</summary>
    public string Token { get; set; } = "";
    public Role Role { get; set; }
    public Guid? ClassId { get; set; }
    /// <summary>Set on a student's "invite my parent" link: whom the parent asks to be linked to.</summary>
    public Guid? ChildId { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int MaxUses { get; set; }
    public int Uses { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }}

public enum ApplicationStatus { Pending, Approved, Rejected }

public sealed class SchoolApplication
{
    public Guid Id { get; set; }
    public string FullName { get; set; } = "";
    public string ShortName { get; set; } = "";
    public SchoolType Type { get; set; }
    public string Region { get; set; } = "";
    public string Inn { get; set; } = "";
    public string AdminName { get; set; } = "";
    public string AdminPhone { get; set; } = "";
    public string AdminEmail { get; set; } = "";
    public ApplicationStatus Status { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? RejectionReason { get; set; }
    public Guid? SchoolId { get; set; }
}

/// <summary>A one-time "set your password" code. Only its hash is stored.</summary>
public sealed class ActivationCode
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public string CodeHash { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

public enum InvitationStatus { Pending, Accepted, Declined, Revoked }

/// <summary>
/// A school's offer of a membership to an account that already exists (found by the phone or e-mail the school
/// typed). Nothing changes for the account until its owner accepts while signed in; until then the school sees
/// only what it typed itself.
/// </summary>
public sealed class SchoolInvitation : ISchoolOwned
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid AccountId { get; set; }
    public Role Role { get; set; }
    public Guid? ClassId { get; set; }
    /// <summary>Students of the school this account is to be linked to as guardian on acceptance (roster import).</summary>
    public List<Guid> ChildIds { get; set; } = [];
    public string DisplayName { get; set; } = "";
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public InvitationStatus Status { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }}

/// <summary>One signed-in session: a cookie, or a bearer token with its chain of refresh tokens. Its id travels in a
/// claim; ending the row ends the session wherever its cookie or tokens were copied to.</summary>
public sealed class AuthSession
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Bumped at every refresh: only the newest refresh token carries the current number.</summary>
    public int RefreshGeneration { get; set; }
}

/// <summary>An external OpenID Connect identity (VK ID and the like) that may sign in to an account. Only the issuer
/// and a pairwise hash of the subject are kept (<see cref="Auth.PairwiseSubjects"/>): nothing from the external
/// profile, not even the subject itself, so a copy of the database cannot name the external account either.</summary>
public sealed class ExternalLogin
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    /// <summary>The provider's key in configuration (ExternalSignIn:Providers:{key}), for its display name.</summary>
    public string Provider { get; set; } = "";
    public string Issuer { get; set; } = "";
    public string SubjectHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
