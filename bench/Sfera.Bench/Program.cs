using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Sfera.Bench;

// Black-box benchmarks of a real Sfera server process (see bench/README.md):
//   deliver  send-to-deliver latency in a 30-member class chat, everyone connected over WebSockets
//   history  history page latency in one chat holding 1,000,000 messages
//   files    large upload/download throughput and server memory, small uploads, photos, Range reads
//            (--store local|s3; s3 starts s3rver from tests/tools)
// and the load workloads of issue 10, seeded in bulk by the server's seed-load command:
//   fanout        R class chats x 30 connected members, S senders per chat, stages of rising rate
//   schoolday     schools of classes with parents and teachers doing a day's mix of things
//   idle          K signed-in idle hub connections from several 127.0.0.x addresses: memory per connection
//   history10m    10,000,000 stored messages: history page and search latency
//   signin-storm  2,000 password sign-ins in a minute while a fanout runs
// and the calls benchmark of issue 11 (Chromium pages in calls through Janus and coturn, in a network namespace):
//   calls         time to the first decoded frame (1:1 and group), Janus CPU and memory as a class call grows
var db = Arg("--db") ?? "sqlite";
var pg = Arg("--postgres");
var messages = int.Parse(Arg("--messages") ?? "300");
var historySize = int.Parse(Arg("--history") ?? "1000000");
var what = Arg("--run") ?? "all";

var store = Arg("--store") ?? "local";
var settings = new Dictionary<string, string>();
System.Diagnostics.Process? s3rver = null;
if (store == "s3")
{
    var port = ServerProcess.FreePort();
    var s3dir = Path.Combine(Path.GetTempPath(), "sfera-bench-s3", Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(s3dir);
    var script = Path.Combine(ServerProcess.FindRepo(), "tests/tools/node_modules/s3rver/bin/s3rver.js");
    s3rver = System.Diagnostics.Process.Start("node", [script, "-d", s3dir, "-a", "127.0.0.1", "-p", port.ToString(), "--silent", "--configure-bucket", "sfera"]);
    await Task.Delay(1500);
    settings["Files__Storage"] = "s3";
    settings["Files__S3__ServiceUrl"] = $"http://127.0.0.1:{port}";
    settings["Files__S3__AccessKey"] = "S3RVER";
    settings["Files__S3__SecretKey"] = "S3RVER";
}
// --nodes 2: a second server on the same database, with a redis-server (started here) as the backplane between them.
var nodes = int.Parse(Arg("--nodes") ?? "1");
System.Diagnostics.Process? redis = null;
if (nodes > 1)
{
    var port = ServerProcess.FreePort();
    var info = new System.Diagnostics.ProcessStartInfo("redis-server") { RedirectStandardOutput = true };
    foreach (var arg in new[] { "--bind", "127.0.0.1", "--port", port.ToString(), "--save", "", "--appendonly", "no" }) info.ArgumentList.Add(arg);
    redis = System.Diagnostics.Process.Start(info);
    await Task.Delay(500);
    settings["Redis__ConnectionString"] = $"127.0.0.1:{port}";
}
// --run calls: Janus and coturn first (inside scripts/calls-netns; bench/run sees to it), and the server pointed at them.
await using var callServers = what == "calls" ? await CallServers.StartAsync(settings) : null;
if (callServers is not null) settings["Calls__SignalsPerMinute"] = "1000000";
await using var server = await ServerProcess.StartAsync(db, pg, settings);
if (callServers is not null)
{
    await CallsBench.RunAsync(server, callServers, new Options(args));
    return;
}
if (what is "fanout" or "schoolday" or "idle" or "history10m" or "signin-storm")
{
    var options = new Options(args);
    var cpu = new ServerCpu(server.Pid, Arg("--pg-data"));
    Console.WriteLine($"server CPU counted: {cpu.Describe()}");
    await (what switch
    {
        "fanout" => FanoutRun.RunAsync(server, cpu, options),
        "schoolday" => SchoolDay.RunAsync(server, cpu, options),
        "idle" => Idle.RunAsync(server, cpu, options),
        "history10m" => BigHistory.RunAsync(server, cpu, options),
        _ => SignInStorm.RunAsync(server, cpu, options),
    });
    return;
}
await using var second = nodes > 1 ? await ServerProcess.StartAsync(db, pg, settings, nodeOf: server) : null;
var api = new Api(server.Url);
var school = await BenchSchool.CreateAsync(api, server, members: 30);
Console.WriteLine($"Sfera on {db}: school with {school.People.Count} people ready.");

if (what is "all" or "deliver") await Deliver(school, messages);
if (what is "all" or "history") await History(school, server, historySize);
if (what is "all" or "files") await FileBench.RunAsync(school, server, Report, int.Parse(Arg("--large-mb") ?? "200"));
s3rver?.Kill(entireProcessTree: true);
redis?.Kill();

async Task Deliver(BenchSchool s, int count)
{
    var chatId = await s.ClassChatAsync();
    var received = new Dictionary<string, long>[s.People.Count];
    var hubs = new List<HubConnection>();
    var pending = new System.Collections.Concurrent.ConcurrentDictionary<string, (long Sent, int Left, List<double> Latencies)>();
    var latencies = new List<double>();
    var index = 0;
    foreach (var person in s.People.Skip(1))
    {
        // With two nodes every other member listens on the second one; the teacher always posts to the first.
        var node = second is not null && index++ % 2 == 1 ? second.Url : server.Url;
        var hub = new HubConnectionBuilder().WithUrl($"{node}/hubs/chat", o => o.AccessTokenProvider = () => Task.FromResult<string?>(person.Token)).Build();
        hub.On<JsonElement>("MessageCreated", e =>
        {
            var now = Stopwatch.GetTimestamp();
            var clientId = e.GetProperty("message").GetProperty("clientId").GetString()!;
            lock (latencies)
                if (pending.TryGetValue(clientId, out var p)) latencies.Add(Stopwatch.GetElapsedTime(p.Sent, now).TotalMilliseconds);
        });
        await hub.StartAsync();
        hubs.Add(hub);
    }
    var sender = s.People[0];
    var listeners = hubs.Count;
    // Warm up, then send one message at a time, each after the previous was delivered to everyone.
    for (var i = -20; i < count; i++)
    {
        var clientId = Guid.NewGuid().ToString();
        int before;
        lock (latencies) before = latencies.Count;
        pending[clientId] = (Stopwatch.GetTimestamp(), listeners, []);
        var response = await sender.Http.PostAsJsonAsync($"/api/v1/schools/{s.Id}/chats/{chatId}/messages", new { clientId, text = $"Сообщение {i}" });
        response.EnsureSuccessStatusCode();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            lock (latencies) if (latencies.Count - before >= listeners) break;
            if (waited.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException("a message was not delivered to everyone");
            await Task.Delay(1);
        }
        if (i < 0) lock (latencies) latencies.RemoveRange(before, latencies.Count - before);
        pending.TryRemove(clientId, out _);
    }
    foreach (var hub in hubs) await hub.DisposeAsync();
    Report($"send-to-deliver, {listeners} connected members{(second is null ? "" : " on 2 nodes (Redis backplane)")}, {count} messages ({latencies.Count} deliveries)", latencies);
}

async Task History(BenchSchool s, ServerProcess process, int size)
{
    var chatId = await s.ClassChatAsync();
    var fill = Stopwatch.StartNew();
    await Filler.FillAsync(process, s.Id, chatId, s.People[0].AccountId, size);
    Console.WriteLine($"filled {size:N0} messages in {fill.Elapsed.TotalSeconds:F0} s");
    var reader = s.People[1].Http;
    foreach (var (name, query) in new[]
    {
        ("newest page", "limit=50"),
        ("page before the middle", $"before={size / 2}&limit=50"),
        ("page around the start", "around=10&limit=50"),
        ("page after a point", $"after={size - 100}&limit=50"),
    })
    {
        var times = new List<double>();
        for (var i = -10; i < 200; i++)
        {
            var sw = Stopwatch.StartNew();
            var r = await reader.GetAsync($"/api/v1/schools/{s.Id}/chats/{chatId}/messages?{query}");
            r.EnsureSuccessStatusCode();
            await r.Content.ReadAsByteArrayAsync();
            if (i >= 0) times.Add(sw.Elapsed.TotalMilliseconds);
        }
        Report($"history, {size:N0} messages, {name}", times);
    }
    var list = new List<double>();
    for (var i = -10; i < 200; i++)
    {
        var sw = Stopwatch.StartNew();
        (await reader.GetAsync($"/api/v1/schools/{s.Id}/chats")).EnsureSuccessStatusCode();
        if (i >= 0) list.Add(sw.Elapsed.TotalMilliseconds);
    }
    Report("chat list of a member (unread counts over the 1M-message chat)", list);
}

void Report(string name, List<double> ms)
{
    ms.Sort();
    double P(double q) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
    Console.WriteLine($"{name}: n={ms.Count} p50={P(0.50):F2} ms p90={P(0.90):F2} ms p99={P(0.99):F2} ms max={ms[^1]:F2} ms");
}

string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
