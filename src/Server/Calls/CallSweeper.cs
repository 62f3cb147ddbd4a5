using Microsoft.EntityFrameworkCore;
using Sfera.Data;

namespace Sfera.Calls;

/// <summary>
/// Ends direct calls that rang out (missed), and lets guests whose page stopped asking leave. Runs on every node: ending is a conditional update, so when two nodes
/// find the same call, one ends it and the other finds nothing to do. Compares with the application's clock.
/// </summary>
public sealed class CallSweeper(IServiceProvider services, TimeProvider clock, ILogger<CallSweeper> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Sweeping rung-out calls failed; trying again in {Interval}.", Interval);
            }
        }
    }

    private async Task SweepAsync()
    {
        List<Guid> rungOut;
        await using (var scope = services.CreateAsyncScope())
        {
            var now = clock.GetUtcNow();
            rungOut = await scope.ServiceProvider.GetRequiredService<SferaDb>().Calls.IgnoreQueryFilters()
                .Where(c => c.EndedAt == null && c.RingUntil != null && c.RingUntil < now).Select(c => c.Id).ToListAsync();
        }
        foreach (var id in rungOut)
            await CallService.RunAsync(services, calls => calls.EndAsync(id, CallEndReason.Missed));

        // Guests have no hub connection: one whose page stopped asking has left.
        List<(Guid Call, Guid Id, Guid Leg)> silent;
        await using (var scope = services.CreateAsyncScope())
        {
            var quietSince = clock.GetUtcNow() - GuestCallsApi.Silence;
            silent = (await scope.ServiceProvider.GetRequiredService<SferaDb>().CallParticipants.IgnoreQueryFilters()
                .Where(p => p.GuestKeyHash != null && p.LegId != null && p.GuestSeenAt < quietSince
                    && (p.State == ParticipantState.Joined || p.State == ParticipantState.Waiting))
                .Select(p => new { p.CallId, p.Id, p.LegId }).ToListAsync()).Select(p => (p.CallId, p.Id, p.LegId!.Value)).ToList();
        }
        foreach (var (call, id, leg) in silent)
            await CallService.RunAsync(services, calls => calls.LeaveAsync(call, id, leg));
    }
}
