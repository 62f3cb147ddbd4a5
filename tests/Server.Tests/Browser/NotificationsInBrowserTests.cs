using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Notifications;
using Sfera.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sfera.Tests.Browser;

/// <summary>
/// A server that accepts subscriptions on loopback (the push-service stand-in's address), whose clock stands at half
/// past nine in the evening, Moscow time (students' quiet hours), moved before anyone signs in (sessions follow it);
/// browsers in Moscow time too, so "08:00" is the school's morning.
/// </summary>
public sealed class NotificationsBrowserFixture : BrowserFixture
{
    public PushService Push { get; private set; } = null!;

    protected override string? TimezoneId => "Europe/Moscow";

    protected override Task<Dictionary<string, string?>> SettingsAsync() =>
        Task.FromResult(new Dictionary<string, string?> { ["Push:AllowedHosts:0"] = "127.0.0.1", ["Push:AllowHttp"] = "true" });

    public override async Task InitializeAsync()
    {
        Push = await PushService.StartAsync();
        await base.InitializeAsync();
        App.Clock.Advance(PushTests.UntilMoscow(App.Clock.GetUtcNow(), 21, 30));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Push is not null) await Push.DisposeAsync();
    }
}

/// <summary>Notifications as people meet them: their settings and devices, a chat's mute, quiet hours shown to the
/// sender, the school's quiet hours in the console. (PushManager.subscribe needs a real push service: its pure parts
/// are tested in web/src/lib/push.test.ts; headless Chromium here has no service worker, and the page says so.)</summary>
public sealed class NotificationsInBrowserTests(NotificationsBrowserFixture browser) : IClassFixture<NotificationsBrowserFixture>
{
    [Fact]
    public async Task A_teacher_turns_off_message_notifications_and_sets_working_hours_and_a_missing_time_is_named_on_its_field()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var page = await browser.SignInAsync(cast.SubjectTeacher, phone: false);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Основное меню" }).GetByRole(AriaRole.Link, new() { Name = "Уведомления" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Уведомления", Level = 1 })).ToBeVisibleAsync();
        // The app's service worker makes this browser able to receive them; the person refusing the browser's question
        // (headless Chromium refuses it) gets told how to allow them, and no device is added.
        var device = page.GetByRole(AriaRole.Region, new() { Name = "На этом устройстве" });
        await device.GetByRole(AriaRole.Button, new() { Name = "Включить уведомления" }).ClickAsync();
        await Expect(device.GetByRole(AriaRole.Alert)).ToContainTextAsync("Уведомления для Сферы запрещены в настройках браузера");
        Assert.Empty(await cast.SubjectTeacher.Client.GetJson<List<Sfera.Notifications.DeviceResponse>>("/api/v1/me/devices"));

        await page.GetByRole(AriaRole.Switch, new() { Name = "Новые сообщения" }).UncheckAsync();
        await page.GetByRole(AriaRole.Switch, new() { Name = "Уведомлять только в рабочее время" }).CheckAsync();
        await page.GetByLabel("Начало рабочего дня").FillAsync("08:30");
        await page.GetByLabel("Конец рабочего дня").FillAsync("17:00");
        var days = page.GetByRole(AriaRole.Group, new() { Name = "Рабочие дни" });
        await Expect(days.GetByRole(AriaRole.Checkbox, new() { Name = "Пятница" })).ToBeCheckedAsync();
        await days.GetByRole(AriaRole.Checkbox, new() { Name = "Пятница" }).UncheckAsync();
        await days.GetByRole(AriaRole.Checkbox, new() { Name = "Суббота" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Сохранено." })).ToBeVisibleAsync();

        var saved = await cast.SubjectTeacher.Client.GetJson<NotificationSettingsBody>("/api/v1/me/notification-settings");
        Assert.False(saved.Messages);
        Assert.True(saved.Mentions);
        Assert.True(saved.WorkingHoursOn);
        Assert.Equal(("08:30", "17:00"), (saved.WorkStart, saved.WorkEnd));
        Assert.Equal(new[] { 1, 2, 3, 4, 6 }, saved.WorkDays);

        // After a reload the page shows what was saved.
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Новые сообщения" })).Not.ToBeCheckedAsync();
        await Expect(page.GetByLabel("Начало рабочего дня")).ToHaveValueAsync("08:30");

        // A start left empty: the server's message beside the field, and nothing saved.
        await page.GetByLabel("Начало рабочего дня").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
        await Expect(page.GetByText("Время в виде ЧЧ:ММ, например 21:00.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Начало рабочего дня")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal("08:30", (await cast.SubjectTeacher.Client.GetJson<NotificationSettingsBody>("/api/v1/me/notification-settings")).WorkStart);
    }

    [Fact]
    public async Task The_device_list_shows_devices_registered_for_the_person_marks_this_one_and_removes_them()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        // One device from another sign-in (a phone), one from this browser's own session.
        var phone = browser.Push.NewDevice();
        await cast.Parent.Client.PostJsonAsync("/api/v1/me/devices", phone.Subscription("Chrome, Android")).Expect(HttpStatusCode.Created);
        var page = await browser.SignInAsync(cast.Parent, phone: true);
        var laptop = browser.Push.NewDevice();
        var status = await page.EvaluateAsync<int>("""
            async (body) => {
              await fetch('/api/v1/auth/csrf');
              const token = decodeURIComponent(document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='))?.split('=')[1] ?? '');
              const response = await fetch('/api/v1/me/devices', {
                method: 'POST', headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': token }, body: JSON.stringify(body) });
              return response.status;
            }
            """, laptop.Subscription("Firefox, Linux"));
        Assert.Equal(201, status);

        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Link, new() { Name = "Настройки уведомлений" }).ClickAsync();
        var list = page.GetByRole(AriaRole.List, new() { Name = "Устройства" });
        var phoneItem = list.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Chrome, Android" });
        var laptopItem = list.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Firefox, Linux" });
        await Expect(phoneItem).ToBeVisibleAsync();
        await Expect(laptopItem.GetByText("Это устройство")).ToBeVisibleAsync();
        await Expect(phoneItem.GetByText("Это устройство")).ToHaveCountAsync(0);

        await phoneItem.GetByRole(AriaRole.Button, new() { Name = "Удалить: Chrome, Android" }).ClickAsync();
        await Expect(phoneItem).ToHaveCountAsync(0);
        await Expect(laptopItem).ToBeVisibleAsync();
        var left = await cast.Parent.Client.GetJson<List<DeviceResponse>>("/api/v1/me/devices");
        Assert.Equal(new[] { "Firefox, Linux" }, left.Select(d => d.Device));
    }

    [Fact]
    public async Task A_chat_muted_from_its_header_shows_muted_in_the_list_and_after_a_reload_and_turns_back_on()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var page = await browser.SignInAsync(cast.Parent, phone: false);
        await BrowserFixture.OpenChatAsync(page, cast.School, "Родители 5А");
        var bell = page.GetByRole(AriaRole.Button, new() { Name = "Уведомления чата" });
        await bell.ClickAsync();
        await Expect(bell).ToHaveAttributeAsync("aria-expanded", "true");
        var menu = page.GetByRole(AriaRole.Group, new() { Name = "Уведомления чата" });
        await menu.GetByRole(AriaRole.Button, new() { Name = "Без уведомлений на час" }).ClickAsync();
        await Expect(menu).ToHaveCountAsync(0);

        var row = page.GetByRole(AriaRole.Navigation, new() { Name = "Список чатов" }).GetByRole(AriaRole.Link)
            .Filter(new() { Has = page.GetByText("Родители 5А", new() { Exact = true }) });
        // The server's clock stands at the next 21:30 in Moscow (the fixture), the browser's at the real time: after 21:30
        // Moscow time the hour ends on the browser's tomorrow, and the list names the day.
        await Expect(row).ToContainTextAsync(new Regex(@"Уведомления выключены до (\d+ [^ ]+, )?\d\d:\d\d"));
        var head = page.Locator(".conversation-head");
        await Expect(head).ToContainTextAsync("Уведомления выключены до");

        // Kept by the server: after a reload, "until turned on".
        await page.ReloadAsync();
        await Expect(row).ToContainTextAsync("Уведомления выключены до");
        await bell.ClickAsync();
        await menu.GetByRole(AriaRole.Button, new() { Name = "Без уведомлений, пока не включу" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Уведомления выключены");
        await Expect(row).Not.ToContainTextAsync("Уведомления выключены до");
        var chat = await cast.ChatAsync(cast.Parent, ChatKind.Parents);
        Assert.Equal(NotificationsApi.Forever, chat.NotificationsOffUntil);

        await page.ReloadAsync();
        await Expect(row).ToContainTextAsync("Уведомления выключены");
        await bell.ClickAsync();
        await menu.GetByRole(AriaRole.Button, new() { Name = "Включить уведомления" }).ClickAsync();
        await Expect(row).Not.ToContainTextAsync("Уведомления выключены");
        Assert.Null((await cast.ChatAsync(cast.Parent, ChatKind.Parents)).NotificationsOffUntil);
    }

    [Fact]
    public async Task At_night_the_teacher_sees_that_a_student_will_be_notified_in_the_morning()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var page = await browser.SignInAsync(cast.ClassTeacher, phone: false);
        await BrowserFixture.OpenChatAsync(page, cast.School, "Класс 5А");
        await page.GetByRole(AriaRole.Button, new() { Name = "Участники", Exact = true }).ClickAsync();
        var panel = page.GetByRole(AriaRole.Complementary, new() { Name = "Участники чата" });
        var student = panel.GetByRole(AriaRole.Listitem).Filter(new() { HasText = cast.Student.DisplayName });
        await Expect(student).ToContainTextAsync(new Regex(@"получит уведомление (\d+ [^ ]+ )?в 08:00"));
        // The teacher has no working hours set: told at once, so no such line.
        var colleague = panel.GetByRole(AriaRole.Listitem).Filter(new() { HasText = cast.SubjectTeacher.DisplayName });
        await Expect(colleague).ToBeVisibleAsync();
        await Expect(colleague).Not.ToContainTextAsync("получит уведомление");

        // In a personal chat, the same line under the name.
        var personal = await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url("/chats/personal"), new PersonalChatRequest(cast.Student.AccountId))
            .Read<ChatDetailResponse>(HttpStatusCode.Created);
        await page.GotoAsync($"/school/{cast.School.Id}/chats/{personal.Chat.Id}");
        await Expect(page.Locator(".conversation-head")).ToContainTextAsync(new Regex(@"получит уведомление (\d+ [^ ]+ )?в 08:00"));
    }

    [Fact]
    public async Task An_administrator_sets_the_schools_quiet_hours_time_zone_and_previews_in_the_console()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var page = await browser.SignInAsync(cast.Admin, phone: true);
        await page.GotoAsync($"/school/{cast.School.Id}/admin/settings");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Разделы" }).GetByRole(AriaRole.Link, new() { Name = "Уведомления" }).ClickAsync();
        await Expect(page.GetByLabel("Начало тихих часов")).ToHaveValueAsync("21:00");
        await Expect(page.GetByLabel("Часовой пояс школы")).ToHaveValueAsync("Europe/Moscow");

        await page.GetByLabel("Начало тихих часов").FillAsync("22:00");
        await page.GetByLabel("Конец тихих часов").FillAsync("07:30");
        await page.GetByRole(AriaRole.Switch, new() { Name = "Родители тоже" }).CheckAsync();
        await page.GetByLabel("Часовой пояс школы").SelectOptionAsync(new SelectOptionValue { Label = "Екатеринбург (UTC+5)" });
        await page.GetByRole(AriaRole.Radio, new() { Name = "Показывать текст взрослым (никогда — сообщения детей и детям)" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Сохранено." })).ToBeVisibleAsync();

        var policy = await cast.Admin.Client.GetJson<NotificationPolicyBody>(cast.School.Url("/notification-policy"));
        Assert.Equal(new NotificationPolicyBody("22:00", "07:30", true, "Asia/Yekaterinburg", PushPreview.Adults), policy);

        // A time left empty is named on its field.
        await page.GetByLabel("Конец тихих часов").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
        await Expect(page.GetByText("Время в виде ЧЧ:ММ, например 21:00.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Конец тихих часов")).ToHaveAttributeAsync("aria-invalid", "true");
    }
}
