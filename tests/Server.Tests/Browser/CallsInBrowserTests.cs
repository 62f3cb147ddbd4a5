using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sfera.Chats;
using Sfera.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sfera.Tests.Browser;

/// <summary>Chromium that gathers loopback ICE candidates: without the switch two pages on one machine with no other
/// interface (a test's network namespace, or a CI box) cannot connect peer to peer.</summary>
public sealed class CallsBrowserFixture() : BrowserFixture(["--allow-loopback-in-peer-connection"]);

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

    private async Task<(SchoolCast Cast, IPage Parent, IPage Teacher)> PersonalChatOpenOnBothAsync()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        await cast.Parent.Client.PostJsonAsync(cast.School.Url("/chats/personal"), new PersonalChatRequest(cast.ClassTeacher.AccountId))
            .Read<ChatDetailResponse>(HttpStatusCode.Created);

        // The teacher is somewhere in the app (the chat list), the parent in their personal chat.
        var teacher = await browser.SignInAsync(cast.ClassTeacher, phone: false);
        await teacher.Context.AddInitScriptAsync(KeepPeerConnections);
        await teacher.GotoAsync($"/school/{cast.School.Id}/chats");
        var parent = await browser.SignInAsync(cast.Parent, phone: true);
        await parent.Context.AddInitScriptAsync(KeepPeerConnections);
        await BrowserFixture.OpenChatAsync(parent, cast.School, cast.ClassTeacher.DisplayName);
        // Online: the teacher's tab is connected to the hub, so it will ring.
        await Expect(parent.GetByText("в сети", new() { Exact = true })).ToBeVisibleAsync();
        return (cast, parent, teacher);
    }

    private static ILocator CallScreen(IPage page, Person other) => page.GetByRole(AriaRole.Dialog, new() { Name = other.DisplayName });

    private static ILocator Incoming(IPage page, string name) => page.GetByRole(AriaRole.Alertdialog, new() { Name = name });

    private static ILocator Note(IPage page, string pattern) =>
        page.GetByRole(AriaRole.List, new() { Name = "Сообщения" }).GetByText(new Regex(pattern));

    private static async Task WaitForVideoAsync(IPage page) =>
        await page.WaitForFunctionAsync(VideoFramesRising, null, new() { PollingInterval = 250 });

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
