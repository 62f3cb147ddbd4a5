using System.Diagnostics;
using System.Net;

namespace Sfera.Bench;

/// <summary>
/// --run idle: K signed-in hub connections held open and doing nothing (pings only), spread over several 127.0.0.x
/// source addresses. Reports the server's resident memory per connection (RSS after minus before, over the connections
/// opened after a first tenth, at most 500, that warms the server up) and the
/// CPU the idle connections cost. People are reused when K exceeds --people (one person, several devices).
/// </summary>
public static class Idle
{
    public static async Task RunAsync(ServerProcess server, ServerCpu cpu, Options o)
    {
        var k = o.Count("--connections", 10000);
        var perAddress = o.Count("--per-address", 20000);
        var people = Math.Min(k, o.Count("--people", 6000));
        var seed = await server.SeedAsync(1, (people + 58) / 59, 29, 29);
        var tokens = seed.People.Select(p => p.Token).ToList();
        var endpoint = IPEndPoint.Parse(new Uri(server.Url).Authority);
        var hubs = new RawHub?[k];
        var failures = 0;
        string? firstFailure = null;
        var time = Stopwatch.StartNew();
        // The server drops a connection it has not heard from for 30 s, and opening 100,000 takes minutes: pings run
        // from the start, every 10 s, over whatever is open by then.
        using var stop = new CancellationTokenSource();
        var pinging = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(10), stop.Token); }
                catch (OperationCanceledException) { return; }
                foreach (var hub in hubs)
                    if (hub is { IsOpen: true })
                        try { await hub.PingAsync(); }
                        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or IOException or ObjectDisposedException) { }
            }
        });
        // The first connections also pay for start-up (JIT, pools, caches): memory is counted from after them.
        var warm = Math.Min(500, k / 10);
        await ConnectAsync(0, warm);
        await Task.Delay(2000);
        var before = server.MemoryBytes();
        await ConnectAsync(warm, k);
        Task ConnectAsync(int from, int to) => Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
        {
            var source = IPAddress.Parse($"127.0.0.{2 + i / perAddress}");
            try { hubs[i] = await RawHub.ConnectAsync(endpoint, source, tokens[i % tokens.Count], ct: ct); }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or System.Net.WebSockets.WebSocketException)
            {
                if (Interlocked.Increment(ref failures) == 1) firstFailure = e.Message;
            }
        });
        var opened = hubs.Count(h => h is not null);
        Console.WriteLine($"idle: {opened} of {k} connections open in {time.Elapsed.TotalSeconds:F1} s from {(k + perAddress - 1) / perAddress} source addresses" +
            (failures > 0 ? $"; {failures} failed, first: {firstFailure}" : ""));

        // Held for a while with pings, so what the server keeps per connection settles (and idle CPU shows).
        var hold = TimeSpan.FromSeconds(o.Number("--hold-seconds", 30));
        var cpuBefore = cpu.Seconds();
        var held = Stopwatch.StartNew();
        await Task.Delay(hold);
        var idleCpu = (cpu.Seconds() - cpuBefore) / held.Elapsed.TotalSeconds;
        var after = server.MemoryBytes();
        var open = hubs.Count(h => h is { IsOpen: true });
        var results = new Results("idle", server.Provider, o.Named("--connections", "--per-address", "--people", "--hold-seconds"));
        results.Add(new Dictionary<string, object?>
        {
            ["connections asked"] = k, ["connections open"] = opened, ["still open after hold"] = open, ["failed"] = failures,
            ["people"] = tokens.Count, ["rss before MB"] = before / 1048576.0, ["rss after MB"] = after / 1048576.0,
            ["KB per connection"] = open > warm ? (after - before) / 1024.0 / (open - warm) : double.NaN, ["server cpu % while idle"] = 100 * idleCpu,
            ["peak rss MB"] = server.PeakMemoryBytes() / 1048576.0,
        });
        await stop.CancelAsync();
        await pinging;
        await Parallel.ForEachAsync(hubs, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (h, _) => { if (h is not null) await h.DisposeAsync(); });
        await results.WriteAsync(o.Text("--json"));
    }
}
