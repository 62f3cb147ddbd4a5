using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sfera.Chats;
using Sfera.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sfera.Tests.Browser;

/// <summary>Chromium that gathers loopback ICE candidates: without the switch two pages on one machine with no other
/// interface (a test's network namespace, or a CI box) cannot connect peer to peer. The server hands out the test's
/// coturn as its TURN server.</summary>
public sealed class CallsBrowserFixture() : BrowserFixture(["--allow-loopback-in-peer-connection"])
{
    protected override async Task<Dictionary<string, string?>> SettingsAsync() => (await Coturn.SharedAsync()).Settings();
}

/// <summary>
/// A one-to-one video call between two browsers, as people make it: the parent calls from the personal chat, the
/// class teacher's open tab rings, and both see the other's (fake) camera decoded frame after frame; hanging up closes
/// both call screens and leaves the note in the chat. And a call the teacher declines.
/// </summary>
[Trait("Category", "Calls")]
public sealed class CallsInBrowserTests(CallsBrowserFixture browser) : IClassFixture<CallsBrowserFixture>
{
    // Keeps every RTCPeerConnection the page makes on window.__pcs, so a test can read their statistics (group calls too).
    internal const string KeepPeerConnections = """
        (() => {
          const Native = window.RTCPeerConnection;
          window.__pcs = [];
          window.RTCPeerConnection = class extends Native {
            constructor(...args) {
              super(...args);
              window.__pcs.push(this);
            }
          };
        })();
        """;

    // The same, with every connection made relay-only: media must go through the TURN server the server handed out.
    private const string KeepRelayOnlyPeerConnections = """
        (() => {
          const Native = window.RTCPeerConnection;
          window.__pcs = [];
          window.RTCPeerConnection = class extends Native {
            constructor(config, ...rest) {
              super({ ...(config ?? {}), iceTransportPolicy: 'relay' }, ...rest);
              window.__pcs.push(this);
            }
          };
        })();
        """;

    // True when a live connection receives over a candidate pair whose local side is a TURN relay.
    private const string RelayInUse = """
        async () => {
          for (const pc of window.__pcs ?? []) {
            if (pc.connectionState !== 'connected') continue;
            const stats = await pc.getStats();
            let relayed = false;
            stats.forEach((r) => {
              if (r.type !== 'candidate-pair' || r.state !== 'succeeded' || !(r.bytesReceived > 0)) return;
              if (stats.get(r.localCandidateId)?.candidateType === 'relay') relayed = true;
            });
            if (relayed) return true;
          }
          return false;
        }
        """;

    private const string DebugStats = """
        async () => {
          const out = [];
          for (const pc of window.__pcs ?? []) {
            const stats = await pc.getStats();
            let frames = 0; stats.forEach((r) => { if (r.type === 'inbound-rtp') frames += r.framesDecoded ?? 0; });
            out.push(location.pathname + ' ' + window.__pcs.length + ' ' + pc.connectionState + ' ' + pc.iceConnectionState + ' frames=' + frames + ' ' + JSON.stringify(pc.getConfiguration().iceTransportPolicy));
            stats.forEach((r) => { if (r.type === 'candidate-pair') out.push(JSON.stringify({s: r.state, n: r.nominated, br: r.bytesReceived, l: stats.get(r.localCandidateId)?.candidateType})); });
          }
          return out.join(' | ');
        }
        """;

    // True once the page decodes remote video and has decoded another 15 frames since it first did.
    private const string VideoFramesRising = """
        async () => {
          let frames = 0;
          for (const pc of window.__pcs ?? []) {
            if (pc.connectionState === 'closed') continue;
            (await pc.getStats()).forEach((r) => {
              if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded ?? 0;
            });
          }
          if (frames > 0) window.__firstFrames ??= frames;
          return window.__firstFrames !== undefined && frames >= window.__firstFrames + 15;
        }
        """;

    private async Task<(SchoolCast Cast, IPage Parent, IPage Teacher)> PersonalChatOpenOnBothAsync(string peerConnections = KeepPeerConnections)
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        await cast.Parent.Client.PostJsonAsync(cast.School.Url("/chats/personal"), new PersonalChatRequest(cast.ClassTeacher.AccountId))
            .Read<ChatDetailResponse>(HttpStatusCode.Created);

        // The teacher is somewhere in the app (the chat list), the parent in their personal chat.
        var teacher = await browser.SignInAsync(cast.ClassTeacher, phone: false);
        await teacher.Context.AddInitScriptAsync(peerConnections);
        await teacher.GotoAsync($"/school/{cast.School.Id}/chats");
        var parent = await browser.SignInAsync(cast.Parent, phone: true);
        await parent.Context.AddInitScriptAsync(peerConnections);
        await BrowserFixture.OpenChatAsync(parent, cast.School, cast.ClassTeacher.DisplayName);
        // Online: the teacher's tab is connected to the hub, so it will ring.
        await Expect(parent.GetByText("в сети", new() { Exact = true })).ToBeVisibleAsync();
        return (cast, parent, teacher);
    }

    private static ILocator CallScreen(IPage page, Person other) => page.GetByRole(AriaRole.Dialog, new() { Name = other.DisplayName });

    private static ILocator Incoming(IPage page, string name) => page.GetByRole(AriaRole.Alertdialog, new() { Name = name });

    private static ILocator Note(IPage page, string pattern) =>
        page.GetByRole(AriaRole.List, new() { Name = "Сообщения" }).GetByText(new Regex(pattern));

    // Polled from here: WaitForFunction would take the async function's promise itself as a truthy answer.
    private static async Task WaitForVideoAsync(IPage page, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await page.EvaluateAsync<bool>(VideoFramesRising))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no remote video decoded within {seconds} s: {await page.EvaluateAsync<string>(DebugStats)}");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task A_parent_video_calls_the_class_teacher_who_answers_and_both_see_each_other_until_the_teacher_hangs_up()
    {
        var (cast, parent, teacher) = await PersonalChatOpenOnBothAsync();

        await parent.GetByRole(AriaRole.Button, new() { Name = "Видеозвонок", Exact = true }).ClickAsync();
        var parentScreen = CallScreen(parent, cast.ClassTeacher);
        await Expect(parentScreen.GetByRole(AriaRole.Status)).ToHaveTextAsync("Звоним…");

        // The teacher's tab rings, the focus on "Принять".
        var incoming = Incoming(teacher, "Входящий видеозвонок");
        await Expect(incoming).ToContainTextAsync(cast.Parent.DisplayName);
        var accept = incoming.GetByRole(AriaRole.Button, new() { Name = "Принять", Exact = true });
        await Expect(accept).ToBeFocusedAsync();
        await accept.ClickAsync();
        await Expect(incoming).ToBeHiddenAsync();

        var teacherScreen = CallScreen(teacher, cast.Parent);
        await Expect(teacherScreen.GetByRole(AriaRole.Status)).ToHaveTextAsync("Идёт звонок");
        await Expect(parentScreen.GetByRole(AriaRole.Status)).ToHaveTextAsync("Идёт звонок");
        await Expect(teacherScreen.GetByRole(AriaRole.Timer, new() { Name = "Длительность звонка" })).ToHaveTextAsync(new Regex(@"^\d+:\d\d$"));

        // Each page decodes the other's camera, and keeps decoding.
        await WaitForVideoAsync(parent);
        await WaitForVideoAsync(teacher);
        await Expect(parentScreen.GetByLabel($"Видео: {cast.ClassTeacher.DisplayName}")).ToBeVisibleAsync();
        await Expect(parentScreen.GetByLabel("Ваше видео")).ToBeVisibleAsync();

        // The controls are labelled toggles.
        var mute = teacherScreen.GetByRole(AriaRole.Button, new() { Name = "Выключить микрофон" });
        await mute.ClickAsync();
        await Expect(mute).ToHaveAttributeAsync("aria-pressed", "true");

        // The parent turns to the chat while they talk: the call goes on in a bar above it, and back again.
        await parentScreen.GetByRole(AriaRole.Button, new() { Name = "Чат", Exact = true }).ClickAsync();
        await Expect(parentScreen).ToBeHiddenAsync();
        var bar = parent.GetByRole(AriaRole.Region, new() { Name = $"Звонок: {cast.ClassTeacher.DisplayName}" });
        await Expect(bar.GetByRole(AriaRole.Timer)).ToHaveTextAsync(new Regex(@"^\d+:\d\d$"));
        await parent.GetByRole(AriaRole.Textbox, new() { Name = "Сообщение" }).FillAsync("Пишу во время звонка");
        await parent.Keyboard.PressAsync("Enter");
        await Expect(parent.GetByRole(AriaRole.List, new() { Name = "Сообщения" }).GetByText("Пишу во время звонка")).ToBeVisibleAsync();
        await parent.EvaluateAsync("() => { window.__firstFrames = undefined; }");
        await WaitForVideoAsync(parent);
        await bar.GetByRole(AriaRole.Button, new() { Name = "Вернуться к звонку" }).ClickAsync();
        await Expect(parentScreen.GetByRole(AriaRole.Status)).ToHaveTextAsync("Идёт звонок");

        // They talk for 3 minutes 12 seconds by the server's clock, and the teacher hangs up.
        browser.App.Clock.Advance(TimeSpan.FromSeconds(192));
        await teacherScreen.GetByRole(AriaRole.Button, new() { Name = "Завершить звонок" }).ClickAsync();
        await Expect(parentScreen.GetByRole(AriaRole.Status)).ToHaveTextAsync("Звонок завершён");
        await Expect(teacherScreen).ToBeHiddenAsync();
        await Expect(parentScreen).ToBeHiddenAsync();
        await Expect(Note(parent, "^Звонок завершён · 3:12$")).ToBeVisibleAsync();
        await Expect(Note(parent, "^Видеозвонок · Вы$")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_call_whose_browsers_may_only_use_the_relay_goes_through_the_install_s_coturn()
    {
        var (cast, parent, teacher) = await PersonalChatOpenOnBothAsync(KeepRelayOnlyPeerConnections);

        await parent.GetByRole(AriaRole.Button, new() { Name = "Видеозвонок", Exact = true }).ClickAsync();
        await Incoming(teacher, "Входящий видеозвонок").GetByRole(AriaRole.Button, new() { Name = "Принять", Exact = true }).ClickAsync();

        // Only relay candidates exist, so the frames arriving prove the relay works with the server's credentials.
        await WaitForVideoAsync(parent);
        await WaitForVideoAsync(teacher);
        Assert.True(await parent.EvaluateAsync<bool>(RelayInUse), "the parent's connection does not run through the relay: " + await parent.EvaluateAsync<string>(DebugStats));
        Assert.True(await teacher.EvaluateAsync<bool>(RelayInUse), "the teacher's connection does not run through the relay");
        await CallScreen(teacher, cast.Parent).GetByRole(AriaRole.Button, new() { Name = "Завершить звонок" }).ClickAsync();
        await Expect(CallScreen(parent, cast.ClassTeacher)).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_tab_opened_while_a_call_rings_rings_too()
    {
        var (cast, parent, _) = await PersonalChatOpenOnBothAsync();
        await parent.GetByRole(AriaRole.Button, new() { Name = "Позвонить", Exact = true }).ClickAsync();
        await Expect(CallScreen(parent, cast.ClassTeacher).GetByRole(AriaRole.Status)).ToHaveTextAsync("Звоним…");

        // The teacher opens the app on another device now: the ring it missed the start of is there.
        var laptop = await browser.SignInAsync(cast.ClassTeacher, phone: false);
        var incoming = Incoming(laptop, "Входящий звонок");
        await Expect(incoming).ToContainTextAsync(cast.Parent.DisplayName);
        await incoming.GetByRole(AriaRole.Button, new() { Name = "Отклонить" }).ClickAsync();
        await Expect(CallScreen(parent, cast.ClassTeacher).GetByRole(AriaRole.Status)).ToHaveTextAsync("Звонок отклонён");
    }

    [Fact]
    public async Task A_call_nobody_answers_runs_out_tells_the_parent_no_answer_and_leaves_the_teacher_a_missed_call()
    {
        var (cast, parent, teacher) = await PersonalChatOpenOnBothAsync();
        await parent.GetByRole(AriaRole.Button, new() { Name = "Позвонить", Exact = true }).ClickAsync();
        var incoming = Incoming(teacher, "Входящий звонок");
        await Expect(incoming).ToContainTextAsync(cast.Parent.DisplayName);

        // Nobody answers for 45 seconds of the server's clock: the sweeper ends the ring as missed.
        browser.App.Clock.Advance(TimeSpan.FromSeconds(46));
        var parentScreen = CallScreen(parent, cast.ClassTeacher);
        await Expect(parentScreen.GetByRole(AriaRole.Status)).ToHaveTextAsync("Нет ответа");
        await Expect(incoming).ToBeHiddenAsync();
        await Expect(teacher.GetByText($"Пропущенный звонок: {cast.Parent.DisplayName}")).ToBeVisibleAsync();
        await Expect(parentScreen).ToBeHiddenAsync();
        await Expect(Note(parent, "^Пропущенный звонок$")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_call_the_teacher_declines_says_so_to_the_parent_and_in_the_chat()
    {
        var (cast, parent, teacher) = await PersonalChatOpenOnBothAsync();

        await parent.GetByRole(AriaRole.Button, new() { Name = "Видеозвонок", Exact = true }).ClickAsync();
        // Escape declines, as "Отклонить" does.
        var incoming = Incoming(teacher, "Входящий видеозвонок");
        await Expect(incoming.GetByRole(AriaRole.Button, new() { Name = "Отклонить" })).ToBeVisibleAsync();
        await teacher.Keyboard.PressAsync("Escape");
        await Expect(incoming).ToBeHiddenAsync();

        var parentScreen = CallScreen(parent, cast.ClassTeacher);
        await Expect(parentScreen.GetByRole(AriaRole.Status)).ToHaveTextAsync("Звонок отклонён");
        await Expect(parentScreen).ToBeHiddenAsync();
        await Expect(Note(parent, "^Звонок отклонён$")).ToBeVisibleAsync();
    }
}
