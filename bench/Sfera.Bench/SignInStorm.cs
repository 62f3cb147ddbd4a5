using System.Diagnostics;
using System.Net.Http.Json;

namespace Sfera.Bench;

/// <summary>
/// --run signin-storm: the morning. A fanout runs at a moderate rate; after a stage without sign-ins, N password
/// sign-ins (tokens) arrive on an open-loop schedule spread over the storm, while the fanout keeps going. Reports
/// sign-in latency and answers, and the delivery p99 before and during the storm.
/// </summary>
public static class SignInStorm
{
    public static async Task RunAsync(ServerProcess server, ServerCpu cpu, Options o)
    {
        var chats = o.Count("--chats", 20);
        var perSchool = o.Count("--classes", 20);
        var rate = o.Number("--rate", 100);
        var stage = TimeSpan.FromSeconds(o.Number("--stage-seconds", 20));
        var storm = TimeSpan.FromSeconds(o.Number("--storm-seconds", 60));
        var signIns = o.Count("--signins", 2000);
        var seed = await server.SeedAsync((chats + perSchool - 1) / perSchool, Math.Min(chats, perSchool), 29, 29);
        await using var fanout = await Fanout.ConnectAsync(server, cpu, seed, chats, 1);
        fanout.Reserve((int)(rate * (stage.TotalSeconds + storm.TotalSeconds + 10) * 1.1) + 5000);
        var results = new Results("signin-storm", server.Provider, o.Named("--chats", "--rate", "--signins", "--storm-seconds"));
        await fanout.RunStageAsync("warm-up", rate, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3));
        results.Add(await fanout.RunStageAsync("fanout before the storm", rate, stage, TimeSpan.FromSeconds(o.Number("--grace", 10))));

        var logins = seed.People.Select(p => p.Login).ToList();
        var statuses = new string[signIns];
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseCookies = false }) { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(60) };
        var times = new double[signIns];
        var tasks = new List<Task>(signIns);
        var during = fanout.RunStageAsync("fanout during the storm", rate, storm, TimeSpan.FromSeconds(o.Number("--grace", 10)));
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < signIns; i++)
        {
            var due = storm * ((double)i / signIns);
            if (due - Stopwatch.GetElapsedTime(start) is { TotalMilliseconds: > 1 } wait) await Task.Delay(wait);
            var n = i;
            tasks.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var r = await http.PostAsJsonAsync("/api/v1/auth/sign-in", new { login = logins[n % logins.Count], password = seed.Password, useTokens = true });
                    await r.Content.ReadAsByteArrayAsync();
                    statuses[n] = ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (HttpRequestException) { statuses[n] = "failed"; }
                catch (TaskCanceledException) { statuses[n] = "timeout"; }
                times[n] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            }));
        }
        await Task.WhenAll(tasks);
        var row = await during;
        var ok = Enumerable.Range(0, signIns).Where(i => statuses[i] == "200").Select(i => times[i]).ToList();
        var p = Percentiles.Of(ok);
        results.Add(row);
        var answers = statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        results.Add(new Dictionary<string, object?>
        {
            ["stage"] = $"{signIns} sign-ins in {storm.TotalSeconds:F0} s", ["sign-ins/s"] = signIns / Stopwatch.GetElapsedTime(start).TotalSeconds,
            ["p50 ms"] = p.P50, ["p95 ms"] = p.P95, ["p99 ms"] = p.P99, ["max ms"] = p.Max,
            ["answers"] = string.Join(", ", answers), ["errors"] = signIns - ok.Count,
        });
        await results.WriteAsync(o.Text("--json"));
    }
}
