using Microsoft.EntityFrameworkCore;
using Sfera.Data;

namespace Sfera.Calls;

/// <summary>
/// Ends direct calls that rang out (missed), and lets guests whose page stopped asking leave. Runs on every node: ending is a conditional update, so when two nodes
/// find the same call, one ends it and the other finds nothing to do. Compares with the application's clock.
/// Every few seconds (Calls:ConnectionCheckSeconds, 10) it also lets go of people whose tab's hub connection is open on no
/// live node: a node that died (killed, not stopped) never said goodbye for its connections, and without this they would
/// stay in the call, and a call whose people were all there would never end. Found missing twice in a row, they leave
/// (once could be a tab that is still connecting).
/// </summary>
public sealed class CallSweeper(IServiceProvider services, TimeProvider clock, IConfiguration config, ILogger<CallSweeper> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly int connectionCheckTicks = Math.Max(1, config.GetValue("Calls:ConnectionCheckSeconds", 10));
    private HashSet<Guid> missingBefore = [];
    private int ticks;

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

        if (++ticks % connectionCheckTicks == 0) await SweepGoneConnectionsAsync();
    }

    private async Task SweepGoneConnectionsAsync()
    {
        var missing = new List<(Guid Call, Guid Id, Guid Leg)>();
        await using (var scope = services.CreateAsyncScope())
        {
            var presence = scope.ServiceProvider.GetRequiredService<Realtime.PresenceTracker>();
            var held = await scope.ServiceProvider.GetRequiredService<SferaDb>().CallParticipants.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.ConnectionId != null && p.LegId != null && (p.State == ParticipantState.Joined || p.State == ParticipantState.Waiting))
                .Select(p => new { p.CallId, p.Id, p.LegId, p.AccountId, p.ConnectionId }).ToListAsync();
            foreach (var p in held)
                if (!await presence.IsOpenAsync(p.AccountId, p.ConnectionId!)) missing.Add((p.CallId, p.Id, p.LegId!.Value));
        }
        var now = missing.Select(m => m.Id).ToHashSet();
        foreach (var (call, id, leg) in missing.Where(m => missingBefore.Contains(m.Id)))
            await CallService.RunAsync(services, calls => calls.LeaveAsync(call, id, leg));
        missingBefore = now;
    }
}
