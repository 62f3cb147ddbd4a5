using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sfera.Data;

namespace Sfera.Chats;

/// <summary>
/// Notices saved changes to a school's roster and has <see cref="ChatRoster"/> (from the request's services) bring
/// its chats in line, so no path that changes the roster can forget to. One stateless instance serves every context.
/// </summary>
public sealed class RosterSyncInterceptor : SaveChangesInterceptor
{
    public static readonly RosterSyncInterceptor Instance = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var db = (SferaDb)eventData.Context!;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            Guid? school = entry.Entity switch
            {
                Membership m => m.SchoolId,
                GuardianLink g => g.SchoolId,
                SchoolClass c => c.SchoolId,
                SubjectTeacher s => s.SchoolId,
                School s when entry.State == EntityState.Added => s.Id,
                _ => null,
            };
            if (school is { } id) db.RosterChangedSchools.Add(id);
        }
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        var db = (SferaDb)eventData.Context!;
        if (db.SyncingRoster || db.RosterChangedSchools.Count == 0) return result;
        db.SyncingRoster = true;
        try
        {
            var roster = (db.ScopeServices ?? throw new InvalidOperationException("Roster changes are saved through a scope's SferaDb."))
                .GetRequiredService<ChatRoster>();
            var pending = db.RosterChangedSchools.ToList();
            db.RosterChangedSchools.Clear();
            foreach (var school in pending) await roster.SyncAsync(db, school);
        }
        finally { db.SyncingRoster = false; }
        return result;
    }
}
