using Microsoft.Playwright;
using Sfera.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sfera.Tests.Browser;

/// <summary>Chromium for calls (<see cref="CallsBrowserFixture"/>) against a server with the shared Janus configured, so
/// group calls go through a real SFU. Outside the calls' network namespace the server has no Janus (the test says so).</summary>
public sealed class GroupCallsBrowserFixture() : BrowserFixture(["--allow-loopback-in-peer-connection"])
{
    protected override async Task<Dictionary<string, string?>> SettingsAsync() =>
        CallsNetwork.InNamespace ? (await JanusServer.SharedAsync()).Settings() : [];
}

/// <summary>
/// A lesson over a group call, as people hold it, in three browsers: the class teacher starts a call in the class
/// chat, two students join after checking their camera and wait until the teacher lets them in, and every page decodes
/// the other two's (fake) cameras through Janus. A student goes to the chat and back while the call goes on. The
/// teacher mutes one student for everyone (the others stop receiving that student's sound, which the student's tab
/// still sends: the SFU holds it back) and removes the other, who is told so and cannot come back once the call is
/// locked; then the teacher ends it for everyone.
/// </summary>
[Trait("Category", "Calls")]
public sealed class GroupCallsInBrowserTests(GroupCallsBrowserFixture browser) : IClassFixture<GroupCallsBrowserFixture>
{
    // True once the page decodes video from at least `count` people (received tracks), each for 10 frames more than
    // when it first did: their video keeps coming, whichever receiving connection carries it now.
    private const string VideoFrom = """
        async (count) => {
          const now = {};
          for (const pc of window.__pcs ?? []) {
            if (pc.connectionState === 'closed') continue;
            (await pc.getStats()).forEach((r) => {
              if (r.type === 'inbound-rtp' && r.kind === 'video') now[r.trackIdentifier] = r.framesDecoded ?? 0;
            });
          }
          const first = (window.__firstFrames ??= {});
          let rising = 0;
          for (const [track, frames] of Object.entries(now)) {
            if (frames > 0 && first[track] === undefined) first[track] = frames;
            if (first[track] !== undefined && frames >= first[track] + 10) rising++;
          }
          return rising >= count;
        }
        """;

    // The packets received of one person's sound: the audio track of their tile's video (the tile holds their audio
    // and video together), found among the page's receivers. History is kept per name on window.__sound.
    private const string SoundPackets = """
        async (name) => {
          const tile = document.querySelector(`video[aria-label="Видео: ${name}"]`);
          const track = tile?.srcObject?.getAudioTracks()[0];
          let packets = -1;
          for (const pc of window.__pcs ?? []) {
            if (pc.connectionState === 'closed' || !track) continue;
            if (!pc.getReceivers().some((r) => r.track === track)) continue;
            (await pc.getStats(track)).forEach((r) => {
              if (r.type === 'inbound-rtp' && r.kind === 'audio') packets = r.packetsReceived ?? 0;
            });
          }
          const history = ((window.__sound ??= {})[name] ??= []);
          history.push([performance.now(), packets]);
          return history;
        }
        """;

    // Over the last 2 seconds the packets of that person's sound went up (flowing) or stayed put (stopped).
    private static string SoundOverTwoSeconds(bool flowing) => $$"""
        async (name) => {
          const history = await ({{SoundPackets}})(name);
          const [at, packets] = history[history.length - 1];
          const before = history.filter(([t]) => at - t >= 2000).pop();
          if (!before || before[1] < 0 || packets < 0) return false;
          return {{(flowing ? "packets > before[1] + 20" : "packets === before[1]")}};
        }
        """;

    // True once this page's own sound went out for 2 seconds more (its sending connection's packets rising): muted by a
    // host, the tab still sends, and it is the SFU that keeps the sound from the others.
    private const string OwnSoundGoingOut = """
        async () => {
          let sent = 0;
          for (const pc of window.__pcs ?? []) {
            if (pc.connectionState === 'closed') continue;
            (await pc.getStats()).forEach((r) => {
              if (r.type === 'outbound-rtp' && r.kind === 'audio') sent += r.packetsSent ?? 0;
            });
          }
          const history = (window.__sent ??= []);
          const now = performance.now();
          history.push([now, sent]);
          const before = history.filter(([t]) => now - t >= 2000).pop();
          return before !== undefined && sent > before[1] + 20;
        }
        """;

    private static ILocator Screen(IPage page) => page.GetByRole(AriaRole.Dialog, new() { Name = "Класс 5А" });

    private static ILocator Button(ILocator scope, string name) => scope.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private async Task<IPage> InClassChatAsync(SchoolCast cast, Person person, bool phone)
    {
        var page = await browser.SignInAsync(person, phone);
        await page.Context.AddInitScriptAsync(CallsInBrowserTests.KeepPeerConnections);
        await BrowserFixture.OpenChatAsync(page, cast.School, "Класс 5А");
        return page;
    }

    /// <summary>The device check: the camera's picture shows, then "join" (or "start") with what it opened.</summary>
    private static async Task PassDeviceCheckAsync(IPage page, string confirm)
    {
        var check = page.GetByRole(AriaRole.Dialog, new() { Name = "Камера и микрофон" });
        await Expect(check.GetByLabel("Ваша камера")).ToBeVisibleAsync();
        await Expect(check.GetByRole(AriaRole.Meter, new() { Name = "Уровень микрофона" })).ToBeVisibleAsync();
        await Button(check, confirm).ClickAsync();
        await Expect(check).ToBeHiddenAsync();
    }

    private static async Task JoinAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Присоединиться", Exact = true }).ClickAsync();
        await PassDeviceCheckAsync(page, "Присоединиться");
    }

    private static async Task WaitForSoundAsync(IPage page, Person of, bool flowing) =>
        await BrowserFixture.WaitUntilAsync(page, SoundOverTwoSeconds(flowing), of.DisplayName, $"{of.DisplayName}'s sound {(flowing ? "flowing" : "stopped")}");

    [Fact]
    public async Task A_teacher_holds_a_lesson_call_lets_two_students_in_mutes_one_removes_the_other_and_ends_it()
    {
        Assert.True(CallsNetwork.InNamespace, "Janus does no ICE on loopback: run the Calls tests through scripts/calls-netns.");
        var cast = await SchoolCast.CreateAsync(browser.App);
        var teacher = await InClassChatAsync(cast, cast.ClassTeacher, phone: false);
        var student = await InClassChatAsync(cast, cast.Student, phone: true);
        var classmate = await InClassChatAsync(cast, cast.Classmate, phone: true);
        // The layer requests (all of a tab's changes in one) the SFU takes; one made while a subscription is between
        // two offers may be refused (the tab asks again), never for being malformed.
        var layerAnswers = new System.Collections.Concurrent.ConcurrentBag<string>();
        foreach (var page in new[] { teacher, student, classmate })
            page.Response += async (_, r) =>
            {
                if (!r.Url.EndsWith("/media/configure", StringComparison.Ordinal)) return;
                layerAnswers.Add(r.Status == 204 ? "204" : $"{r.Status} {await r.TextAsync()}");
            };

        // The teacher starts the call from the chat's head, after the device check.
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Начать звонок", Exact = true }).ClickAsync();
        await PassDeviceCheckAsync(teacher, "Начать звонок");
        var teacherScreen = Screen(teacher);
        await Expect(teacherScreen.GetByRole(AriaRole.Status)).ToHaveTextAsync("Идёт звонок");

        // The class sees the call in progress; the students join and wait in the waiting room.
        foreach (var page in new[] { student, classmate })
        {
            await Expect(page.GetByText("Идёт звонок · 1 участник", new() { Exact = true })).ToBeVisibleAsync();
            await JoinAsync(page);
            await Expect(Screen(page).GetByRole(AriaRole.Status)).ToHaveTextAsync("Ждём, когда организатор впустит вас");
        }

        // The teacher lets them in from the waiting room on the call screen.
        await Button(teacherScreen, $"Впустить: {cast.Student.DisplayName}").ClickAsync();
        await Button(teacherScreen, $"Впустить: {cast.Classmate.DisplayName}").ClickAsync();
        await Expect(Screen(student).GetByRole(AriaRole.Status)).ToHaveTextAsync("Идёт звонок");
        await Expect(Screen(classmate).GetByRole(AriaRole.Status)).ToHaveTextAsync("Идёт звонок");
        await Expect(teacherScreen.GetByText("3 участника", new() { Exact = true })).ToBeVisibleAsync();

        // Every page decodes the other two's cameras, and shows them by name.
        foreach (var page in new[] { teacher, student, classmate })
            await BrowserFixture.WaitUntilAsync(page, VideoFrom, 2, "video decoded from two others");
        await Expect(Screen(student).GetByLabel($"Видео: {cast.ClassTeacher.DisplayName}")).ToBeVisibleAsync();
        await Expect(Screen(student).GetByLabel($"Видео: {cast.Classmate.DisplayName}")).ToBeVisibleAsync();
        await Expect(teacherScreen.GetByLabel($"Видео: {cast.Student.DisplayName}")).ToBeVisibleAsync();
        Assert.NotEmpty(layerAnswers);
        Assert.Contains("204", layerAnswers);
        Assert.DoesNotContain(layerAnswers, answer => answer.StartsWith("400", StringComparison.Ordinal));

        // The teacher shows the screen instead of the camera: the class sees it marked on the teacher's tile, large.
        await Button(teacherScreen, "Показать экран").ClickAsync();
        await Expect(Button(teacherScreen, "Показать экран")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(teacherScreen.GetByText("Вы показываете свой экран")).ToBeVisibleAsync();
        var teacherTile = Screen(student).GetByRole(AriaRole.Listitem).Filter(new() { Has = student.GetByLabel($"Видео: {cast.ClassTeacher.DisplayName}") });
        await Expect(teacherTile.GetByText("Экран", new() { Exact = true })).ToBeVisibleAsync();
        await Button(teacherScreen, "Показать экран").ClickAsync();
        await Expect(teacherTile.GetByText("Экран", new() { Exact = true })).ToBeHiddenAsync();

        // A student looks at the speaker view, then at the chat and the chat list while the call goes on, and comes back.
        var speakerView = Button(Screen(student), "Крупно — говорящий");
        await speakerView.ClickAsync();
        await Expect(speakerView).ToHaveAttributeAsync("aria-pressed", "true");
        await Button(Screen(student), "Чат").ClickAsync();
        await Expect(Screen(student)).ToBeHiddenAsync();
        await Expect(student.GetByRole(AriaRole.Textbox, new() { Name = "Сообщение" })).ToBeVisibleAsync();
        await student.GetByRole(AriaRole.Link, new() { Name = "Все чаты" }).ClickAsync();
        await student.GetByRole(AriaRole.Region, new() { Name = "Звонок: Класс 5А" })
            .GetByRole(AriaRole.Button, new() { Name = "Вернуться к звонку" }).ClickAsync();
        await Expect(Screen(student).GetByRole(AriaRole.Status)).ToHaveTextAsync("Идёт звонок");

        // The teacher mutes the student for everyone: the classmate's and the teacher's pages stop receiving the
        // student's sound, and the student's own screen says why the microphone is off.
        await WaitForSoundAsync(classmate, cast.Student, flowing: true);
        await Button(teacherScreen, "Участники").ClickAsync();
        var people = teacher.GetByRole(AriaRole.Complementary, new() { Name = "Участники звонка" });
        await Button(people, $"Выключить микрофон: {cast.Student.DisplayName}").ClickAsync();
        await Expect(Button(people, $"Разрешить микрофон: {cast.Student.DisplayName}")).ToBeVisibleAsync();
        await WaitForSoundAsync(classmate, cast.Student, flowing: false);
        await WaitForSoundAsync(teacher, cast.Student, flowing: false);
        await BrowserFixture.WaitUntilAsync(student, OwnSoundGoingOut, null, "the muted student's tab still sending sound");
        var studentScreen = Screen(student);
        await Expect(studentScreen.GetByText("Организатор выключил ваш микрофон.")).ToBeVisibleAsync();
        await Expect(Button(studentScreen, "Выключить микрофон")).ToHaveAttributeAsync("aria-pressed", "true");

        // The teacher removes the classmate, whose page leaves the call and says so.
        await Button(people, $"Удалить из звонка: {cast.Classmate.DisplayName}").ClickAsync();
        await Button(people, "Да, удалить").ClickAsync();
        var classmateScreen = Screen(classmate);
        await Expect(classmateScreen.GetByRole(AriaRole.Status)).ToHaveTextAsync("Организатор удалил вас из звонка");
        await Expect(teacherScreen.GetByText("2 участника", new() { Exact = true })).ToBeVisibleAsync();
        await Button(classmateScreen, "Закрыть").ClickAsync();
        await Expect(classmateScreen).ToBeHiddenAsync();

        // Locked, the call takes nobody new; the classmate's try to come back is refused with the server's reason.
        await people.GetByRole(AriaRole.Switch, new() { Name = "Закрыть вход в звонок" }).CheckAsync();
        await Expect(people.GetByRole(AriaRole.Switch, new() { Name = "Закрыть вход в звонок" })).ToBeCheckedAsync();
        await JoinAsync(classmate);
        await Expect(classmateScreen.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Организатор удалил вас из этого звонка.");
        await Button(classmateScreen, "Закрыть").ClickAsync();

        // The teacher ends it for everyone.
        await Button(people, "Завершить для всех").ClickAsync();
        await Button(people, "Да, завершить").ClickAsync();
        await Expect(studentScreen.GetByRole(AriaRole.Status)).ToHaveTextAsync("Звонок завершён");
        await Expect(studentScreen).ToBeHiddenAsync();
        await Expect(teacherScreen).ToBeHiddenAsync();
        await Expect(student.GetByText(new System.Text.RegularExpressions.Regex("^Идёт звонок · "))).ToBeHiddenAsync();
    }

    /// <summary>
    /// A guest link: the teacher turns it on for the call and passes it on; a grandmother without an account opens it,
    /// types her name, checks her camera and waits, shown to the teacher as a guest, until the teacher lets her in; then
    /// each decodes the other's camera. With the link off, she stays, and whoever opens it next is told it does not
    /// work. The call ending is what her page says at last.
    /// </summary>
    [Fact]
    public async Task A_guest_comes_in_through_the_link_only_when_let_in_and_nobody_new_once_it_is_off()
    {
        Assert.True(CallsNetwork.InNamespace, "Janus does no ICE on loopback: run the Calls tests through scripts/calls-netns.");
        var cast = await SchoolCast.CreateAsync(browser.App);
        var teacher = await InClassChatAsync(cast, cast.ClassTeacher, phone: false);
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Начать звонок", Exact = true }).ClickAsync();
        await PassDeviceCheckAsync(teacher, "Начать звонок");
        var teacherScreen = Screen(teacher);
        await Expect(teacherScreen.GetByRole(AriaRole.Status)).ToHaveTextAsync("Идёт звонок");
        await Button(teacherScreen, "Участники").ClickAsync();
        var people = teacher.GetByRole(AriaRole.Complementary, new() { Name = "Участники звонка" });
        await Button(people, "Создать ссылку для гостей").ClickAsync();
        var link = new Uri(await people.GetByLabel("Ссылка для гостей").InputValueAsync());
        Assert.StartsWith("/call/guest/", link.AbsolutePath, StringComparison.Ordinal);

        // The grandmother, in a browser that has never signed in: the name first (asked for when left empty).
        var guest = await browser.NewPageAsync(phone: true);
        await guest.Context.AddInitScriptAsync(CallsInBrowserTests.KeepPeerConnections);
        await guest.GotoAsync(link.PathAndQuery);
        await Button(guest.Locator("main"), "Дальше").ClickAsync();
        await Expect(guest.GetByText("Введите имя.")).ToBeVisibleAsync();
        await guest.GetByLabel("Ваше имя").FillAsync("Бабушка Вани");
        await Button(guest.Locator("main"), "Дальше").ClickAsync();
        await PassDeviceCheckAsync(guest, "Попросить войти");
        var guestScreen = guest.GetByRole(AriaRole.Dialog, new() { Name = "Вы в звонке как гость: Бабушка Вани" });
        await Expect(guestScreen.GetByRole(AriaRole.Status)).ToHaveTextAsync("Ждём, когда организатор впустит вас");

        // The teacher sees her waiting, marked a guest; until let in her page receives nothing.
        var waiting = people.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Бабушка Вани" });
        await Expect(waiting.GetByText("Гость", new() { Exact = true })).ToBeVisibleAsync();
        Assert.Equal(0, await guest.EvaluateAsync<int>("() => (window.__pcs ?? []).length"));
        await Button(people, "Впустить: Бабушка Вани").ClickAsync();
        await Expect(guestScreen.GetByRole(AriaRole.Status)).ToHaveTextAsync("Идёт звонок");
        await BrowserFixture.WaitUntilAsync(guest, VideoFrom, 1, "the guest decoding the teacher's camera");
        await BrowserFixture.WaitUntilAsync(teacher, VideoFrom, 1, "the teacher decoding the guest's camera");
        await Expect(guestScreen.GetByLabel($"Видео: {cast.ClassTeacher.DisplayName}")).ToBeVisibleAsync();
        await Expect(teacherScreen.GetByLabel("Видео: Бабушка Вани")).ToBeVisibleAsync();
        await Expect(teacherScreen.GetByText("2 участника", new() { Exact = true })).ToBeVisibleAsync();

        // She mutes herself: the teacher's tile of her says so (told through the server, not guessed from silence).
        var herTile = teacherScreen.GetByRole(AriaRole.Listitem).Filter(new() { Has = teacher.GetByLabel("Видео: Бабушка Вани") });
        await Expect(herTile.GetByTitle("Микрофон выключен")).ToBeHiddenAsync();
        await Button(guestScreen, "Выключить микрофон").ClickAsync();
        await Expect(herTile.GetByTitle("Микрофон выключен")).ToBeVisibleAsync();

        // The link off: she stays (her page is still answered), and the next to open it learns it does not work.
        await Button(people, "Выключить ссылку").ClickAsync();
        await Expect(people.GetByText("Ссылка выключена: новые гости не войдут. Те, кто уже в звонке, остаются.")).ToBeVisibleAsync();
        var stillAnswered = await guest.WaitForResponseAsync(r => r.Url.EndsWith("/state", StringComparison.Ordinal));
        Assert.Equal(200, stillAnswered.Status);
        var latecomer = await browser.NewPageAsync(phone: true);
        await latecomer.GotoAsync(link.PathAndQuery);
        await Expect(latecomer.GetByRole(AriaRole.Heading, new() { Name = "Ссылка не действует" })).ToBeVisibleAsync();
        await Expect(latecomer.GetByLabel("Ваше имя")).ToBeHiddenAsync();

        // The teacher ends the call: her page says so, and so does the page once its screen is closed.
        await Button(people, "Завершить для всех").ClickAsync();
        await Button(people, "Да, завершить").ClickAsync();
        await Expect(guestScreen.GetByRole(AriaRole.Status)).ToHaveTextAsync("Звонок завершён");
        await Button(guestScreen, "Закрыть").ClickAsync();
        await Expect(guest.GetByRole(AriaRole.Status).Filter(new() { HasText = "Звонок" })).ToHaveTextAsync("Звонок завершён.");
    }
}

/// <summary>
/// Where the install has no SFU, starting a group call says so with the server's words, and the screen closes again.
/// (Any browser test server: no Janus is configured there, so this runs with the rest of the suite.)
/// </summary>
public sealed class GroupCallsWithoutSfuInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Starting_a_group_call_without_an_sfu_shows_the_server_s_reason()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var teacher = await browser.SignInAsync(cast.ClassTeacher, phone: true);
        await BrowserFixture.OpenChatAsync(teacher, cast.School, "Класс 5А");

        await teacher.GetByRole(AriaRole.Button, new() { Name = "Начать звонок", Exact = true }).ClickAsync();
        var check = teacher.GetByRole(AriaRole.Dialog, new() { Name = "Камера и микрофон" });
        await Expect(check.GetByLabel("Ваша камера")).ToBeVisibleAsync();
        await check.GetByRole(AriaRole.Button, new() { Name = "Начать звонок", Exact = true }).ClickAsync();

        var screen = teacher.GetByRole(AriaRole.Dialog, new() { Name = "Класс 5А" });
        await Expect(screen.GetByRole(AriaRole.Status)).ToHaveTextAsync("Не удалось начать звонок");
        await Expect(screen.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Групповые звонки на этом сервере не настроены. Звонки один на один работают.");
        await screen.GetByRole(AriaRole.Button, new() { Name = "Закрыть" }).ClickAsync();
        await Expect(screen).ToBeHiddenAsync();
        await Expect(teacher.GetByRole(AriaRole.Button, new() { Name = "Начать звонок", Exact = true })).ToBeEnabledAsync();
    }
}
