using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sfera.Data;

namespace Sfera.Chats;

/// <summary>
/// Renews a school's <see cref="School.RosterStamp"/> in the very save that changes its memberships, guardians,
/// classes, subject teachers, chat members or settings, so a fact cached under the old stamp (see
/// <see cref="ChatPolicy"/>) is never used again, on any node: every node reads the stamp from the database.
/// No path can forget: every such change goes through SaveChanges (none is an ExecuteUpdate or ExecuteDelete).
/// </summary>
public sealed class RosterStamp : SaveChangesInterceptor
{
    public static readonly RosterStamp Instance = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var db = (SferaDb)eventData.Context!;
        foreach (var id in ChangedSchools(db))
            Renew(db, Tracked(db, id) ?? await db.Schools.IgnoreQueryFilters().FirstOrDefaultAsync(s => s.Id == id, cancellationToken));
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        var db = (SferaDb)eventData.Context!;
        foreach (var id in ChangedSchools(db))
            Renew(db, Tracked(db, id) ?? db.Schools.IgnoreQueryFilters().FirstOrDefault(s => s.Id == id));
        return result;
    }

    private static School? Tracked(SferaDb db, Guid id) => db.ChangeTracker.Entries<School>().FirstOrDefault(e => e.Entity.Id == id)?.Entity;

    private static void Renew(SferaDb db, School? school)
    {
        if (school is null) return;
        var entry = db.Entry(school);
        if (entry.State == EntityState.Deleted) return;
        entry.Property(s => s.RosterStamp).CurrentValue = Guid.NewGuid();
        if (entry.State == EntityState.Unchanged) entry.Property(s => s.RosterStamp).IsModified = true;
    }

    private static List<Guid> ChangedSchools(SferaDb db)
    {
        db.ChangeTracker.DetectChanges();
        var schools = new HashSet<Guid>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            Guid? school = entry.Entity switch
            {
                Membership m => m.SchoolId,
                GuardianLink g => g.SchoolId,
                SchoolClass c => c.SchoolId,
                SubjectTeacher s => s.SchoolId,
                ChatMember m => m.SchoolId,
                // Its settings (the contact policy's switches), unless the only change is the stamp itself.
                School s when entry.State == EntityState.Modified && !entry.Property(nameof(School.RosterStamp)).IsModified => s.Id,
                _ => null,
            };
            if (school is { } id) schools.Add(id);
        }
        return schools.ToList();
    }
}
