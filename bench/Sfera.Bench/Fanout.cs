using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Sfera.Bench;

/// <summary>
/// R class chats of 30, every member on a hub connection of their own (their own token), S senders per chat posting
/// over REST on an open-loop schedule. Each delivery is timed from just before its POST to the MessageCreated arriving
/// on that member's connection (the sender's own copy included). Stages of rising rate run on the same connections.
/// </summary>
public sealed class Fanout : IAsyncDisposable
{
    private sealed record Created(CreatedMessage Message);
    private sealed record CreatedMessage(string ClientId);

    /// <summary>One member's connection and what arrived on it: appended by its own (sequential) handler.</summary>
    private sealed class Member(int chat)
    {
        public int Chat { get; } = chat;
        public HubConnection? Hub { get; set; }
        public RawHub? Raw { get; set; }
        public List<(int Message, long At)> Received { get; } = new(1024);
    }

    private sealed record Sender(int Chat, Uri Url, AuthenticationHeaderValue Auth, HttpClient Http);

    private readonly List<Member> members = [];
    private readonly List<Sender> senders = [];
    private readonly int[] chatSize;
    private readonly HttpClient[] clients;
    private readonly ServerCpu cpu;
    private readonly ServerProcess server;
    private long[] sentAt = new long[1 << 16];
    private int[] chatOf = new int[1 << 16];
    private int issued;
    private int stored;
    private int failed;
    private int inFlight;
    private long deliveries;

    public int Connections => members.Count;

    /// <summary>Print each stage's p99 and max second by second (by send time), to place a tail in time.</summary>
    public bool Timeline { get; set; }

    private Fanout(ServerProcess server, ServerCpu cpu, int chats, int httpClients)
    {
        this.server = server;
        this.cpu = cpu;
        chatSize = new int[chats];
        clients = Enumerable.Range(0, httpClients).Select(_ => new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024, UseCookies = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        }) { Timeout = TimeSpan.FromSeconds(60) }).ToArray();
    }

    private static readonly byte[] MessageCreatedTarget = "\"target\":\"MessageCreated\""u8.ToArray();
    private static readonly byte[] ClientIdKey = "\"clientId\":\""u8.ToArray();
    private readonly CancellationTokenSource pinging = new();

    /// <param name="raw">Listen with <see cref="RawHub"/> (reads the clientId out of each MessageCreated, deserializes
    /// nothing else) rather than the SignalR .NET client: the same deliveries timed the same way, for a fraction of
    /// the generator's CPU, which shares the machine with the server.</param>
    public static async Task<Fanout> ConnectAsync(ServerProcess server, ServerCpu cpu, Seed seed, int chats, int sendersPerChat, int httpClients = 4, bool raw = false)
    {
        var fanout = new Fanout(server, cpu, chats, httpClients);
        var classChats = seed.ClassChats().Take(chats).ToList();
        if (classChats.Count < chats) throw new InvalidOperationException($"the seed has {classChats.Count} class chats, {chats} wanted");
        var connecting = new List<(Member Member, SeedPerson Person)>();
        for (var c = 0; c < chats; c++)
        {
            var (school, schoolClass, people) = classChats[c];
            fanout.chatSize[c] = people.Count;
            foreach (var person in people)
            {
                var member = new Member(c);
                fanout.members.Add(member);
                connecting.Add((member, person));
            }
            foreach (var person in people.Take(sendersPerChat))
                fanout.senders.Add(new Sender(c, new Uri($"{server.Url}/api/v1/schools/{school.Id}/chats/{schoolClass.ClassChatId}/messages"),
                    new AuthenticationHeaderValue("Bearer", person.CurrentToken), fanout.clients[fanout.senders.Count % httpClients]));
        }
        // Interleaved, so consecutive sends go to different chats.
        var ordered = fanout.senders.Select((s, i) => (s, i)).OrderBy(x => x.i / chats % sendersPerChat).ThenBy(x => x.s.Chat).Select(x => x.s).ToList();
        fanout.senders.Clear();
        fanout.senders.AddRange(ordered);
        var time = Stopwatch.StartNew();
        var endpoint = System.Net.IPEndPoint.Parse(new Uri(server.Url).Authority);
        await Parallel.ForEachAsync(connecting, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (x, ct) =>
        {
            if (raw)
            {
                var listener = x.Member;
                listener.Raw = await RawHub.ConnectAsync(endpoint, System.Net.IPAddress.Loopback, x.Person.CurrentToken, record =>
                {
                    var at = Stopwatch.GetTimestamp();
                    var key = record.IndexOf(ClientIdKey);
                    if (key < 0 || record.IndexOf(MessageCreatedTarget) < 0) return;
                    var digits = record[(key + ClientIdKey.Length)..];
                    if (!System.Buffers.Text.Utf8Parser.TryParse(digits, out int index, out var used) || used == 0 || digits[used] != (byte)'"') return;
                    lock (listener.Received) listener.Received.Add((index, at));
                    Interlocked.Increment(ref fanout.deliveries);
                }, ct);
                return;
            }
            var hub = new HubConnectionBuilder().WithUrl($"{server.Url}/hubs/chat", HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(x.Person.CurrentToken);
            }).Build();
            var member = x.Member;
            hub.On<Created>("MessageCreated", e =>
            {
                var at = Stopwatch.GetTimestamp();
                if (!int.TryParse(e.Message.ClientId, NumberStyles.None, CultureInfo.InvariantCulture, out var index)) return;
                lock (member.Received) member.Received.Add((index, at));
                Interlocked.Increment(ref fanout.deliveries);
            });
            await hub.StartAsync(ct);
            member.Hub = hub;
        });
        Console.WriteLine($"fanout: {fanout.members.Count} hub connections ({(raw ? "raw listeners" : "SignalR .NET client")}) in {chats} chats open in {time.Elapsed.TotalSeconds:F1} s, {fanout.senders.Count} senders");
        // The server drops a connection it has not heard from for 30 s; the .NET client pings by itself, the raw one here.
        if (raw) _ = fanout.PingAsync();
        return fanout;
    }

    /// <summary>Sends at <paramref name="rate"/> messages a second (all chats together) for the duration, waits up to
    /// <paramref name="grace"/> for the stragglers, and summarises the deliveries of this stage's messages.</summary>
    public async Task<Dictionary<string, object?>> RunStageAsync(string name, double rate, TimeSpan duration, TimeSpan grace)
    {
        var first = issued;
        if (first + (int)(rate * duration.TotalSeconds * 1.1) + 1000 > sentAt.Length) throw new InvalidOperationException("Reserve room for every stage's messages first");
        stored = 0;
        failed = 0;
        var deliveredBefore = Interlocked.Read(ref deliveries);
        var cpuBefore = cpu.Seconds();
        var pausedBefore = GC.GetTotalPauseDuration();
        var start = Stopwatch.GetTimestamp();
        var pausedBySecond = new double[(int)Math.Ceiling(duration.TotalSeconds) + 2];
        using var watching = new CancellationTokenSource();
        var serverPauses = Timeline ? WatchServerAsync(start, pausedBySecond.Length, watching.Token) : null;
        var pausedSoFar = pausedBefore;
        while (Stopwatch.GetElapsedTime(start) is var elapsed && elapsed < duration)
        {
            if (Timeline && GC.GetTotalPauseDuration() is var paused && paused != pausedSoFar)
            {
                pausedBySecond[(int)elapsed.TotalSeconds] += (paused - pausedSoFar).TotalMilliseconds;
                pausedSoFar = paused;
            }
            var due = first + (int)(elapsed.TotalSeconds * rate);
            while (issued < due) _ = SendAsync(issued++);
            await Task.Delay(1);
        }
        var sendWindow = Stopwatch.GetElapsedTime(start);
        await watching.CancelAsync();
        var serverTimeline = serverPauses is null ? null : await serverPauses;
        var last = issued;
        var graceStart = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(graceStart) < grace
            && (Volatile.Read(ref inFlight) > 0 || Interlocked.Read(ref deliveries) - deliveredBefore < Expected(first, last)))
            await Task.Delay(20);
        var wall = Stopwatch.GetElapsedTime(start);
        var cpuSeconds = cpu.Seconds() - cpuBefore;
        var generatorPaused = GC.GetTotalPauseDuration() - pausedBefore;

        var latencies = new List<double>(Math.Max(0, (last - first) * 30));
        var bySecond = new List<double>[(int)Math.Ceiling(sendWindow.TotalSeconds) + 1];
        var byMessage = Timeline ? new Dictionary<int, List<double>>() : null;
        long unique = 0, duplicated = 0;
        var seen = new HashSet<int>();
        foreach (var member in members)
        {
            seen.Clear();
            lock (member.Received)
            {
                foreach (var (message, at) in member.Received)
                {
                    if (message < first || message >= last) continue;
                    if (!seen.Add(message)) { duplicated++; continue; }
                    unique++;
                    var ms = Stopwatch.GetElapsedTime(sentAt[message], at).TotalMilliseconds;
                    latencies.Add(ms);
                    if (byMessage is not null) (byMessage.TryGetValue(message, out var each) ? each : byMessage[message] = []).Add(ms);
                    if (Timeline) (bySecond[Math.Clamp((int)Stopwatch.GetElapsedTime(start, sentAt[message]).TotalSeconds, 0, bySecond.Length - 1)] ??= []).Add(ms);
                }
                member.Received.RemoveAll(r => r.Message < last);
            }
        }
        var expected = Expected(first, last);
        if (Timeline)
            Console.WriteLine($"timeline {name}, p99/max ms by second sent: " + string.Join("  ", bySecond.Select((l, i) =>
                l is null ? $"{i}:-" : $"{i}:{Percentiles.Of(l).P99:F0}/{Percentiles.Of(l).Max:F0}")));
        if (Timeline)
        {
            Console.WriteLine($"timeline {name}, generator GC pause ms by second: " + string.Join("  ", pausedBySecond.Select((ms, i) => $"{i}:{ms:F0}")));
            foreach (var (metric, bySecondOfServer) in serverTimeline ?? [])
                Console.WriteLine($"timeline {name}, server {metric} ms by second: " + string.Join("  ", bySecondOfServer.Select((ms, i) => $"{i}:{ms:F0}")));
        }
        // The slowest messages: all their recipients late means the send itself waited; some late, the delivery did.
        if (byMessage is not null)
            foreach (var (message, each) in byMessage.OrderByDescending(m => m.Value.Max()).Take(8))
                Console.WriteLine($"  slow: message {message} chat {chatOf[message]} sent at {Stopwatch.GetElapsedTime(start, sentAt[message]).TotalSeconds:F2} s: "
                    + $"fastest {each.Min():F0} ms, median {each.Order().ElementAt(each.Count / 2):F0} ms, slowest {each.Max():F0} ms");
        var p = Percentiles.Of(latencies);
        return new Dictionary<string, object?>
        {
            ["stage"] = name, ["rate"] = rate, ["chats"] = chatSize.Length, ["connections"] = members.Count,
            ["sends/s"] = stored / sendWindow.TotalSeconds, ["send errors"] = failed, ["deliveries/s"] = unique / sendWindow.TotalSeconds,
            ["p50 ms"] = p.P50, ["p95 ms"] = p.P95, ["p99 ms"] = p.P99, ["max ms"] = p.Max,
            ["lost"] = Math.Max(0, expected - unique), ["duplicated"] = duplicated,
            ["server cpu %"] = 100 * cpuSeconds / wall.TotalSeconds, ["deliveries per cpu-s"] = cpuSeconds > 0 ? unique / cpuSeconds : double.NaN,
            ["server rss MB"] = server.MemoryBytes() / 1048576.0,
            // The generator's own GC pauses delay the deliveries it times, as the server's do.
            ["generator gc pause ms"] = generatorPaused.TotalMilliseconds,
        };
    }

    private static readonly string[] Watched = ["dotnet_gc_pause_time_seconds_total", "dotnet_jit_compilation_time_seconds_total"];

    /// <summary>The server's GC pauses and JIT time second by second, from its /metrics (read five times a second).</summary>
    private async Task<Dictionary<string, double[]>> WatchServerAsync(long start, int seconds, CancellationToken stop)
    {
        var result = Watched.ToDictionary(m => m, _ => new double[seconds]);
        var last = new Dictionary<string, double>();
        using var http = new HttpClient();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var text = await http.GetStringAsync($"{server.Url}/metrics", stop);
                var second = Math.Clamp((int)Stopwatch.GetElapsedTime(start).TotalSeconds, 0, seconds - 1);
                foreach (var line in text.Split('\n'))
                    foreach (var metric in Watched)
                        if (line.StartsWith(metric + "{", StringComparison.Ordinal)
                            && double.TryParse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                        {
                            if (last.TryGetValue(metric, out var before)) result[metric][second] += (value - before) * 1000;
                            last[metric] = value;
                        }
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException) { break; }
            catch (HttpRequestException) { }
        }
        return result;
    }

    private long Expected(int first, int last)
    {
        long n = 0;
        for (var i = first; i < last; i++) if (sentAt[i] > 0 && chatOf[i] >= 0) n += chatSize[chatOf[i]];
        return n;
    }

    /// <summary>Room for this many messages over all stages (set before the first stage: arrays never move under sends in flight).</summary>
    public void Reserve(int size)
    {
        if (size <= sentAt.Length) return;
        Array.Resize(ref sentAt, size);
        Array.Resize(ref chatOf, size);
    }

    private async Task SendAsync(int index)
    {
        var sender = senders[index % senders.Count];
        Interlocked.Increment(ref inFlight);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, sender.Url)
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"clientId":"{{index}}","text":"Сообщение {{index}}: домашнее задание на завтра"}""")),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = sender.Auth;
            chatOf[index] = sender.Chat;
            Volatile.Write(ref sentAt[index], Stopwatch.GetTimestamp());
            using var response = await sender.Http.SendAsync(request);
            if (response.IsSuccessStatusCode) Interlocked.Increment(ref stored);
            else Fail(index);
        }
        catch (HttpRequestException) { Fail(index); }
        catch (TaskCanceledException) { Fail(index); }
        finally { Interlocked.Decrement(ref inFlight); }
    }

    // A refused send is expected nowhere (a timed-out one may still arrive: it then counts neither as lost nor as duplicated).
    private void Fail(int index)
    {
        Interlocked.Increment(ref failed);
        chatOf[index] = -1;
    }

    private async Task PingAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
        try
        {
            while (await timer.WaitForNextTickAsync(pinging.Token))
                foreach (var member in members)
                    if (member.Raw is { IsOpen: true } hub) await hub.PingAsync();
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await pinging.CancelAsync();
        await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (m, _) =>
        {
            if (m.Hub is not null) await m.Hub.DisposeAsync();
            if (m.Raw is not null) await m.Raw.DisposeAsync();
        });
        foreach (var client in clients) client.Dispose();
    }
}
