using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Messages;
using Sfera.Moderation;
using Sfera.Notifications;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>A server that posts to a push-service stand-in, with the school's clock at midday in Moscow (out of quiet hours).</summary>
public sealed class PushFixture : IAsyncLifetime
{
    public SferaApp App { get; private set; } = null!;
    public PushService Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Service = await PushService.StartAsync();
        App = new SferaApp(PushService.ServerSettings);
        App.Clock.Advance(PushTests.UntilMoscow(App.Clock.GetUtcNow(), 12, 0));
        Service.ExpectedKey = (await (await Cast.CreateSchoolAsync(App)).Admin.Client.GetJson<PushKeyResponse>("/api/v1/me/push-key")).PublicKey;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Service.DisposeAsync();
    }
}

/// <summary>
/// Web Push end to end: a message becomes a push that a push service accepts (a VAPID token it verifies) and a device
/// decrypts (RFC 8291), saying who wrote in which chat and, on a lock screen, never more than the school allows.
/// </summary>
public sealed class PushTests(PushFixture fixture) : IClassFixture<PushFixture>
{
    private SferaApp App => fixture.App;
    private PushService Service => fixture.Service;

    /// <summary>How far from <paramref name="now"/> the next <paramref name="hour"/>:<paramref name="minute"/> in Moscow is.</summary>
    public static TimeSpan UntilMoscow(DateTimeOffset now, int hour, int minute)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var target = new DateTimeOffset(local.Date.AddHours(hour).AddMinutes(minute), local.Offset);
        if (target <= local) target = target.AddDays(1);
        return target - local;
    }

    internal static async Task<PushDevice> SubscribeAsync(PushService service, Person who, string language = "ru")
    {
        var device = service.NewDevice();
        await who.Client.PostJsonAsync("/api/v1/me/devices", device.Subscription(language: language)).Expect(HttpStatusCode.Created);
        return device;
    }

    internal static Task<MessageResponse> SendAsync(SchoolCast cast, Person who, Guid chatId, string text, List<Guid>? mentions = null, bool urgent = false) =>
        who.Client.PostJsonAsync(cast.School.Url($"/chats/{chatId}/messages"), new SendMessageRequest(Guid.NewGuid().ToString(), text, Mentions: mentions, Urgent: urgent))
            .Read<MessageResponse>(HttpStatusCode.Created);

    [Fact]
    public async Task A_message_reaches_a_closed_tab_as_a_signed_encrypted_push_naming_chat_and_sender_but_not_the_text()
    {
        var cast = await SchoolCast.CreateAsync(App);
        var phone = await SubscribeAsync(Service, cast.Parent);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Parents);

        var sent = await SendAsync(cast, cast.ClassTeacher, chat.Id, "Завтра родительское собрание в 18:00, кабинет 12");

        var push = await phone.NextAsync();
        Assert.Empty(Service.Refusals);
        Assert.Equal("message", push.Kind);
        Assert.Equal("Родители 5А", push.ChatName);
        Assert.Equal("Мария Ивановна Петрова", push.SenderName);
        Assert.Equal("Родители 5А", push.Title);
        Assert.Equal("Мария Ивановна Петрова: новое сообщение", push.Body);
        // Previews are off unless the school turns them on: the text is in no part of the push.
        Assert.Null(push.Text);
        Assert.DoesNotContain("собрание", push.Payload.GetRawText(), StringComparison.Ordinal);
        Assert.Equal($"/school/{cast.School.Id}/chats/{chat.Id}", push.Payload.GetProperty("url").GetString());
        Assert.Equal(chat.Id.ToString("N"), push.Topic);
        Assert.True(push.Payload.GetProperty("unread").GetInt32() >= 1);
        // The sender's own devices, and people with no device, get nothing; the message itself is stored as ever.
        Assert.Single(phone.Received);
        Assert.Equal(sent.Id, (await cast.Parent.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chat.Id}/messages"))).Items.Single().Id);
    }

    [Fact]
    public async Task Previews_show_text_only_to_adults_of_adults_never_a_minors_text_or_on_a_minors_screen()
    {
        var cast = await SchoolCast.CreateAsync(App);
        await cast.Admin.Client.PutJsonAsync(cast.School.Url("/notification-policy"), new NotificationPolicyBody("21:00", "08:00", false, "Europe/Moscow", PushPreview.Adults))
            .Expect(HttpStatusCode.OK);
        var parentPhone = await SubscribeAsync(Service, cast.Parent, "en");
        var studentPhone = await SubscribeAsync(Service, cast.Student);
        var teacherLaptop = await SubscribeAsync(Service, cast.ClassTeacher);

        // An adult to an adult: the text, in the device's language.
        var parents = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Parents);
        await SendAsync(cast, cast.ClassTeacher, parents.Id, "Собрание переносится на четверг");
        var toParent = await parentPhone.NextAsync();
        Assert.Equal("Собрание переносится на четверг", toParent.Text);
        Assert.Equal("Мария Ивановна Петрова: Собрание переносится на четверг", toParent.Body);
        Assert.Equal("5А parents", toParent.Title);
        Assert.Equal("en", toParent.Payload.GetProperty("lang").GetString());

        // An adult to a minor: no text on the child's screen.
        var classChat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class);
        await SendAsync(cast, cast.ClassTeacher, classChat.Id, "Не забудьте сменную обувь");
        var toStudent = await studentPhone.NextAsync();
        Assert.Null(toStudent.Text);
        Assert.DoesNotContain("обувь", toStudent.Payload.GetRawText(), StringComparison.Ordinal);

        // A minor's message to an adult: no text on the teacher's screen either.
        await SendAsync(cast, cast.Student, classChat.Id, "Мария Ивановна, я заболел");
        var fromStudent = await teacherLaptop.NextAsync();
        Assert.Equal("Иван Сидоров", fromStudent.SenderName);
        Assert.Null(fromStudent.Text);
        Assert.DoesNotContain("заболел", fromStudent.Payload.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(Service.Refusals);
    }

    [Fact]
    public async Task A_muted_chat_sends_nothing_but_a_mention_in_it_does()
    {
        var cast = await SchoolCast.CreateAsync(App);
        var phone = await SubscribeAsync(Service, cast.Parent);
        var chat = await cast.ChatAsync(cast.Parent, ChatKind.Parents);
        var muted = await cast.Parent.Client.PutJsonAsync(cast.School.Url($"/chats/{chat.Id}/notifications"), new ChatNotificationsRequest(ChatNotifications.Off))
            .Read<ChatNotificationsResponse>();
        Assert.True(muted.OffUntil > App.Clock.GetUtcNow().AddYears(100));
        Assert.Equal(muted.OffUntil, (await cast.ChatAsync(cast.Parent, ChatKind.Parents)).NotificationsOffUntil);

        await SendAsync(cast, cast.OtherParent, chat.Id, "Кто идёт на экскурсию?");
        await SendAsync(cast, cast.ClassTeacher, chat.Id, "Ольга, подпишите, пожалуйста, согласие", [cast.Parent.AccountId]);

        // Pushes are worked out in the order messages were stored: once the mention is here, the first was passed over.
        var push = await phone.NextAsync();
        Assert.Equal("mention", push.Kind);
        Assert.Equal("Мария Ивановна Петрова упоминает вас", push.Body);
        await Task.Delay(300);
        Assert.Single(phone.Received);

        // On again: a plain message notifies.
        await cast.Parent.Client.PutJsonAsync(cast.School.Url($"/chats/{chat.Id}/notifications"), new ChatNotificationsRequest(ChatNotifications.On)).Expect(HttpStatusCode.OK);
        await SendAsync(cast, cast.OtherParent, chat.Id, "Я иду");
        Assert.Equal("message", (await phone.NextAsync(1)).Kind);
    }

    [Fact]
    public async Task A_device_the_push_service_has_forgotten_is_removed()
    {
        var cast = await SchoolCast.CreateAsync(App);
        var gone = await SubscribeAsync(Service, cast.Parent);
        var kept = await SubscribeAsync(Service, cast.Parent);
        gone.Answer = HttpStatusCode.Gone;
        Assert.Equal(2, (await cast.Parent.Client.GetJson<List<DeviceResponse>>("/api/v1/me/devices")).Count);

        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Parents);
        await SendAsync(cast, cast.ClassTeacher, chat.Id, "Проверка связи");
        await kept.NextAsync();

        var devices = await WaitForAsync(async () => await cast.Parent.Client.GetJson<List<DeviceResponse>>("/api/v1/me/devices"), d => d.Count == 1);
        Assert.Equal(kept.Endpoint, Assert.Single(devices).Endpoint);
    }

    [Fact]
    public async Task Devices_are_ones_own_and_signing_out_of_a_browser_stops_its_notifications()
    {
        var cast = await SchoolCast.CreateAsync(App);
        var laptop = Service.NewDevice();
        var device = await cast.Parent.Client.PostJsonAsync("/api/v1/me/devices", laptop.Subscription("Chrome, Linux")).Read<DeviceResponse>(HttpStatusCode.Created);
        Assert.True(device.ThisSession);
        Assert.Equal("Chrome, Linux", device.Device);

        // Nobody else sees or removes it.
        Assert.Empty(await cast.OtherParent.Client.GetJson<List<DeviceResponse>>("/api/v1/me/devices"));
        await cast.OtherParent.Client.DeleteAsync($"/api/v1/me/devices/{device.Id}").Expect(HttpStatusCode.NotFound);
        await cast.Admin.Client.DeleteAsync($"/api/v1/me/devices/{device.Id}").Expect(HttpStatusCode.NotFound);
        Assert.Single(await cast.Parent.Client.GetJson<List<DeviceResponse>>("/api/v1/me/devices"));

        // Only a browser's push service is an address the server posts to: never an address of the school's network.
        foreach (var endpoint in new[] { "http://10.0.0.5/admin", "https://intranet.school.local/push", "ftp://127.0.0.1/x", "not a url" })
        {
            var problem = await cast.Parent.Client.PostJsonAsync("/api/v1/me/devices", new { endpoint, p256dh = PushService.Base64Url(laptop.PublicKey), auth = "AAAAAAAAAAAAAAAAAAAAAA" })
                .Problem(HttpStatusCode.BadRequest);
            Assert.Equal(["endpoint"], problem.Fields());
        }
        var badKey = await cast.Parent.Client.PostJsonAsync("/api/v1/me/devices", new { endpoint = laptop.Endpoint + "x", p256dh = "AAAA", auth = "AAAA" })
            .Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["auth", "p256dh"], badKey.Fields().Order());

        // Signed out of that browser: the device is gone and gets nothing more.
        await cast.Parent.Client.PostJsonAsync("/api/v1/auth/sign-out").Expect(HttpStatusCode.NoContent);
        var again = await Cast.SignInAsync(App, cast.Parent.Login, cast.Parent.Password);
        Assert.Empty(await again.GetJson<List<DeviceResponse>>("/api/v1/me/devices"));
    }

    [Fact]
    public async Task Settings_switch_kinds_off_and_validate_working_hours()
    {
        var cast = await SchoolCast.CreateAsync(App);
        var settings = await cast.Parent.Client.GetJson<NotificationSettingsBody>("/api/v1/me/notification-settings");
        Assert.True(settings.Messages && settings.Mentions && settings.Calls && settings.Announcements);
        var problem = await cast.ClassTeacher.Client.PutJsonAsync("/api/v1/me/notification-settings", settings with { WorkingHoursOn = true, WorkStart = "25:00", WorkDays = [] })
            .Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["workDays", "workStart"], problem.Fields().Order());

        var phone = await SubscribeAsync(Service, cast.Parent);
        await cast.Parent.Client.PutJsonAsync("/api/v1/me/notification-settings", settings with { Messages = false }).Expect(HttpStatusCode.OK);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Parents);
        await SendAsync(cast, cast.ClassTeacher, chat.Id, "Обычное сообщение");
        var announcements = await cast.ChatAsync(cast.Admin, ChatKind.Announcements);
        await SendAsync(cast, cast.Admin, announcements.Id, "Каникулы с 28 октября");
        var push = await phone.NextAsync();
        Assert.Equal("announcement", push.Kind);
        Assert.Equal("Объявления", push.Title);
        await Task.Delay(300);
        Assert.Single(phone.Received);
    }

    internal static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(100);
        }
    }
}

/// <summary>Quiet hours and restarts, each on a server of its own: they move its clock or stop it.</summary>
public sealed class PushTimingTests
{
    [Fact]
    public async Task A_students_pushes_wait_out_the_night_and_come_as_one_summary_while_an_urgent_announcement_pierces_it()
    {
        await using var service = await PushService.StartAsync();
        await using var app = new SferaApp(PushService.ServerSettings);
        // Half past nine in the evening, in the school's time zone (the clock moves before anyone signs in: sessions follow it).
        app.Clock.Advance(PushTests.UntilMoscow(app.Clock.GetUtcNow(), 21, 30));
        var cast = await SchoolCast.CreateAsync(app);
        var studentPhone = await PushTests.SubscribeAsync(service, cast.Student);
        var teacherPhone = await PushTests.SubscribeAsync(service, cast.SubjectTeacher);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class);

        // The sender sees when the student will hear of it; a teacher with no working hours set is not held.
        var detail = await cast.ClassTeacher.Client.GetJson<ChatDetailResponse>(cast.School.Url($"/chats/{chat.Id}"));
        var morning = app.Clock.GetUtcNow() + PushTests.UntilMoscow(app.Clock.GetUtcNow(), 8, 0);
        Assert.Equal(morning, detail.Members.Single(m => m.AccountId == cast.Student.AccountId).QuietUntil);
        Assert.Null(detail.Members.Single(m => m.AccountId == cast.SubjectTeacher.AccountId).QuietUntil);

        await PushTests.SendAsync(cast, cast.ClassTeacher, chat.Id, "Домашнее задание на завтра: §12");
        await PushTests.SendAsync(cast, cast.ClassTeacher, chat.Id, "И упражнение 5");
        // The teacher's pushes come at once; the student's, worked out from the same messages, wait.
        await PushTests.WaitForAsync(() => Task.FromResult(teacherPhone.Received.Sum(p => p.Count)), n => n >= 2);
        Assert.Equal(2, teacherPhone.Received.Sum(p => p.Count));
        await Task.Delay(300);
        Assert.Empty(studentPhone.Received);

        // An administrator's urgent announcement goes through the night, and is on the record.
        var announcements = await cast.ChatAsync(cast.Admin, ChatKind.Announcements);
        var notUrgent = await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/chats/{announcements.Id}/messages"),
            new SendMessageRequest(Guid.NewGuid().ToString(), "Срочно!", Urgent: true)).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(403, notUrgent.GetProperty("status").GetInt32());
        var urgent = await PushTests.SendAsync(cast, cast.Admin, announcements.Id, "Завтра занятий нет: авария на теплотрассе", urgent: true);
        var pierced = await studentPhone.NextAsync();
        Assert.Equal("announcement", pierced.Kind);
        Assert.Equal("Срочное объявление от " + cast.Admin.DisplayName, pierced.Body);
        Assert.Equal("high", pierced.Urgency);
        var audit = await cast.Admin.Client.GetJson<List<AuditEntryResponse>>(cast.School.Url("/audit"));
        var entry = Assert.Single(audit, a => a.Action == "announcement.urgent");
        Assert.Equal(urgent.Id, entry.TargetId);
        Assert.Equal(cast.Admin.AccountId, entry.Actor.AccountId);

        // 07:59: still nothing more. 08:00: both messages, as one push.
        app.Clock.Advance(morning - app.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        await Task.Delay(400);
        Assert.Single(studentPhone.Received);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var summary = await studentPhone.NextAsync(1);
        Assert.Equal("summary", summary.Kind);
        Assert.Equal(2, summary.Count);
        Assert.Equal("5А", summary.Title);
        Assert.Equal("2 новых сообщения, последнее от Мария Ивановна Петрова", summary.Body);
        await Task.Delay(400);
        Assert.Equal(2, studentPhone.Received.Count);
        Assert.Empty(service.Refusals);
    }

    [Fact]
    public async Task A_push_queued_before_a_restart_is_sent_after_it()
    {
        await using var service = await PushService.StartAsync();
        await using var first = new SferaApp(PushService.ServerSettings);
        first.Clock.Advance(PushTests.UntilMoscow(first.Clock.GetUtcNow(), 12, 0));
        var cast = await SchoolCast.CreateAsync(first);
        var phone = await PushTests.SubscribeAsync(service, cast.Parent);
        // The push service is down: the push is tried, refused, and waits in the database for its retry.
        phone.Answer = HttpStatusCode.ServiceUnavailable;
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Parents);
        await PushTests.SendAsync(cast, cast.ClassTeacher, chat.Id, "Фотографии с праздника в альбоме");
        await Task.Delay(1000);
        Assert.Empty(phone.Received);
        // The server stops (its memory goes with it); the push service comes back; another server starts on the same data.
        first.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await Task.Delay(500);
        phone.Answer = HttpStatusCode.Created;
        await using var second = SferaApp.SecondNodeOf(first, PushService.ServerSettings);
        _ = second.Server;
        first.Clock.Advance(TimeSpan.FromMinutes(3)); // past the retry's backoff and the first server's claim
        var push = await phone.NextAsync();
        Assert.Equal("Ольга Сидорова", cast.Parent.DisplayName);
        Assert.Equal("Мария Ивановна Петрова: новое сообщение", push.Body);
        await Task.Delay(500);
        Assert.Single(phone.Received);
    }
}
