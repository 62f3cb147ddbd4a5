using System.Diagnostics;
using System.Net.Http.Headers;

namespace Sfera.Bench;

/// <summary>
/// --run history10m: a school whose class chats hold --history messages in all (10,000,000 by default), put straight
/// into the database (Filler.FillBulkAsync); then history pages, the chat list and search are timed one at a time.
/// </summary>
public static class BigHistory
{
    public static async Task RunAsync(ServerProcess server, ServerCpu cpu, Options o)
    {
        var total = (long)o.Number("--history", 10_000_000);
        var repeats = o.Count("--repeats", 200);
        var seed = await server.SeedAsync(1, o.Count("--classes", 10), 29, 0);
        var school = seed.Schools[0];
        var chats = seed.ClassChats().Select(c => (c.Class.ClassChatId, c.Members.Select(m => m.AccountId).ToList())).ToList();
        var fill = Stopwatch.StartNew();
        await Filler.FillBulkAsync(server, school.Id, chats, total);
        fill.Stop();
        var perChat = total / chats.Count;
        Console.WriteLine($"history10m: filled {perChat * chats.Count:N0} messages ({chats.Count} chats of {perChat:N0}) in {fill.Elapsed.TotalSeconds:F0} s");

        var student = seed.ClassChats().First().Members[1];
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", student.Token);
        var chat = chats[0].ClassChatId;
        var results = new Results("history10m", server.Provider, new Dictionary<string, object?> { ["history"] = total, ["chats"] = chats.Count, ["repeats"] = repeats });
        var cpuBefore = cpu.Seconds();
        foreach (var (name, path) in new[]
        {
            ("history: newest page", $"/chats/{chat}/messages?limit=50"),
            ("history: page before the middle", $"/chats/{chat}/messages?before={perChat / 2}&limit=50"),
            ("history: page around the start", $"/chats/{chat}/messages?around=10&limit=50"),
            ("history: page after a point", $"/chats/{chat}/messages?after={perChat - 100}&limit=50"),
            ("chat list", "/chats"),
            ($"search: rare word ({Filler.RareWord}, 1 in 10,000)", $"/search?q={Uri.EscapeDataString(Filler.RareWord)}"),
            ("search: common word (урок, in about 1 in 4)", $"/search?q={Uri.EscapeDataString("урок")}"),
            ("search: two words in one chat", $"/search?q={Uri.EscapeDataString("экскурсия музей")}&chatId={chat}"),
        })
        {
            var times = new List<double>();
            string? error = null;
            for (var i = -5; i < repeats; i++)
            {
                var sw = Stopwatch.StartNew();
                using var r = await http.GetAsync($"/api/v1/schools/{school.Id}{path}");
                await r.Content.ReadAsByteArrayAsync();
                if (!r.IsSuccessStatusCode) error ??= $"{(int)r.StatusCode}";
                if (i >= 0) times.Add(sw.Elapsed.TotalMilliseconds);
            }
            var p = Percentiles.Of(times);
            results.Add(new Dictionary<string, object?>
            {
                ["query"] = name, ["n"] = p.Count, ["p50 ms"] = p.P50, ["p95 ms"] = p.P95, ["p99 ms"] = p.P99, ["max ms"] = p.Max, ["error"] = error,
            });
        }
        results.Add(new Dictionary<string, object?>
        {
            ["query"] = "(server while timing)", ["server cpu-s"] = cpu.Seconds() - cpuBefore, ["server rss MB"] = server.MemoryBytes() / 1048576.0,
            ["fill s"] = fill.Elapsed.TotalSeconds,
        });
        await results.WriteAsync(o.Text("--json"));
    }
}
