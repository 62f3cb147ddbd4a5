using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Sfera.Bench;

/// <summary>
/// --run calls (issue 11): headless Chromium pages (Debian's, driven by Playwright) act as the web app's tabs in calls
/// (bench/Sfera.Bench/calls-agent.js), against the server, Janus and coturn inside scripts/calls-netns:
/// <list type="number">
/// <item>time from accepting a 1:1 call to the first decoded frame of the other's camera, peer to peer and relayed by coturn;</item>
/// <item>the same for someone joining a group call (Janus) where the host already sends;</item>
/// <item>a calibration call of two at the app's camera size: the packets each simulcast layer takes;</item>
/// <item>Janus's CPU, memory and packets as a class call grows (--sizes), everyone sending simulcast video from the fake
///   camera and receiving everyone else with the layers the app asks for (web/src/features/calls/layers.ts), and again with
///   nobody sending, which splits Janus's CPU into a cost per person and a cost per packet;</item>
/// <item>the same for a lecture (--lecture-sizes): only the teacher's camera, everyone's sound;</item>
/// <item>from those costs and the calibration's packet rates, how many 30-person lessons one Janus core carries.</item>
/// </list>
/// Growing stops at the first size the pages cannot carry (Chromium, not Janus, is what runs out on a small machine).
/// </summary>
public static class CallsBench
{
    private sealed record Video(int Width, int Height, int Fps)
    {
        public static Video Parse(string text)
        {
            var parts = text.Split('x', '@');
            return new(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
        }

        public override string ToString() => $"{Width}x{Height}@{Fps}";
    }

    /// <summary>One participant of a group call: whose tab, in which page.</summary>
    private sealed record Part(string Id, SeedPerson Person, IPage Page, bool Mic, bool Camera = true);

    private sealed record Stream(string Mid, string Type, Guid AccountId);

    /// <summary>One size of a group call as measured: whether the pages kept up, Janus's cost per person with no media and
    /// per packet, and the figures.</summary>
    private sealed record Stage(int People, bool Healthy, double PerPerson, double PerPacket, Measured? Measured, Dictionary<string, object?> Row);

    private sealed record Layer(string Mid, int Substream, bool Send);

    public static async Task RunAsync(ServerProcess server, CallServers media, Options o)
    {
        var sizes = o.Numbers("--sizes", "2,5,10,15,20").Select(v => (int)v).ToList();
        var repeats = o.Count("--repeats", 10);
        var perPage = o.Count("--per-page", 5);
        var video = Video.Parse(o.Text("--video") ?? "320x180@15");
        var appCamera = Video.Parse(o.Text("--app-video") ?? "1280x720@30");
        var window = TimeSpan.FromSeconds(o.Number("--window-seconds", 10));
        var settle = TimeSpan.FromSeconds(o.Number("--settle-seconds", 5));
        var maxVideo = o.Count("--max-video", 12);
        var lectureSizes = o.Numbers("--lecture-sizes", "10,20,30").Select(v => (int)v).ToList();
        var stageTimeout = TimeSpan.FromSeconds(o.Number("--stage-timeout", 180));
        OpusDtx = o.Text("--opus-dtx") is "true";
        var results = new Results("calls", server.Provider,
            o.Named("--sizes", "--lecture-sizes", "--opus-dtx", "--stage-timeout", "--repeats", "--per-page", "--video", "--app-video", "--window-seconds", "--settle-seconds", "--max-video"));

        var janusIdleMb = ProcessTree.RssMb(media.JanusPid);
        var seed = await server.SeedAsync(1, 1, Math.Max(Math.Max(sizes.Max(), lectureSizes.DefaultIfEmpty(0).Max()) - 1, 3), 0);
        var school = seed.Schools[0];
        var (_, classInfo, members) = seed.ClassChats().First();
        var teacher = members[0];
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        var classCalls = $"/api/v1/schools/{school.Id}/chats/{classInfo.ClassChatId}/calls";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SFERA_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // As the tests start it (tests/Server.Tests/Browser): a fake camera and microphone, allowed without asking.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--disable-quic", "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection",
                    // The fake camera at 30 frames a second (its default is 20), scaled to the size asked for.
                    "--use-fake-device-for-media-stream=fps=30",
                    // Three simulcast layers whatever the size (Chromium drops layers below 960x540 by default): the
                    // bench's smaller camera then sends the same h/m/l structure as the app's 1280x720.
                    "--force-fieldtrials=WebRTC-LegacySimulcastLayerLimit/Disabled/"],
        });
        var agent = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "calls-agent.js"));
        var pages = new List<IPage>();
        async Task<IPage> NewPageAsync(Video camera)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Url, BypassCSP = true });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/health");
            await page.EvaluateAsync(agent);
            var got = await page.EvaluateAsync<JsonElement>("v => bench.open(v)", new { width = camera.Width, height = camera.Height, fps = camera.Fps });
            Console.WriteLine($"page {pages.Count}: camera {got.GetProperty("width")}x{got.GetProperty("height")} at {got.GetProperty("frameRate")} fps (the device: {got.GetProperty("capabilities")})");
            pages.Add(page);
            return page;
        }

        // Whatever was measured is written, also when a later part fails (a call that never connects on an overloaded box).
        try
        {
            // Phase A, at the app's camera size (web/src/features/calls/media.ts asks for 1280x720), in two pages.
            var pageA = await NewPageAsync(appCamera);
            var pageB = await NewPageAsync(appCamera);

            // ---- 1. One-to-one: the teacher calls a student in their personal chat; the student's tab accepts.
            var student = members[1];
            var personal = await SendAsync<JsonElement>(http, teacher, HttpMethod.Post, $"/api/v1/schools/{school.Id}/chats/personal", new { accountId = student.AccountId });
            var directCalls = $"/api/v1/schools/{school.Id}/chats/{personal.GetProperty("chat").GetProperty("id").GetGuid()}/calls";
            foreach (var relay in repeats > 0 ? new[] { false, true } : [])
            {
                List<double> callee = [], caller = [];
                var routes = new SortedSet<string>();
                for (var i = -1; i < repeats; i++)
                {
                    await pageB.EvaluateAsync("o => bench.ready(o)", new { id = "callee", token = student.Token, @base = directCalls, relay });
                    var placed = await pageA.EvaluateAsync<JsonElement>("o => bench.place(o)",
                        new { id = "caller", token = teacher.Token, @base = directCalls, relay, accountId = teacher.AccountId });
                    var t0 = await pageB.EvaluateAsync<double>("([id, callId]) => bench.accept(id, callId)", new object[] { "callee", placed.GetProperty("callId").GetString()! });
                    var frames = await Task.WhenAll(pageB.EvaluateAsync<double>("id => bench.peerFrame(id, 20000)", "callee"),
                        pageA.EvaluateAsync<double>("id => bench.peerFrame(id, 20000)", "caller"));
                    routes.Add(await pageB.EvaluateAsync<string>("id => bench.route(id)", "callee"));
                    await pageA.EvaluateAsync("id => bench.hangUp(id)", "caller");
                    await pageB.EvaluateAsync("id => bench.hangUp(id)", "callee");
                    // The first call warms up the server, the pages and their codecs: not counted.
                    if (i >= 0)
                    {
                        callee.Add(frames[0] - t0);
                        caller.Add(frames[1] - t0);
                    }
                }
                var name = relay ? "1:1 relayed by coturn (relay-only ICE)" : "1:1 peer to peer";
                results.Add(FirstFrameRow($"{name}: accept → first frame of the caller decoded", callee, string.Join(", ", routes)), "time to first frame");
                results.Add(FirstFrameRow($"{name}: accept → first frame of the callee decoded by the caller", caller, string.Join(", ", routes)), "time to first frame");
            }

            // ---- 2. A group call in the class chat: the teacher starts it and sends (turning the waiting room off: the bench
            // lets everyone in at once, where a teacher would admit them); a student joins, publishes and subscribes at once,
            // then leaves; again with the next student.
            var host = new Part("host", teacher, pageA, Mic: true);
            var callId = await StartGroupCallAsync(http, host, classCalls);
            if (repeats > 0)
            {
                List<double> join = [], subscribed = [], frame = [];
                for (var i = -1; i < repeats; i++)
                {
                    var latecomer = new Part("late", members[1 + (i + 1) % (members.Count - 1)], pageB, Mic: false);
                    var t = await pageB.EvaluateAsync<JsonElement>("o => bench.enter(o)", JoinArgs(latecomer, classCalls, callId));
                    await pageB.EvaluateAsync("id => bench.leave(id)", latecomer.Id);
                    await WaitPublishingAsync(http, teacher, $"{classCalls}/{callId}", 1);
                    if (i < 0) continue;
                    join.Add(t.GetProperty("join").GetDouble());
                    subscribed.Add(t.GetProperty("subscribed").GetDouble());
                    frame.Add(t.GetProperty("frame").GetDouble());
                }
                results.Add(FirstFrameRow("group via Janus: join → join answered", join, "Janus, host candidates"), "time to first frame");
                results.Add(FirstFrameRow("group via Janus: join → subscription answered (Janus's offer)", subscribed, "Janus, host candidates"), "time to first frame");
                results.Add(FirstFrameRow("group via Janus: join → first frame of the host decoded", frame, "Janus, host candidates"), "time to first frame");
            }

            // ---- 3. Calibration: the teacher and one student at the app's camera size, each receiving the other first in high,
            // then medium, then low, for the packets each layer takes at the size the app sends.
            var janusPid = media.JanusPid;
            var except = new HashSet<int> { server.Pid, media.JanusPid, media.CoturnPid };
            var appSent = new Dictionary<string, double>();
            var appReceived = new Dictionary<string, double>();
            {
                var pair = new[] { host, new Part("pupil", student, pageB, Mic: true) };
                await pageB.EvaluateAsync<JsonElement>("o => bench.join(o)", JoinArgs(pair[1], classCalls, callId));
                await pageB.EvaluateAsync("id => bench.publish(id)", pair[1].Id);
                await WaitPublishingAsync(http, teacher, $"{classCalls}/{callId}", 2);
                var mids = new Dictionary<string, string>();
                foreach (var p in pair)
                    mids[p.Id] = StreamsOf(await p.Page.EvaluateAsync<JsonElement>("id => bench.subscribe(id)", p.Id)).Single(x => x.Type == "video").Mid;
                if ((await WaitConnectedAsync(pair)).Down > 0) throw new InvalidOperationException("the calibration call did not connect");
                foreach (var (layer, substream) in new[] { ("h", 2), ("m", 1), ("l", 0) })
                {
                    foreach (var p in pair)
                        await p.Page.EvaluateAsync("([id, layers]) => bench.configure(id, layers)", new object[] { p.Id, new[] { new { mid = mids[p.Id], substream, send = true } } });
                    await SettleAsync([pageA, pageB], settle);
                    var row = await MeasureAsync([pageA, pageB], pair.ToDictionary(p => $"{p.Id}/sub/{mids[p.Id]}", _ => layer), janusPid, janusIdleMb, server.Pid, except, window);
                    if (layer == "h") foreach (var (k, v) in row.Sent) appSent[k] = v;
                    appReceived["audio"] = row.Received["audio"];
                    appReceived[$"video-{layer}"] = row.Received[$"video-{layer}"];
                    var calRow = new Dictionary<string, object?> { ["people"] = 2, ["each receives"] = layer, ["videos decoding"] = $"{row.Decoding}/2" };
                    foreach (var (k, v) in row.Figures) calRow[k] = v;
                    results.Add(calRow, $"calibration: a call of 2 at the app's camera size, {appCamera}");
                }
                foreach (var p in pair) await p.Page.EvaluateAsync("id => bench.leave(id)", p.Id);
                await WaitNoCallAsync(http, teacher, classCalls);
                // Chromium's fake camera is one device: closed here, it opens again at the bench's size below.
                foreach (var page in new[] { pageA, pageB }) await page.EvaluateAsync("() => bench.close()");
            }

            // ---- 4. Phase B, at the bench's camera size: a class call that grows. At each size everyone publishes and
            // receives everyone else with the app's layers; then CPU, memory and packets over a window, and Janus's CPU again
            // with nobody sending.
            var people = Math.Max(sizes.Max(), lectureSizes.DefaultIfEmpty(0).Max());
            var groupPages = new List<IPage>();
            for (var i = 0; i < people; i += perPage) groupPages.Add(await NewPageAsync(video));
            // The teacher and the three who "spoke last" have their microphone on; the others are muted (the app disables the
            // track, and Chromium still sends silence: the packets are the same).
            List<Part> Cast(bool studentsCamera) =>
                [.. Enumerable.Range(0, people).Select(i => new Part($"p{i}", members[i], groupPages[i / perPage], Mic: i < 4, Camera: i == 0 || studentsCamera))];

            async Task<Stage> StageAsync(string callId, List<Part> inStage, List<Part> joining, string table)
            {
                var steps = System.Diagnostics.Stopwatch.StartNew();
                await ForEachAsync(joining, 3, async p =>
                {
                    await p.Page.EvaluateAsync<JsonElement>("o => bench.join(o)", JoinArgs(p, classCalls, callId));
                    await p.Page.EvaluateAsync("id => bench.publish(id)", p.Id);
                });
                var size = inStage.Count;
                await WaitPublishingAsync(http, teacher, $"{classCalls}/{callId}", size);
                var streams = new Dictionary<string, List<Stream>>();
                await ForEachAsync(inStage, 4, async p =>
                {
                    var list = StreamsOf(await p.Page.EvaluateAsync<JsonElement>("id => bench.subscribe(id)", p.Id));
                    lock (streams) streams[p.Id] = list;
                });
                var joined = steps.Elapsed.TotalSeconds;
                var (resubscribed, down) = await WaitConnectedAsync(inStage, streams);
                Console.WriteLine($"{size} people: joined, publishing and subscribed after {joined:F1} s, every connection up after {steps.Elapsed.TotalSeconds:F1} s");
                // Layers, settling and both windows; on a machine out of CPU Janus may answer so late that this never ends.
                async Task<(Dictionary<string, int> Asked, Measured Row, Measured Quiet)> MeasureStageAsync()
                {
                    var asked = new Dictionary<string, int> { ["high"] = 0, ["medium"] = 0, ["low"] = 0, ["paused"] = 0 };
                    var layerOf = new Dictionary<string, string>();
                    await ForEachAsync(inStage, 4, async p =>
                    {
                        // Only the videos of people whose camera is on are counted (the others' video sections carry nothing).
                        var layers = Layers(p, streams[p.Id], inStage, teacher.AccountId, maxVideo);
                        var cameras = inStage.Where(x => x.Camera).Select(x => x.Person.AccountId).ToHashSet();
                        lock (asked)
                            foreach (var l in layers.Where(l => streams[p.Id].Any(x => x.Mid == l.Mid && cameras.Contains(x.AccountId))))
                            {
                                asked[!l.Send ? "paused" : l.Substream switch { 2 => "high", 1 => "medium", _ => "low" }]++;
                                if (l.Send) layerOf[$"{p.Id}/sub/{l.Mid}"] = l.Substream switch { 2 => "h", 1 => "m", _ => "l" };
                            }
                        await p.Page.EvaluateAsync("([id, layers]) => bench.configure(id, layers)",
                            new object[] { p.Id, layers.Select(l => new { mid = l.Mid, substream = l.Substream, send = l.Send }).ToArray() });
                    });
                    await SettleAsync(groupPages, settle);
                    var row = await MeasureAsync(groupPages, layerOf, janusPid, janusIdleMb, server.Pid, except, window);
                    // The same call with nobody sending anything: what Janus spends per person on connections alone (ICE
                    // keepalives, RTCP, its timers and threads), so that the rest is what the packets cost.
                    await Task.WhenAll(groupPages.Select(page => page.EvaluateAsync("() => bench.quiet(true)")));
                    await Task.Delay(TimeSpan.FromSeconds(3));
                    var quiet = await MeasureAsync(groupPages, layerOf, janusPid, janusIdleMb, server.Pid, except, window / 2);
                    await Task.WhenAll(groupPages.Select(page => page.EvaluateAsync("() => bench.quiet(false)")));
                    return (asked, row, quiet);
                }
                var measuring = MeasureStageAsync();
                if (await Task.WhenAny(measuring, Task.Delay(stageTimeout)) != measuring)
                {
                    _ = measuring.ContinueWith(t => t.Exception, TaskScheduler.Default);
                    Console.WriteLine($"{size} people: layers, settling and measuring did not finish within {stageTimeout.TotalSeconds:F0} s: not carried.");
                    var late = new Dictionary<string, object?>
                    {
                        ["people"] = size, ["resubscribed"] = resubscribed, ["connections down"] = down, ["Janus carried it"] = "no",
                        ["stopped by"] = $"layers, settling and measuring not done within {stageTimeout.TotalSeconds:F0} s",
                        ["Janus CPU % (over the last 10 s)"] = await JanusCpuNowAsync(janusPid), ["Janus RSS MB"] = ProcessTree.RssMb(janusPid),
                    };
                    results.Add(late, table);
                    return new Stage(size, false, double.NaN, double.NaN, null, late);
                }
                var (asked, row, quiet) = await measuring;
                var expectedVideos = asked["high"] + asked["medium"] + asked["low"];
                // Janus carried the call: every connection up, every layer sent at half the camera's rate or more with no
                // encoder held back (by CPU or bandwidth), every video asked for arriving, and little lost. Past that the
                // machine is out of CPU, packets are dropped and the senders back off, so Janus carries less than the call
                // would: such a size is reported but not extrapolated from, and the call grows no more. (Pages that decode
                // late, the machine being busy, do not change what Janus forwards: reported, not a reason to stop.)
                var healthy = down == 0 && row.Decoding == expectedVideos && row.SentFps >= 0.5 * video.Fps && row.LostPercent < 2 && row.Limited == 0;
                var decodedAll = row.DecodedFps >= 0.8 * row.SentFps;
                var stage = new Dictionary<string, object?>
                {
                    ["people"] = size,
                    ["videos h/m/l/paused"] = $"{asked["high"]}/{asked["medium"]}/{asked["low"]}/{asked["paused"]}",
                    ["videos decoding"] = $"{row.Decoding}/{expectedVideos}",
                    ["resubscribed"] = resubscribed,
                    ["connections down"] = down,
                    ["Janus carried it"] = healthy ? "yes" : "no",
                    ["pages decoded it all"] = decodedAll ? "yes" : "no",
                };
                foreach (var (k, v) in row.Figures) stage[k] = v;
                var perPerson = quiet.JanusCpu / size;
                var perPacket = (row.JanusCpu - quiet.JanusCpu) / row.Packets;
                stage["Janus CPU % with no media"] = 100 * quiet.JanusCpu;
                stage["Janus % per person (no media)"] = 100 * perPerson;
                stage["Janus µs per packet (the rest)"] = 1e6 * perPacket;
                results.Add(stage, table);
                if (!healthy) Console.WriteLine($"{size} people: not carried ({down} connections down, {row.Decoding}/{expectedVideos} videos arriving, layers sent at {row.SentFps:F1} fps, {row.Limited} encoders held back, {row.LostPercent:F1} % lost).");
                return new Stage(size, healthy, perPerson, perPacket, row, stage);
            }

            // Everyone's camera on, as the call grows; it stops growing after the first size the pages could not carry.
            var cast = Cast(studentsCamera: true);
            callId = await StartGroupCallAsync(http, cast[0], classCalls);
            var carried = new List<Stage>();
            var inCall = 1;
            foreach (var size in sizes)
            {
                var stage = await StageAsync(callId, cast.Take(size).ToList(), cast.Skip(inCall).Take(size - inCall).ToList(), $"group call of N through Janus, everyone's camera ({video})");
                inCall = size;
                if (!stage.Healthy) break;
                carried.Add(stage);
            }
            await LeaveAllAsync(cast);
            await WaitNoCallAsync(http, teacher, classCalls);

            // ---- 5. A lecture: the teacher's camera and everyone's sound (the students' cameras off, their microphones muted
            // but sending, as the app does). Chromium decodes one video per page, so the box reaches 30 people, and Janus
            // forwards nearly a full lesson's packets (29 × 30 sound streams are most of them).
            var lectures = new List<Stage>();
            if (lectureSizes.Count > 0)
            {
                cast = Cast(studentsCamera: false);
                callId = await StartGroupCallAsync(http, cast[0], classCalls);
                inCall = 1;
                foreach (var size in lectureSizes)
                {
                    var stage = await StageAsync(callId, cast.Take(size).ToList(), cast.Skip(inCall).Take(size - inCall).ToList(), $"lecture through Janus: the teacher's camera ({video}), everyone's sound");
                    inCall = size;
                    if (!stage.Healthy) break;
                    lectures.Add(stage);
                }
                await LeaveAllAsync(cast);
            }

            // ---- 6. Lessons per Janus core. Janus's CPU at a size the pages carried is split into what it spends per person
            // with no media flowing and what each packet costs; a lesson of 30 with everyone's camera is then priced as 30
            // people plus its packets, counted from the packet rates per layer of the app's camera (the calibration call).
            // Janus's cost per packet falls as the packet rate rises (it sends more per wake-up), so the figure from the
            // lecture (at the highest packet rate measured) is the closer one, and the one from everyone's camera at a smaller
            // size an upper bound.
            var sources = new List<(string Name, Stage Stage)>();
            if (lectures.Count > 0) sources.Add(($"lecture of {lectures[^1].People}", lectures[^1]));
            if (carried.Count > 0) sources.Add(($"everyone's camera, {carried[^1].People} people", carried[^1]));
            if (sources.Count == 0) throw new InvalidOperationException("no size was carried: nothing to extrapolate from");
            foreach (var (source, stage) in sources)
            {
                Console.WriteLine($"Janus, {source}: {100 * stage.PerPerson:F2} % of a core per person with no media + {1e6 * stage.PerPacket:F1} µs per packet");
                foreach (var (screen, shown) in new[] { ("wide screen, 12 videos shown", 12), ("phone, 6 videos shown", 6) })
                {
                    var lesson = Lesson(30, shown, 4, stage.Measured!.Sent, appSent, appReceived);
                    var cpu = 30 * stage.PerPerson + (lesson.In + lesson.Out) * stage.PerPacket;
                    results.Add(new Dictionary<string, object?>
                    {
                        ["lesson of 30, everyone's camera"] = $"{screen}; app camera {appCamera}",
                        ["packets/s into Janus"] = lesson.In,
                        ["packets/s out of Janus"] = lesson.Out,
                        ["Janus costs measured in"] = source,
                        ["Janus % per person"] = 100 * stage.PerPerson,
                        ["Janus µs/packet"] = 1e6 * stage.PerPacket,
                        ["Janus CPU per lesson %"] = cpu * 100,
                        ["lessons per Janus core"] = 1 / cpu,
                        ["Janus MB per lesson"] = (double)stage.Row["Janus MB/person"]! * 30,
                    }, "extrapolation: 30-person lessons per Janus core");
                }
            }
            if (lectures.Count > 0 && lectures[^1].People == 30)
            {
                var lecture = lectures[^1];
                results.Add(new Dictionary<string, object?>
                {
                    ["lesson of 30, everyone's camera"] = "(measured, not extrapolated) a lecture of 30: the teacher's camera, everyone's sound",
                    ["packets/s into Janus"] = lecture.Row["packets/s into Janus"],
                    ["packets/s out of Janus"] = lecture.Row["packets/s out of Janus"],
                    ["Janus costs measured in"] = "itself",
                    ["Janus CPU per lesson %"] = lecture.Row["Janus CPU %"],
                    ["lessons per Janus core"] = 100 / (double)lecture.Row["Janus CPU %"]!,
                    ["Janus MB per lesson"] = (double)lecture.Row["Janus MB/person"]! * 30,
                }, "extrapolation: 30-person lessons per Janus core");
            }
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException or PlaywrightException)
        {
            Console.WriteLine($"stopped: {e}");
            results.Add(new Dictionary<string, object?> { ["stopped by"] = e.Message }, "errors");
        }
        await results.WriteAsync(o.Text("--json"));
    }

    private static Dictionary<string, object?> FirstFrameRow(string what, List<double> ms, string route)
    {
        var p = Percentiles.Of(ms);
        return new() { ["what"] = what, ["n"] = p.Count, ["p50 ms"] = p.P50, ["max ms"] = p.Max, ["min ms"] = ms.Count > 0 ? ms.Min() : double.NaN, ["ICE route"] = route };
    }

    private static object JoinArgs(Part p, string calls, string? callId) =>
        new { id = p.Id, token = p.Person.Token, @base = calls, callId, mic = p.Mic, camera = p.Camera, dtx = OpusDtx, relay = false };

    /// <summary>--opus-dtx true: what-if, the publishers send Opus with DTX (as a room with Janus's opus_dtx would have them).</summary>
    private static bool OpusDtx { get; set; }

    /// <summary>web/src/features/calls/layers.ts: the host (who started the call) high, the three latest speakers medium (everyone
    /// medium up to 4 videos), the rest low, and only the first <paramref name="maxVideo"/> shown (the rest paused).</summary>
    private static List<Layer> Layers(Part me, List<Stream> streams, List<Part> inCall, Guid featuredId, int maxVideo)
    {
        var videos = streams.Where(s => s.Type == "video").ToDictionary(s => s.AccountId, s => s.Mid);
        var people = inCall.Select(p => p.Person.AccountId).Where(videos.ContainsKey).ToList();
        Guid? featured = people.Contains(featuredId) ? featuredId : null;
        var speakers = inCall.Where(p => p.Mic && p != me).Select(p => p.Person.AccountId).Where(id => id != featured && people.Contains(id)).Take(3).ToHashSet();
        var order = new[] { featured }.OfType<Guid>().Concat(speakers).Concat(people).Distinct().ToList();
        return order.Select((id, index) => new Layer(videos[id],
            id == featured ? 2 : speakers.Contains(id) || people.Count <= 4 ? 1 : 0, index < Math.Max(1, maxVideo))).ToList();
    }

    /// <summary>Packets per second into and out of Janus in a lesson of <paramref name="size"/>: everyone sends camera and
    /// microphone, <paramref name="speakers"/> with the microphone on and the rest muted (a muted microphone still sends,
    /// silence); every tab receives everyone else's sound and, of the videos, the host's high layer, three speakers' medium
    /// and the rest low up to <paramref name="shown"/> (the others paused). Sound at the rates of <paramref name="audio"/>
    /// (keys audio, audio-muted; Janus forwards every packet), video at those of <paramref name="sent"/> (what each sender
    /// sends of each layer, padding included) and <paramref name="received"/> (what Janus sends of one video at each layer).</summary>
    private static (double In, double Out) Lesson(int size, int shown, int speakers, Dictionary<string, double> audio, Dictionary<string, double> sent,
        Dictionary<string, double> received)
    {
        var sound = speakers * audio["audio"] + (size - speakers) * audio["audio-muted"];
        var into = sound + size * (sent["video-h"] + sent["video-m"] + sent["video-l"]);
        double R(string key) => received[key];
        // A student: the host high, 3 medium, shown-4 low. The host herself: 3 medium, shown-3 low.
        var student = R("video-h") + 3 * R("video-m") + Math.Max(0, shown - 4) * R("video-l");
        var hostOut = 3 * R("video-m") + Math.Max(0, shown - 3) * R("video-l");
        return (into, (size - 1) * sound + (size - 1) * student + hostOut);
    }

    /// <summary><paramref name="Sent"/>: packets per second each sender sends of its audio and of each layer (padding
    /// included: Janus takes it in). <paramref name="Received"/>: packets per second one receiver gets of one person's audio
    /// and of one video at each layer (what Janus sends).</summary>
    private sealed record Measured(Dictionary<string, object?> Figures, int Decoding, Dictionary<string, double> Sent, Dictionary<string, double> Received,
        double Packets, double JanusCpu, double DecodedFps, double SentFps, double LostPercent, int Limited);

    /// <summary><paramref name="layerOf"/>: the layer (h, m, l) asked of each received video, by "participant/sub/mid".</summary>
    private static async Task<Measured> MeasureAsync(List<IPage> pages, IReadOnlyDictionary<string, string> layerOf, int janusPid, double janusIdleMb, int serverPid,
        HashSet<int> except, TimeSpan window)
    {
        var browserPids = ProcessTree.Descendants(Environment.ProcessId, except);
        var before = await StatsAsync(pages);
        int[] rest = [Environment.ProcessId, .. except.Where(p => p != janusPid && p != serverPid)];
        var (janus0, server0, browser0, rest0, machine0) = (ProcessTree.CpuSeconds(janusPid), ProcessTree.CpuSeconds(serverPid), ProcessTree.CpuSeconds(browserPids),
            ProcessTree.CpuSeconds(rest), ProcessTree.Machine());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(window);
        var seconds = clock.Elapsed.TotalSeconds;
        var (janus1, server1, browser1, rest1, machine1) = (ProcessTree.CpuSeconds(janusPid), ProcessTree.CpuSeconds(serverPid), ProcessTree.CpuSeconds(browserPids),
            ProcessTree.CpuSeconds(rest), ProcessTree.Machine());
        var after = await StatsAsync(pages);
        var statsSeconds = (after.At - before.At) / 1000;
        double Rate(Dictionary<string, double> a, Dictionary<string, double> b, Func<string, bool> which) =>
            a.Where(kv => which(kv.Key)).Sum(kv => kv.Value - b.GetValueOrDefault(kv.Key)) / statsSeconds;
        var packetsIn = Rate(after.Out, before.Out, k => k.EndsWith(".packets", StringComparison.Ordinal));
        var lost = Rate(after.In, before.In, k => k.EndsWith(".lost", StringComparison.Ordinal));
        var packetsOut = Rate(after.In, before.In, k => k.EndsWith(".packets", StringComparison.Ordinal)) + lost;
        var bitsIn = 8 * Rate(after.Out, before.Out, k => k.EndsWith("bytes", StringComparison.OrdinalIgnoreCase));
        var bitsOut = 8 * Rate(after.In, before.In, k => k.EndsWith("bytes", StringComparison.OrdinalIgnoreCase));
        var decoding = after.VideoIn.Count(kv => kv.Value > before.VideoIn.GetValueOrDefault(kv.Key, 0));
        var framesDecoded = Rate(after.In, before.In, k => k == "video.frames");
        var publishers = after.Publishers;
        // Video figures are per camera sending (in a lecture only the teacher's is on).
        var cameras = Math.Max(1, after.Cameras);
        var perPublisher = new Dictionary<string, double>
        {
            ["audio"] = after.Mics == 0 ? double.NaN : Rate(after.Out, before.Out, k => k == "audio.packets") / after.Mics,
            ["audio-muted"] = publishers == after.Mics ? double.NaN : Rate(after.Out, before.Out, k => k == "audio-muted.packets") / (publishers - after.Mics),
            ["video-h"] = Rate(after.Out, before.Out, k => k == "video-h.packets") / cameras,
            ["video-m"] = Rate(after.Out, before.Out, k => k == "video-m.packets") / cameras,
            ["video-l"] = Rate(after.Out, before.Out, k => k == "video-l.packets") / cameras,
        };
        var received = new Dictionary<string, double>();
        var audioStreams = after.AudioPackets.Where(kv => kv.Value > before.AudioPackets.GetValueOrDefault(kv.Key)).ToList();
        received["audio"] = audioStreams.Count == 0 ? double.NaN : audioStreams.Sum(kv => kv.Value - before.AudioPackets.GetValueOrDefault(kv.Key)) / audioStreams.Count / statsSeconds;
        foreach (var layer in new[] { "h", "m", "l" })
        {
            var videos = after.VideoPackets.Where(kv => layerOf.GetValueOrDefault(kv.Key) == layer).ToList();
            received[$"video-{layer}"] = videos.Count == 0 ? double.NaN : videos.Sum(kv => kv.Value - before.VideoPackets.GetValueOrDefault(kv.Key)) / videos.Count / statsSeconds;
        }
        double Fps(string rid) => Rate(after.Out, before.Out, k => k == $"video-{rid}.frames") / cameras;
        double Width(string rid) => after.Out.GetValueOrDefault($"video-{rid}.width") / cameras;
        var janusCpu = (janus1 - janus0) / seconds;
        var busy = 100.0 * Environment.ProcessorCount * (machine1.Busy - machine0.Busy) / Math.Max(1, machine1.Total - machine0.Total);
        var people = publishers;
        var janusRss = ProcessTree.RssMb(janusPid);
        var figures = new Dictionary<string, object?>
        {
            ["packets/s into Janus"] = packetsIn,
            ["packets/s out of Janus"] = packetsOut,
            ["Mbit/s in"] = bitsIn / 1e6,
            ["Mbit/s out"] = bitsOut / 1e6,
            ["lost %"] = packetsOut > 0 ? 100 * lost / packetsOut : 0,
            ["Janus CPU %"] = 100 * janusCpu,
            ["Janus µs/packet"] = 1e6 * janusCpu / Math.Max(1, packetsIn + packetsOut),
            ["Janus RSS MB"] = janusRss,
            // Above what Janus held before the first call.
            ["Janus MB/person"] = (janusRss - janusIdleMb) / people,
            ["server CPU %"] = 100 * (server1 - server0) / seconds,
            ["Chromium CPU %"] = 100 * (browser1 - browser0) / seconds,
            ["Chromium PSS MB"] = ProcessTree.PssMb(browserPids),
            ["machine busy %"] = busy,
            // Whatever else ran on the machine meanwhile (the bench process and coturn are counted as ours).
            ["others %"] = Math.Max(0, busy - 100 * (janus1 - janus0 + server1 - server0 + browser1 - browser0 + rest1 - rest0) / seconds),
            ["packets/s sent per sender audio/muted/h/m/l"] = string.Join("/", perPublisher.Values.Select(v => double.IsNaN(v) ? "-" : v.ToString("F0", CultureInfo.InvariantCulture))),
            ["packets/s received per stream audio/h/m/l"] = string.Join("/", received.Values.Select(v => double.IsNaN(v) ? "-" : v.ToString("F0", CultureInfo.InvariantCulture))),
            ["sent fps h/m/l"] = $"{Fps("h"):F0}/{Fps("m"):F0}/{Fps("l"):F0}",
            ["sent width h/m/l"] = $"{Width("h"):F0}/{Width("m"):F0}/{Width("l"):F0}",
            ["decoded fps per video"] = decoding > 0 ? framesDecoded / decoding : 0,
            ["encoders limited"] = after.Limited.Count == 0 ? "none" : string.Join(", ", after.Limited.Select(kv => $"{kv.Key} {kv.Value}")),
        };
        return new Measured(figures, decoding, perPublisher, received, packetsIn + packetsOut, janusCpu, decoding > 0 ? framesDecoded / decoding : 0,
            new[] { Fps("h"), Fps("m"), Fps("l") }.Min(), packetsOut > 0 ? 100 * lost / packetsOut : 0, after.Limited.Values.Sum());
    }

    private sealed record PageStats(double At, Dictionary<string, double> Out, Dictionary<string, double> In, Dictionary<string, double> VideoIn,
        Dictionary<string, double> VideoPackets, Dictionary<string, double> AudioPackets, Dictionary<string, int> Limited, int Publishers, int Cameras, int Mics);

    private static async Task<PageStats> StatsAsync(List<IPage> pages)
    {
        var all = await Task.WhenAll(pages.Select(p => p.EvaluateAsync<JsonElement>("() => bench.stats()")));
        // Playwright's serializer adds "$id" to every object: only the numbers count.
        Dictionary<string, double> Sum(string name) => all.SelectMany(s => s.GetProperty(name).EnumerateObject())
            .Where(p => p.Value.ValueKind == JsonValueKind.Number).GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.Sum(p => p.Value.GetDouble()));
        return new PageStats(all.Average(s => s.GetProperty("at").GetDouble()), Sum("out"), Sum("in"), Sum("videoIn"), Sum("videoPackets"), Sum("audioPackets"),
            Sum("limited").ToDictionary(kv => kv.Key, kv => (int)kv.Value), all.Sum(s => s.GetProperty("publishers").GetInt32()),
            all.Sum(s => s.GetProperty("cameras").GetInt32()), all.Sum(s => s.GetProperty("mics").GetInt32()));
    }

    private static async Task WaitPublishingAsync(HttpClient http, SeedPerson asker, string call, int count)
    {
        for (var i = 0; ; i++)
        {
            var got = await SendAsync<JsonElement>(http, asker, HttpMethod.Get, call, null);
            var publishing = got.GetProperty("participants").EnumerateArray().Count(p => p.GetProperty("publishing").GetBoolean() && p.GetProperty("state").GetString() == "Joined");
            if (publishing == count) return;
            if (i > 600) throw new TimeoutException($"{publishing} of {count} publishing after 60 s");
            await Task.Delay(100);
        }
    }

    private static async Task<double> JanusCpuNowAsync(int pid)
    {
        var before = ProcessTree.CpuSeconds(pid);
        await Task.Delay(TimeSpan.FromSeconds(10));
        return 100 * (ProcessTree.CpuSeconds(pid) - before) / 10;
    }

    /// <summary>Everyone leaves (the call ends with the last one); on an overloaded machine not waited for beyond a minute.</summary>
    private static async Task LeaveAllAsync(IEnumerable<Part> parts)
    {
        try
        {
            await Task.WhenAll(parts.Select(p => p.Page.EvaluateAsync("id => bench.leave(id)", p.Id))).WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            Console.WriteLine("leaving took more than a minute; going on");
        }
    }

    /// <summary>Waits <paramref name="settle"/>, then until no encoder in the pages is held back (the senders' bandwidth
    /// estimate ramps up for some seconds after a connection starts), for 30 s at most.</summary>
    private static async Task SettleAsync(List<IPage> pages, TimeSpan settle)
    {
        await Task.Delay(settle);
        for (int i = 0, calm = 0; i < 30 && calm < 2; i++)
        {
            calm = (await StatsAsync(pages)).Limited.Values.Sum() == 0 ? calm + 1 : 0;
            if (calm < 2) await Task.Delay(1000);
        }
    }

    /// <summary>The host starts a group call, turns its waiting room off and publishes; answers the call's id.</summary>
    private static async Task<string> StartGroupCallAsync(HttpClient http, Part host, string calls)
    {
        var started = await host.Page.EvaluateAsync<JsonElement>("o => bench.join(o)", JoinArgs(host, calls, null));
        var callId = started.GetProperty("callId").GetString()!;
        await SendAsync<JsonElement>(http, host.Person, HttpMethod.Put, $"{calls}/{callId}/settings", new { waitingRoom = false });
        await host.Page.EvaluateAsync("id => bench.publish(id)", host.Id);
        await WaitPublishingAsync(http, host.Person, $"{calls}/{callId}", 1);
        return callId;
    }

    private static async Task WaitNoCallAsync(HttpClient http, SeedPerson asker, string calls)
    {
        for (var i = 0; ; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{calls}/current");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", asker.Token);
            using var response = await http.SendAsync(request);
            if (response.StatusCode == System.Net.HttpStatusCode.NoContent) return;
            if (i > 600) throw new TimeoutException("the call did not end within 60 s of the last one leaving");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until every sending and receiving connection is up; a receiving one that failed, or is not up within
    /// 15 s, subscribes afresh (what a tab does when it joins again). Answers how many had to, and how many participants
    /// still had a connection down 45 s after the wait began (given up on).</summary>
    private static async Task<(int Again, int Down)> WaitConnectedAsync(IEnumerable<Part> parts, Dictionary<string, List<Stream>>? streams = null)
    {
        var again = 0;
        var down = 0;
        // One deadline for them all: on an overloaded machine waiting 45 s for each in turn would take many minutes.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        foreach (var p in parts)
        {
            var since = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                var state = await p.Page.EvaluateAsync<JsonElement>("id => bench.connected(id)", p.Id);
                string pub = state.GetProperty("pub").GetString()!, sub = state.GetProperty("sub").GetString()!;
                if (sub is "connected" or "none" && pub == "connected") break;
                if (waited.Elapsed > TimeSpan.FromSeconds(45))
                {
                    Console.WriteLine($"{p.Id}: sending {pub}, receiving {sub} 45 s into the wait: given up");
                    down++;
                    break;
                }
                if ((sub == "failed" || since.Elapsed > TimeSpan.FromSeconds(15) && sub != "connected") && again < 10)
                {
                    Console.WriteLine($"{p.Id}: the receiving connection is {sub}; subscribing afresh");
                    var got = await p.Page.EvaluateAsync<JsonElement>("id => bench.resubscribe(id)", p.Id);
                    if (streams is not null)
                        lock (streams) streams[p.Id] = StreamsOf(got);
                    again++;
                    since.Restart();
                    continue;
                }
                await Task.Delay(100);
            }
        }
        return (again, down);
    }

    private static List<Stream> StreamsOf(JsonElement subscription) => subscription.GetProperty("streams").EnumerateArray()
        .Select(s => new Stream(s.GetProperty("mid").GetString()!, s.GetProperty("type").GetString()!, s.GetProperty("accountId").GetGuid())).ToList();

    private static async Task ForEachAsync<T>(IEnumerable<T> items, int parallel, Func<T, Task> work)
    {
        using var gate = new SemaphoreSlim(parallel);
        await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync();
            try { await work(item); }
            finally { gate.Release(); }
        }));
    }

    private static async Task<T> SendAsync<T>(HttpClient http, SeedPerson who, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", who.Token);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
