using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sfera.Auth;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Moderation;
using Sfera.Schools;

namespace Sfera.Notifications;

public sealed record PushKeyResponse(string PublicKey);
/// <summary>A browser's push subscription as <c>PushSubscription.toJSON()</c> gives it, with a name for the list of devices.</summary>
public sealed record DeviceRequest(string Endpoint, string P256dh, string Auth, string? Device = null, string? Language = null);
public sealed record DeviceResponse(Guid Id, string Device, string Endpoint, DateTimeOffset CreatedAt, DateTimeOffset? LastSentAt, bool ThisSession);
/// <summary>Which kinds notify, and a teacher's working hours ("08:00"–"18:00", days 1 Monday … 7 Sunday).</summary>
public sealed record NotificationSettingsBody(
    bool Messages, bool Mentions, bool Calls, bool Announcements, bool WorkingHoursOn, string WorkStart, string WorkEnd, List<int> WorkDays);
public enum ChatNotifications { On, Hour, Day, Off }
public sealed record ChatNotificationsRequest(ChatNotifications Mode);
public sealed record ChatNotificationsResponse(DateTimeOffset? OffUntil);
/// <summary>The school's quiet hours for students ("21:00"–"08:00" in its IANA time zone), whether parents keep them too,
/// and whether pushes may show a message's text (to adults, of adults' messages, never a minor's).</summary>
public sealed record NotificationPolicyBody(string QuietStart, string QuietEnd, bool QuietForParents, string TimeZone, PushPreview Preview);

public static class NotificationsApi
{
    /// <summary>A chat's notifications turned off "until turned on".</summary>
    public static readonly DateTimeOffset Forever = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void MapNotifications(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/api/v1/me").WithTags("Notifications").RequireAuthorization();
        me.MapGet("/push-key", Key).WithSummary("The server's VAPID public key, for PushManager.subscribe.");
        me.MapGet("/devices", Devices).WithSummary("The caller's devices that receive notifications.");
        me.MapPost("/devices", AddDevice).RequireRateLimiting(RateLimits.AccountChanges)
            .WithSummary("This browser receives notifications (its push subscription); again with the same endpoint updates it.");
        me.MapDelete("/devices/{id:guid}", RemoveDevice).WithSummary("A device stops receiving notifications.");
        me.MapGet("/notification-settings", Settings).WithSummary("Which kinds of notifications the caller receives, and their working hours.");
        me.MapPut("/notification-settings", SaveSettings).WithSummary("Changes which kinds notify and the working hours (outside them, notifications wait).");

        var chat = routes.MapChatGroup("Notifications");
        chat.MapPut("/notifications", ChatMode).WithSummary("Turns a chat's notifications off for an hour, a day or until turned on (mentions, calls and announcements still come), or on.");

        var school = routes.MapSchoolGroup("Notifications");
        school.MapGet("/notification-policy", Policy).WithSummary("Administrators: the school's quiet hours and notification previews.");
        school.MapPut("/notification-policy", SavePolicy).WithSummary("Administrators set the students' quiet hours, whether parents keep them, the time zone and previews.");
    }

    private static async Task<Ok<PushKeyResponse>> Key(VapidKeys keys) => TypedResults.Ok(new PushKeyResponse((await keys.GetAsync()).Public));

    private static async Task<Ok<List<DeviceResponse>>> Devices(CurrentUser me, HttpContext http, SferaDb db)
    {
        var session = Sessions.IdOf(http.User);
        var rows = await db.PushSubscriptions.AsNoTracking().Where(s => s.AccountId == me.Id).OrderBy(s => s.CreatedAt).ToListAsync();
        return TypedResults.Ok(rows.Select(s => new DeviceResponse(s.Id, s.Device, s.Endpoint, s.CreatedAt, s.LastSentAt, s.SessionId == session)).ToList());
    }

    private static async Task<Results<Created<DeviceResponse>, ValidationProblem>> AddDevice(
        DeviceRequest request, CurrentUser me, HttpContext http, SferaDb db, IOptions<PushOptions> options, TimeProvider clock)
    {
        var v = new Validator().Text(request.Endpoint, "endpoint", 1000).Text(request.P256dh, "p256dh", 100).Text(request.Auth, "auth", 50)
            .Text(request.Device, "device", 100, required: false);
        if (v.IsValid)
            v.Check(options.Value.IsAllowedEndpoint(request.Endpoint), "endpoint", "push_endpoint")
                .Check(Decode(request.P256dh) is { Length: 65 } point && point[0] == 4, "p256dh", "invalid")
                .Check(Decode(request.Auth) is { Length: 16 }, "auth", "invalid");
        if (!v.IsValid) return v.Problem();
        var endpoint = request.Endpoint.Trim();
        // One browser is one device: signing in as someone else there moves it to them.
        var device = await db.PushSubscriptions.FirstOrDefaultAsync(s => s.Endpoint == endpoint);
        if (device is null) db.PushSubscriptions.Add(device = new PushSubscription { Id = Guid.CreateVersion7(), Endpoint = endpoint, CreatedAt = clock.GetUtcNow() });
        device.AccountId = me.Id;
        device.SessionId = Sessions.IdOf(http.User) ?? Guid.Empty;
        device.P256dh = request.P256dh.Trim();
        device.Auth = request.Auth.Trim();
        device.Device = request.Device?.Trim() ?? "";
        device.Language = request.Language == "en" ? "en" : "ru";
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException)
        {
            // The same browser subscribing twice at once: the other request stored it.
            db.ChangeTracker.Clear();
            device = await db.PushSubscriptions.AsNoTracking().FirstAsync(s => s.Endpoint == endpoint);
        }
        return TypedResults.Created($"/api/v1/me/devices/{device.Id}",
            new DeviceResponse(device.Id, device.Device, device.Endpoint, device.CreatedAt, device.LastSentAt, true));
    }

    private static byte[]? Decode(string value)
    {
        try { return Convert.FromBase64String(value.Trim().Replace('-', '+').Replace('_', '/').PadRight((value.Trim().Length + 3) / 4 * 4, '=')); }
        catch (FormatException) { return null; }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveDevice(Guid id, CurrentUser me, SferaDb db) =>
        await db.PushSubscriptions.Where(s => s.Id == id && s.AccountId == me.Id).ExecuteDeleteAsync() == 1 ? TypedResults.NoContent() : Problems.NotFound();

    private static async Task<Ok<NotificationSettingsBody>> Settings(CurrentUser me, SferaDb db) =>
        TypedResults.Ok(Body(await db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync(n => n.AccountId == me.Id) ?? new NotificationSettings()));

    private static NotificationSettingsBody Body(NotificationSettings s) => new(s.Messages, s.Mentions, s.Calls, s.Announcements, s.WorkingHoursOn,
        Clock(s.WorkStart), Clock(s.WorkEnd), Enumerable.Range(0, 7).Where(d => ((s.WorkDays >> d) & 1) == 1).Select(d => d + 1).ToList());

    private static async Task<Results<Ok<NotificationSettingsBody>, ValidationProblem>> SaveSettings(NotificationSettingsBody request, CurrentUser me, SferaDb db)
    {
        var start = Minutes(request.WorkStart);
        var end = Minutes(request.WorkEnd);
        var days = request.WorkDays ?? [];
        var v = new Validator().Check(start is not null, "workStart", "time_of_day").Check(end is not null, "workEnd", "time_of_day");
        if (v.IsValid) v.Check(start < end, "workEnd", "range");
        v.Check(days.All(d => d is >= 1 and <= 7), "workDays", "range").Check(!request.WorkingHoursOn || days.Count > 0, "workDays", "required");
        if (!v.IsValid) return v.Problem();
        var row = await db.NotificationSettings.FirstOrDefaultAsync(n => n.AccountId == me.Id);
        if (row is null) db.NotificationSettings.Add(row = new NotificationSettings { AccountId = me.Id });
        row.Messages = request.Messages;
        row.Mentions = request.Mentions;
        row.Calls = request.Calls;
        row.Announcements = request.Announcements;
        row.WorkingHoursOn = request.WorkingHoursOn;
        row.WorkStart = start!.Value;
        row.WorkEnd = end!.Value;
        row.WorkDays = days.Distinct().Sum(d => 1 << (d - 1));
        await db.SaveChangesAsync();
        return TypedResults.Ok(Body(row));
    }

    private static async Task<Ok<ChatNotificationsResponse>> ChatMode(ChatMembership access, ChatNotificationsRequest request, SferaDb db, TimeProvider clock)
    {
        DateTimeOffset? until = request.Mode switch
        {
            ChatNotifications.Hour => clock.GetUtcNow().AddHours(1),
            ChatNotifications.Day => clock.GetUtcNow().AddDays(1),
            ChatNotifications.Off => Forever,
            _ => null,
        };
        await db.ChatMembers.Where(m => m.Id == access.Member.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.NotificationsOffUntil, until));
        return TypedResults.Ok(new ChatNotificationsResponse(until));
    }

    private static async Task<Results<Ok<NotificationPolicyBody>, ProblemHttpResult>> Policy(SchoolMember member, SferaDb db)
    {
        if (!member.IsAdmin) return Problems.Forbidden();
        return TypedResults.Ok(PolicyOf(await db.Schools.AsNoTracking().FirstAsync(x => x.Id == member.SchoolId)));
    }

    private static NotificationPolicyBody PolicyOf(School s) => new(Clock(s.QuietStart), Clock(s.QuietEnd), s.QuietForParents, s.TimeZone, s.PushPreview);

    private static async Task<Results<Ok<NotificationPolicyBody>, ProblemHttpResult, ValidationProblem>> SavePolicy(
        SchoolMember member, NotificationPolicyBody request, SferaDb db, TimeProvider clock)
    {
        if (!member.IsAdmin) return Problems.Forbidden();
        var start = Minutes(request.QuietStart);
        var end = Minutes(request.QuietEnd);
        var v = new Validator().Check(start is not null, "quietStart", "time_of_day").Check(end is not null, "quietEnd", "time_of_day")
            .Check(request.TimeZone is { Length: > 0 and <= 64 } zone && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _), "timeZone", "time_zone")
            .Check(Enum.IsDefined(request.Preview), "preview", "enum");
        if (!v.IsValid) return v.Problem();
        var school = await db.Schools.FirstAsync(x => x.Id == member.SchoolId);
        school.QuietStart = start!.Value;
        school.QuietEnd = end!.Value;
        school.QuietForParents = request.QuietForParents;
        school.TimeZone = request.TimeZone;
        school.PushPreview = request.Preview;
        db.AuditEntries.Add(Audit.Entry(member, "school.notifications", null, school.Id,
            $"quiet {request.QuietStart}–{request.QuietEnd} {request.TimeZone}, parents {request.QuietForParents}, preview {request.Preview}", clock));
        await db.SaveChangesAsync();
        return TypedResults.Ok(PolicyOf(school));
    }

    /// <summary>"HH:MM" to minutes after midnight, or null.</summary>
    public static int? Minutes(string? time) =>
        TimeOnly.TryParseExact(time?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t.Hour * 60 + t.Minute : null;

    public static string Clock(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";
}
