using Microsoft.EntityFrameworkCore;
using Sfera.Data;

namespace Sfera.Files;

/// <summary>
/// Removes uploads that were never posted (a closed tab, a cancelled message) a day after they were made, so they
/// stop counting against the school's quota. Runs hourly; a posted file is never touched.
/// </summary>
public sealed class OrphanSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OrphanSweeper> log) : BackgroundService
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Sweeping unposted uploads failed; trying again in an hour");
            }
        }
    }

    /// <summary>Removes every unposted upload older than <see cref="MaxAge"/>; answers how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
        var uploads = scope.ServiceProvider.GetRequiredService<FileUploads>();
        var cutoff = clock.GetUtcNow() - MaxAge;
        var swept = 0;
        while (true)
        {
            var batch = await db.Files.Where(f => f.CreatedAt < cutoff && !db.Attachments.Any(a => a.FileId == f.Id)).Take(100).ToListAsync(ct);
            if (batch.Count == 0) return swept;
            foreach (var file in batch)
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                // Posted meanwhile? Then it stays.
                var removed = await db.Files.Where(f => f.Id == file.Id && !db.Attachments.Any(a => a.FileId == f.Id)).ExecuteDeleteAsync(ct);
                if (removed == 1)
                {
                    var size = file.Size;
                    await db.Schools.Where(s => s.Id == file.SchoolId).ExecuteUpdateAsync(s => s.SetProperty(x => x.StorageUsedBytes, x => x.StorageUsedBytes - size), ct);
                }
                await tx.CommitAsync(ct);
                if (removed == 1)
                {
                    await uploads.DeleteStoredAsync(file);
                    swept++;
                }
            }
            if (batch.Count < 100) return swept;
        }
    }
}
