namespace Sfera.Bench;

/// <summary>--run fanout: stages of rising rate on the same connections, until a stage's p99 passes 100 ms.</summary>
public static class FanoutRun
{
    public static async Task RunAsync(ServerProcess server, ServerCpu cpu, Options o)
    {
        var chats = o.Count("--chats", 20);
        var perSchool = o.Count("--classes", 20);
        var rates = o.Numbers("--rates", "40,100,200,400,700,1000,1400,2000");
        var stage = TimeSpan.FromSeconds(o.Number("--stage-seconds", 20));
        var limit = o.Number("--p99-limit", 100);
        var seed = await server.SeedAsync((chats + perSchool - 1) / perSchool, Math.Min(chats, perSchool), 29, 0);
        await using var fanout = await Fanout.ConnectAsync(server, cpu, seed, chats, o.Count("--senders", 1), o.Count("--http-clients", 4), o.Text("--listener") == "raw");
        fanout.Timeline = o.Flag("--timeline");
        fanout.Reserve((int)(rates.Sum() * stage.TotalSeconds * 1.1) + 1000 * (rates.Count + 1));
        var results = new Results("fanout", server.Provider, o.Named("--chats", "--senders", "--rates", "--stage-seconds"));
        // A short warm-up at the first rate (JIT, pools, caches), not reported.
        await fanout.RunStageAsync("warm-up", rates[0], TimeSpan.FromSeconds(Math.Min(5, stage.TotalSeconds)), TimeSpan.FromSeconds(3));
        foreach (var rate in rates)
        {
            var row = await fanout.RunStageAsync($"{rate} msg/s", rate, stage, TimeSpan.FromSeconds(o.Number("--grace", 5)));
            results.Add(row);
            if ((double)row["p99 ms"]! > limit)
            {
                Console.WriteLine($"p99 passed {limit} ms at {rate} msg/s: stopping.");
                break;
            }
        }
        await results.WriteAsync(o.Text("--json"));
    }
}
