using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Sfera.Bench;

/// <summary>
/// --run schoolday: schools of classes of 30 with their parents and class teachers, everyone active at once. Each
/// person signs in with the password (a fraction of them; the rest use the token seed-load minted, as an app that
/// stayed signed in), connects to the hub, opens the chat list, and then, after a random pause each time, reads a
/// history page, sends, marks read, types, opens the chat list again or posts a small photo.
/// </summary>
public static class SchoolDay
{
    private static readonly (string Name, double Weight)[] Mix =
        [("history page", 30), ("send", 20), ("mark read", 20), ("typing", 15), ("chat list", 12), ("photo", 3)];

    private sealed record Person(SeedSchool School, SeedPerson Seed, List<Guid> Reads, List<Guid> Writes);

    public static async Task RunAsync(ServerProcess server, ServerCpu cpu, Options o)
    {
        var seed = await server.SeedAsync(o.Count("--schools", 1), o.Count("--classes", 3), 29, o.Count("--parents", 29));
        var people = seed.Schools.SelectMany(s => s.People.Select(p => Chats(s, p))).ToList();
        var active = Math.Min(o.Count("--active", people.Count), people.Count);
        var duration = TimeSpan.FromSeconds(o.Number("--seconds", 60));
        var ramp = TimeSpan.FromSeconds(o.Number("--ramp-seconds", 10));
        var think = o.Number("--think-seconds", 10);
        var signInFraction = o.Number("--signin-fraction", 0.1);
        var photo = Photo();
        var times = new ConcurrentDictionary<string, ConcurrentQueue<double>>();
        var errors = new ConcurrentDictionary<string, int>();
        var firstErrors = new ConcurrentDictionary<string, string>();
        var http = Enumerable.Range(0, 4).Select(_ => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseCookies = false })
            { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(60) }).ToArray();
        var running = 0;
        var peak = 0;
        var start = Stopwatch.GetTimestamp();
        var cpuBefore = cpu.Seconds();

        async Task<bool> Timed(string op, Func<Task<HttpResponseMessage?>> action)
        {
            var t = Stopwatch.GetTimestamp();
            string? error = null;
            try
            {
                using var r = await action();
                if (r is not null)
                {
                    await r.Content.ReadAsByteArrayAsync();
                    if (!r.IsSuccessStatusCode) error = $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}";
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or IOException
                or System.Net.WebSockets.WebSocketException)
            {
                error = e.Message;
            }
            times.GetOrAdd(op, _ => new()).Enqueue(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            if (error is null) return true;
            errors.AddOrUpdate(op, 1, (_, n) => n + 1);
            firstErrors.TryAdd(op, error);
            return false;
        }

        async Task Day(Person p, int n)
        {
            var random = new Random(n);
            var client = http[n % http.Length];
            await Task.Delay(ramp * random.NextDouble());
            var token = p.Seed.Token;
            if (random.NextDouble() < signInFraction)
                await Timed("sign-in", async () =>
                {
                    var r = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { login = p.Seed.Login, password = seed.Password, useTokens = true });
                    if (r.IsSuccessStatusCode) token = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
                    return (HttpResponseMessage?)r;
                });
            var auth = new AuthenticationHeaderValue("Bearer", token);
            HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null)
            {
                var m = new HttpRequestMessage(method, $"/api/v1/schools/{p.School.Id}{path}") { Content = content };
                m.Headers.Authorization = auth;
                return m;
            }
            async Task<HttpResponseMessage?> Go(HttpRequestMessage m) => await client.SendAsync(m);
            await using var hub = new HubConnectionBuilder().WithUrl($"{server.Url}/hubs/chat", HttpTransportType.WebSockets, h =>
            {
                h.SkipNegotiation = true;
                h.AccessTokenProvider = () => Task.FromResult<string?>(token);
            }).Build();
            if (!await Timed("connect", async () => { await hub.StartAsync(); return null; })) return;
            peak = Math.Max(peak, Interlocked.Increment(ref running));
            try
            {
                await Timed("chat list", () => Go(Request(HttpMethod.Get, "/chats")));
                long seq = 0;
                while (Stopwatch.GetElapsedTime(start) < duration)
                {
                    await Task.Delay(TimeSpan.FromSeconds(-Math.Log(1 - random.NextDouble()) * think));
                    if (Stopwatch.GetElapsedTime(start) >= duration) break;
                    var read = p.Reads[random.Next(p.Reads.Count)];
                    var write = p.Writes.Count > 0 ? p.Writes[random.Next(p.Writes.Count)] : (Guid?)null;
                    var pick = random.NextDouble() * Mix.Sum(m => m.Weight);
                    var op = Mix.First(m => (pick -= m.Weight) < 0).Name;
                    if (op is "send" or "photo" or "typing" && write is null) op = "history page";
                    var chat = op is "send" or "photo" or "typing" ? write!.Value : read;
                    var clientId = $"{n}-{Guid.NewGuid():N}";
                    await (op switch
                    {
                        "history page" => Timed(op, async () =>
                        {
                            var r = await client.SendAsync(Request(HttpMethod.Get, $"/chats/{chat}/messages?limit=50"));
                            if (r.IsSuccessStatusCode && (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items") is { } items && items.GetArrayLength() > 0)
                                seq = Math.Max(seq, items[items.GetArrayLength() - 1].GetProperty("seq").GetInt64());
                            return (HttpResponseMessage?)r;
                        }),
                        "send" => Timed(op, () => Go(Request(HttpMethod.Post, $"/chats/{chat}/messages", JsonContent.Create(new { clientId, text = "Кто знает, что задали по математике?" })))),
                        "mark read" => Timed(op, () => Go(Request(HttpMethod.Post, $"/chats/{chat}/read", JsonContent.Create(new { seq = seq > 0 ? seq : int.MaxValue })))),
                        "typing" => Timed(op, async () => { await hub.InvokeAsync("Typing", p.School.Id, chat); return null; }),
                        "chat list" => Timed(op, () => Go(Request(HttpMethod.Get, "/chats"))),
                        _ => Timed(op, async () =>
                        {
                            var content = new ByteArrayContent(photo);
                            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                            var up = await client.SendAsync(Request(HttpMethod.Post, "/files?name=photo.jpg", content));
                            if (!up.IsSuccessStatusCode) return (HttpResponseMessage?)up;
                            var file = (await up.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                            return await Go(Request(HttpMethod.Post, $"/chats/{chat}/messages", JsonContent.Create(new { clientId, text = "", attachments = new[] { file } })));
                        }),
                    });
                }
            }
            finally { Interlocked.Decrement(ref running); }
        }

        Console.WriteLine($"schoolday: {active} of {people.Count} people active for {duration.TotalSeconds:F0} s (ramp {ramp.TotalSeconds:F0} s, pause {think} s on average)");
        await Task.WhenAll(people.Take(active).Select((p, i) => Task.Run(() => Day(p, i))));
        var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpuSeconds = cpu.Seconds() - cpuBefore;
        var results = new Results("schoolday", server.Provider, o.Named("--schools", "--classes", "--parents", "--active", "--seconds", "--think-seconds", "--signin-fraction"));
        foreach (var (op, queue) in times.OrderBy(t => t.Key))
        {
            var p = Percentiles.Of([.. queue]);
            results.Add(new Dictionary<string, object?>
            {
                ["operation"] = op, ["count"] = p.Count, ["errors"] = errors.GetValueOrDefault(op), ["per s"] = p.Count / wall,
                ["p50 ms"] = p.P50, ["p95 ms"] = p.P95, ["p99 ms"] = p.P99, ["max ms"] = p.Max,
            });
        }
        var all = Percentiles.Of(times.Where(t => t.Key is not ("connect" or "sign-in")).SelectMany(t => t.Value).ToList());
        results.Add(new Dictionary<string, object?>
        {
            ["operation"] = "all but connect and sign-in", ["count"] = all.Count, ["errors"] = errors.Values.Sum(), ["per s"] = all.Count / wall,
            ["p50 ms"] = all.P50, ["p95 ms"] = all.P95, ["p99 ms"] = all.P99, ["max ms"] = all.Max,
            ["active people (peak)"] = peak, ["server cpu %"] = 100 * cpuSeconds / wall, ["server rss MB"] = server.MemoryBytes() / 1048576.0,
        });
        foreach (var (op, error) in firstErrors) Console.WriteLine($"first error of {op}: {error}");
        foreach (var c in http) c.Dispose();
        await results.WriteAsync(o.Text("--json"));
    }

    private static Person Chats(SeedSchool s, SeedPerson p)
    {
        var c = s.Classes.FirstOrDefault(x => x.Id == p.ClassId);
        List<Guid> writes = p.Role switch
        {
            "Student" => [c!.ClassChatId],
            "Parent" => [c!.ParentsChatId],
            "Teacher" => [c!.ClassChatId, c.ParentsChatId, s.StaffRoomId],
            _ => [s.StaffRoomId],
        };
        return new Person(s, p, [.. writes, s.AnnouncementsId], writes);
    }

    private static byte[] Photo()
    {
        using var image = new Image<Rgb24>(640, 480);
        var random = new Random(5);
        for (var y = 0; y < 480; y++)
            for (var x = 0; x < 640; x++)
                image[x, y] = new Rgb24((byte)(x / 3 + random.Next(40)), (byte)(y / 2 + random.Next(40)), (byte)random.Next(256));
        using var output = new MemoryStream();
        image.SaveAsJpeg(output);
        return output.ToArray();
    }
}
