using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Sfera.Data;

public class SferaDb(DbContextOptions options) : IdentityUserContext<Account, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// The school this request works in, set by <c>SchoolAccess</c> once the caller's membership is known.
    /// The query filters below are the safety net behind the access functions, not the mechanism.
    /// </summary>
    public Guid? SchoolScope { get; set; }

    /// <summary>The application's clock, for what queries compute from the time (is a poll closed yet).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The services of the scope this context belongs to (the request's), for what a save sets off
    /// (see RosterSyncInterceptor). The context's options are built once for the process, so they cannot carry them.</summary>
    internal IServiceProvider? ScopeServices { get; set; }

    /// <summary>Schools whose roster this context changed since the last sync (see RosterSyncInterceptor).</summary>
    internal HashSet<Guid> RosterChangedSchools { get; } = [];
    internal bool SyncingRoster { get; set; }

    public DbSet<School> Schools => Set<School>();
    public DbSet<SchoolApplication> SchoolApplications => Set<SchoolApplication>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<SchoolClass> Classes => Set<SchoolClass>();
    public DbSet<SubjectTeacher> SubjectTeachers => Set<SubjectTeacher>();
    public DbSet<GuardianLink> GuardianLinks => Set<GuardianLink>();
    public DbSet<Invite> Invites => Set<Invite>();
    public DbSet<ActivationCode> ActivationCodes => Set<ActivationCode>();
    public DbSet<SchoolInvitation> SchoolInvitations => Set<SchoolInvitation>();
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();
    public DbSet<ExternalLogin> ExternalLogins => Set<ExternalLogin>();
    public DbSet<Chat> Chats => Set<Chat>();
    public DbSet<ChatMember> ChatMembers => Set<ChatMember>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<Reaction> Reactions => Set<Reaction>();
    public DbSet<Mention> Mentions => Set<Mention>();
    public DbSet<Confirmation> Confirmations => Set<Confirmation>();
    public DbSet<StoredFile> Files => Set<StoredFile>();
    /// <summary>The keys that protect cookies and tokens, shared by every node that uses this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<MessageAttachment> Attachments => Set<MessageAttachment>();
    public DbSet<Poll> Polls => Set<Poll>();
    public DbSet<PollOption> PollOptions => Set<PollOption>();
    public DbSet<PollVote> PollVotes => Set<PollVote>();
    public DbSet<Call> Calls => Set<Call>();
    public DbSet<CallParticipant> CallParticipants => Set<CallParticipant>();
    public DbSet<PushSubscription> PushSubscriptions => Set<PushSubscription>();
    public DbSet<NotificationSettings> NotificationSettings => Set<NotificationSettings>();
    public DbSet<PushJob> PushJobs => Set<PushJob>();
    public DbSet<PendingPush> PendingPushes => Set<PendingPush>();
    public DbSet<PushDelivery> PushDeliveries => Set<PushDelivery>();
    public DbSet<ServerSecret> ServerSecrets => Set<ServerSecret>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Account>(a =>
        {
            a.Property(x => x.DisplayName).HasMaxLength(200);
            a.HasIndex(x => x.PhoneNumber).IsUnique();
            a.HasIndex(x => x.NormalizedEmail).IsUnique();
        });

        builder.Entity<School>(s =>
        {
            s.Property(x => x.FullName).HasMaxLength(500);
            s.Property(x => x.ShortName).HasMaxLength(200);
            s.Property(x => x.Region).HasMaxLength(200);
            s.Property(x => x.Inn).HasMaxLength(12);
            s.Property(x => x.JournalUrl).HasMaxLength(2000);
            s.Property(x => x.TimeZone).HasMaxLength(64);
            s.HasQueryFilter(x => SchoolScope == null || x.Id == SchoolScope);
        });

        builder.Entity<SchoolApplication>(s =>
        {
            s.Property(x => x.FullName).HasMaxLength(500);
            s.Property(x => x.ShortName).HasMaxLength(200);
            s.Property(x => x.Region).HasMaxLength(200);
            s.Property(x => x.Inn).HasMaxLength(12);
            s.Property(x => x.AdminName).HasMaxLength(200);
            s.Property(x => x.AdminPhone).HasMaxLength(20);
            s.Property(x => x.AdminEmail).HasMaxLength(256);
            s.Property(x => x.RejectionReason).HasMaxLength(1000);
            s.HasIndex(x => x.Status);
        });

        builder.Entity<Membership>(m =>
        {
            m.HasOne(x => x.Account).WithMany().HasForeignKey(x => x.AccountId);
            m.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId);
            m.HasOne<SchoolClass>().WithMany().HasForeignKey(x => x.ClassId).OnDelete(DeleteBehavior.SetNull);
            m.HasIndex(x => new { x.SchoolId, x.AccountId, x.Role }).IsUnique();
            m.HasIndex(x => new { x.AccountId, x.Status });
            m.Property(x => x.RequestedChildName).HasMaxLength(200);
        });

        builder.Entity<SchoolClass>(c =>
        {
            c.Property(x => x.Name).HasMaxLength(20);
            c.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId);
            c.HasIndex(x => new { x.SchoolId, x.SchoolYear, x.Name }).IsUnique();
        });

        builder.Entity<SubjectTeacher>(s =>
        {
            s.Property(x => x.Subject).HasMaxLength(100);
            s.HasOne<SchoolClass>().WithMany().HasForeignKey(x => x.ClassId).OnDelete(DeleteBehavior.Cascade);
            s.HasIndex(x => new { x.ClassId, x.AccountId, x.Subject }).IsUnique();
        });

        builder.Entity<GuardianLink>(g =>
        {
            g.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId);
            g.HasIndex(x => new { x.SchoolId, x.GuardianId, x.ChildId }).IsUnique();
            g.HasIndex(x => x.ChildId);
        });

        builder.Entity<Invite>(i =>
        {
            i.Property(x => x.Token).HasMaxLength(64);
            i.HasIndex(x => x.Token).IsUnique();
            i.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId);
            i.HasIndex(x => x.SchoolId);
        });

        builder.Entity<Chat>(c =>
        {
            c.Property(x => x.Title).HasMaxLength(200);
            c.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId);
            c.HasIndex(x => new { x.SchoolId, x.Kind, x.ClassId });
            c.Ignore(x => x.IsAutomatic);
        });

        builder.Entity<ChatMember>(m =>
        {
            m.HasOne<Chat>().WithMany().HasForeignKey(x => x.ChatId).OnDelete(DeleteBehavior.Cascade);
            m.HasIndex(x => new { x.ChatId, x.AccountId }).IsUnique();
            m.HasIndex(x => new { x.AccountId, x.SchoolId });
        });

        builder.Entity<Message>(m =>
        {
            m.Property(x => x.ClientId).HasMaxLength(64);
            m.Property(x => x.Text).HasMaxLength(4096);
            m.HasOne<Chat>().WithMany().HasForeignKey(x => x.ChatId).OnDelete(DeleteBehavior.Cascade);
            m.HasIndex(x => new { x.ChatId, x.Seq }).IsUnique();
            m.HasIndex(x => new { x.ChatId, x.Version });
            m.HasIndex(x => new { x.ChatId, x.SenderId, x.ClientId }).IsUnique();
        });

        builder.Entity<AuditEntry>(a =>
        {
            a.Property(x => x.Action).HasMaxLength(50);
            a.Property(x => x.Details).HasMaxLength(1000);
            a.HasIndex(x => new { x.SchoolId, x.CreatedAt });
        });

        builder.Entity<Reaction>(r =>
        {
            r.Property(x => x.Emoji).HasMaxLength(16);
            r.HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
            r.HasIndex(x => new { x.MessageId, x.AccountId, x.Emoji }).IsUnique();
        });

        builder.Entity<Mention>(m =>
        {
            m.HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
            m.HasIndex(x => new { x.MessageId, x.AccountId }).IsUnique();
            m.HasIndex(x => x.AccountId);
        });

        builder.Entity<Confirmation>(c =>
        {
            c.HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
            c.HasIndex(x => new { x.MessageId, x.AccountId }).IsUnique();
        });

        builder.Entity<Report>(r =>
        {
            r.Property(x => x.Reason).HasMaxLength(1000);
            r.HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
            r.HasIndex(x => new { x.SchoolId, x.ResolvedAt });
        });

        builder.Entity<StoredFile>(f =>
        {
            f.Property(x => x.Name).HasMaxLength(255);
            f.Property(x => x.ContentType).HasMaxLength(100);
            f.Property(x => x.Sha256).HasMaxLength(64);
            f.Property(x => x.StorageKey).HasMaxLength(200);
            f.Property(x => x.ThumbnailKey).HasMaxLength(200);
            f.Property(x => x.Waveform).HasMaxLength(400);
            f.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId);
            f.HasIndex(x => new { x.SchoolId, x.UploaderId });
            f.HasIndex(x => x.CreatedAt);
        });

        builder.Entity<MessageAttachment>(a =>
        {
            a.HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
            a.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId);
            a.HasIndex(x => new { x.MessageId, x.Position }).IsUnique();
            a.HasIndex(x => x.FileId);
        });

        builder.Entity<Poll>(p =>
        {
            p.HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
            p.HasIndex(x => x.MessageId).IsUnique();
        });

        builder.Entity<PollOption>(o =>
        {
            o.Property(x => x.Text).HasMaxLength(200);
            o.HasOne<Poll>().WithMany().HasForeignKey(x => x.PollId).OnDelete(DeleteBehavior.Cascade);
            o.HasIndex(x => new { x.PollId, x.Position }).IsUnique();
        });

        builder.Entity<PollVote>(v =>
        {
            v.Property(x => x.VoterKey).HasMaxLength(64);
            v.HasOne<Poll>().WithMany().HasForeignKey(x => x.PollId).OnDelete(DeleteBehavior.Cascade);
            v.HasOne<PollOption>().WithMany().HasForeignKey(x => x.OptionId).OnDelete(DeleteBehavior.Cascade);
            v.HasIndex(x => new { x.PollId, x.VoterKey, x.OptionId }).IsUnique();
        });

        builder.Entity<Call>(c =>
        {
            c.HasOne<Chat>().WithMany().HasForeignKey(x => x.ChatId).OnDelete(DeleteBehavior.Cascade);
            // One active call per chat: a second "start" races into this index and joins the first instead.
            c.HasIndex(x => x.ChatId).IsUnique().HasFilter("\"EndedAt\" IS NULL");
            c.HasIndex(x => x.RingUntil);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.Property(x => x.JanusServer).HasMaxLength(200);
            c.Property(x => x.JanusSecret).HasMaxLength(64);
            c.Property(x => x.GuestTokenHash).HasMaxLength(64);
            c.HasIndex(x => x.GuestTokenHash);
        });

        builder.Entity<PushSubscription>(p =>
        {
            p.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
            p.Property(x => x.Endpoint).HasMaxLength(1000);
            p.HasIndex(x => x.Endpoint).IsUnique();
            p.HasIndex(x => x.AccountId);
            p.HasIndex(x => x.SessionId);
            p.Property(x => x.P256dh).HasMaxLength(100);
            p.Property(x => x.Auth).HasMaxLength(50);
            p.Property(x => x.Device).HasMaxLength(100);
            p.Property(x => x.Language).HasMaxLength(8);
        });
        builder.Entity<ServerSecret>(x =>
        {
            x.HasKey(s => s.Name);
            x.Property(s => s.Name).HasMaxLength(100);
            x.Property(s => s.Value).HasMaxLength(1000);
        });
        builder.Entity<NotificationSettings>(n =>
        {
            n.HasKey(x => x.AccountId);
            n.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PushJob>(j =>
        {
            j.HasKey(x => x.MessageId);
            j.HasIndex(x => x.CreatedAt);
        });
        builder.Entity<PendingPush>(p =>
        {
            p.HasIndex(x => x.DueAt);
            p.HasIndex(x => new { x.AccountId, x.ChatId });
        });
        builder.Entity<PushDelivery>(d =>
        {
            d.HasOne<PushSubscription>().WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            d.HasIndex(x => x.NextAttemptAt);
            d.Property(x => x.Payload).HasMaxLength(4000);
            d.Property(x => x.Topic).HasMaxLength(32);
        });

        builder.Entity<CallParticipant>(p =>
        {
            p.HasOne<Call>().WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Cascade);
            p.HasIndex(x => new { x.CallId, x.AccountId }).IsUnique();
            p.HasIndex(x => new { x.AccountId, x.State });
            p.HasIndex(x => x.ConnectionId);
            p.Property(x => x.ConnectionId).HasMaxLength(100);
            p.Property(x => x.AudioMids).HasMaxLength(100);
            p.Property(x => x.VideoMids).HasMaxLength(100);
            p.Property(x => x.GuestName).HasMaxLength(200);
            p.Property(x => x.GuestKeyHash).HasMaxLength(64);
            p.HasIndex(x => x.GuestKeyHash);
        });

        builder.Entity<SchoolInvitation>(i =>
        {
            i.Property(x => x.DisplayName).HasMaxLength(200);
            i.Property(x => x.Phone).HasMaxLength(20);
            i.Property(x => x.Email).HasMaxLength(256);
            i.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId);
            i.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId);
            i.HasIndex(x => new { x.AccountId, x.Status });
            i.HasIndex(x => new { x.SchoolId, x.Status });
        });

        builder.Entity<ActivationCode>(a =>
        {
            a.Property(x => x.CodeHash).HasMaxLength(64);
            a.HasIndex(x => x.CodeHash).IsUnique();
            a.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId);
        });

        builder.Entity<AuthSession>(s =>
        {
            s.HasIndex(x => x.AccountId);
            s.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId);
        });
        builder.Entity<ExternalLogin>(e =>
        {
            e.Property(x => x.Provider).HasMaxLength(40);
            e.Property(x => x.Issuer).HasMaxLength(300);
            e.Property(x => x.SubjectHash).HasMaxLength(64);
            // One external identity opens one account; an account links one identity per issuer.
            e.HasIndex(x => new { x.Issuer, x.SubjectHash }).IsUnique();
            e.HasIndex(x => new { x.AccountId, x.Issuer }).IsUnique();
            e.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        FilterBySchool(builder);
    }

    /// <summary>The safety net in one place: every school-owned entity is filtered to <see cref="SchoolScope"/>.</summary>
    private void FilterBySchool(ModelBuilder builder)
    {
        var apply = typeof(SferaDb).GetMethod(nameof(FilterToSchool), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        foreach (var type in builder.Model.GetEntityTypes().Select(t => t.ClrType).Where(typeof(ISchoolOwned).IsAssignableFrom).ToList())
            apply.MakeGenericMethod(type).Invoke(this, [builder]);
    }

    // Generic so the filter closes over this context (EF parameterizes SchoolScope per instance).
    private void FilterToSchool<T>(ModelBuilder builder) where T : class, ISchoolOwned =>
        builder.Entity<T>().HasQueryFilter(x => SchoolScope == null || x.SchoolId == SchoolScope);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(20);
    }
}

/// <summary>The SQLite flavour: its own migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteSferaDb(DbContextOptions<SqliteSferaDb> options) : SferaDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot order or compare DateTimeOffset text; store it as a sortable 64-bit number.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The PostgreSQL flavour: its own migrations in Data/Migrations/Postgres.</summary>
public sealed class PostgresSferaDb(DbContextOptions<PostgresSferaDb> options) : SferaDb(options);
