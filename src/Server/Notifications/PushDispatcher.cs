using System.Net;
using System.Text.Json;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Realtime;
using WebPushSubscription = Lib.Net.Http.WebPush.PushSubscription;

namespace Sfera.Notifications;

/// <summary>What a device's service worker receives (JSON, encrypted for the device; read by web/src/sw/service-worker.ts).
/// Title and body are written in the device's language (Lang); Tag and Url let a newer push for the chat replace the
/// notification and a click open the chat; Unread sets the app's badge.</summary>
public sealed record PushPayload(
    string Kind, string Title, string Body, string Tag, string Url, Guid SchoolId, Guid ChatId, string ChatName, string SenderName,
    int Count, string? Text, int Unread, string Lang);

/// <summary>
/// Notifications, from the database and back, so that a restart loses none: the message writer leaves a
/// <see cref="PushJob"/> in each message's own transaction; this works out who is told (members without an open tab,
/// by their switches, mutes and quiet hours) into <see cref="PendingPush"/> rows due now or when the quiet ends; those
/// due become one push per person and chat (a summary when several wait) for each of their devices
/// (<see cref="PushDelivery"/>), which are sent with VAPID and retried with backoff. A device its push service no longer
/// knows (404, 410) is forgotten. Every step claims its rows in the database, so several nodes can run it side by side.
/// </summary>
public sealed class PushDispatcher : BackgroundService
{
    private readonly IServiceScopeFactory scopes;
    private readonly IOptions<PushOptions> options;
    private readonly VapidKeys vapid;
    private readonly PresenceTracker presence;
    private readonly TimeProvider clock;
    private readonly ILogger<PushDispatcher> log;
    private readonly IHttpMessageHandlerFactory handlers;
    private readonly SemaphoreSlim wake = new(0);

    public PushDispatcher(IServiceScopeFactory scopes, IOptions<PushOptions> options, VapidKeys vapid, PresenceTracker presence,
        TimeProvider clock, ILogger<PushDispatcher> log, IHttpMessageHandlerFactory handlers)
    {
        this.scopes = scopes;
        this.options = options;
        this.vapid = vapid;
        this.presence = presence;
        this.clock = clock;
        this.log = log;
        this.handlers = handlers;
    }

    /// <summary>Asks for a look at the queue now (messages were just stored on this node).</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0) wake.Release();
    }

    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Each step runs until its queue has nothing due, so a burst drains at once.
                while (await FanOutAsync() == Batch) { }
                while (await CollectAsync() == Batch) { }
                while (await SendAsync(stoppingToken) == Batch) { }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "Sending notifications failed; trying again shortly.");
            }
            try
            {
                // Woken by a commit: wait a moment for the messages right behind it, so a busy school's sends are worked
                // out a few hundred at a time, not each in a transaction of its own beside the message writer's.
                if (await wake.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken))
                    await Task.Delay(TimeSpan.FromMilliseconds(options.Value.GatherMilliseconds), stoppingToken);
            }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>Step 1: stored messages to the people who should hear of them, and when.</summary>
    private async Task<int> FanOutAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
        // Everything is read first, outside any transaction: the write lock (on SQLite one for all, which the message
        // writer needs too) is held only to claim the jobs and store what came of them.
        var ids = await db.PushJobs.AsNoTracking().OrderBy(j => j.CreatedAt).Select(j => j.MessageId).Take(Batch).ToListAsync();
        if (ids.Count == 0) return 0;
        var now = clock.GetUtcNow();
        var messages = await db.Messages.IgnoreQueryFilters().AsNoTracking().Where(m => ids.Contains(m.Id) && m.DeletedAt == null)
            .Select(m => new { m.Id, m.SchoolId, m.ChatId, m.SenderId, m.Seq, m.MentionsAll, m.RequiresConfirmation, m.Urgent, m.CallNote, m.CreatedAt })
            .ToListAsync();
        var chatIds = messages.Select(m => m.ChatId).Distinct().ToList();
        // Only members with a device to tell, and without a tab open that shows it already.
        var members = (await db.ChatMembers.IgnoreQueryFilters().AsNoTracking()
                .Where(m => chatIds.Contains(m.ChatId) && db.PushSubscriptions.Any(s => s.AccountId == m.AccountId))
                .Select(m => new { m.ChatId, m.AccountId, m.NotificationsOffUntil }).ToListAsync())
            .GroupBy(m => m.ChatId).ToDictionary(g => g.Key, g => g.ToList());
        var subscribed = members.Values.SelectMany(l => l.Select(m => m.AccountId)).ToHashSet();
        var online = subscribed.Count == 0 ? [] : await presence.OnlineAsync(subscribed);
        subscribed.ExceptWith(online);
        var pending = new List<PendingPush>();
        if (subscribed.Count > 0)
        {
            var kinds = await db.Chats.IgnoreQueryFilters().AsNoTracking().Where(c => chatIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Kind);
            var listed = subscribed.ToList();
            var messageIds = messages.Select(m => m.Id).ToList();
            var mentioned = (await db.Mentions.IgnoreQueryFilters().AsNoTracking().Where(m => messageIds.Contains(m.MessageId) && listed.Contains(m.AccountId))
                .Select(m => new { m.MessageId, m.AccountId }).ToListAsync()).Select(m => (m.MessageId, m.AccountId)).ToHashSet();
            var settings = await db.NotificationSettings.AsNoTracking().Where(n => listed.Contains(n.AccountId)).ToDictionaryAsync(n => n.AccountId);
            foreach (var school in messages.GroupBy(m => m.SchoolId))
            {
                var schoolRow = await db.Schools.IgnoreQueryFilters().AsNoTracking().FirstAsync(s => s.Id == school.Key);
                var zone = QuietHours.ZoneOf(schoolRow);
                var inSchool = school.SelectMany(m => members.GetValueOrDefault(m.ChatId) ?? []).Select(m => m.AccountId).Where(subscribed.Contains).Distinct().ToList();
                var facts = await PersonFacts.LoadAsync(db, school.Key, inSchool);
                var quiet = new Dictionary<Guid, DateTimeOffset?>();
                foreach (var message in school)
                    foreach (var member in members.GetValueOrDefault(message.ChatId) ?? [])
                    {
                        if (member.AccountId == message.SenderId || !subscribed.Contains(member.AccountId) || !facts.TryGetValue(member.AccountId, out var who)) continue;
                        var kind = KindOf(kinds[message.ChatId], message.CallNote, message.MentionsAll || mentioned.Contains((message.Id, member.AccountId)), message.RequiresConfirmation);
                        if (kind is null) continue;
                        var mine = settings.GetValueOrDefault(member.AccountId) ?? new NotificationSettings();
                        if (!message.Urgent && !Wanted(kind.Value, mine, member.NotificationsOffUntil > now)) continue;
                        if (!quiet.TryGetValue(member.AccountId, out var until))
                            quiet[member.AccountId] = until = QuietHours.Until(now, zone, QuietHours.RulesOf(schoolRow, who, mine));
                        pending.Add(new PendingPush
                        {
                            Id = Guid.CreateVersion7(), AccountId = member.AccountId, SchoolId = message.SchoolId, ChatId = message.ChatId, MessageId = message.Id,
                            Seq = message.Seq, Kind = kind.Value, DueAt = message.Urgent || until is null ? now : until.Value, CreatedAt = now,
                        });
                    }
            }
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        // Claimed by deleting: when another node took some of these at the same moment, the rest wait for the next look.
        if (await db.PushJobs.Where(j => ids.Contains(j.MessageId)).ExecuteDeleteAsync() != ids.Count) return ids.Count;
        db.PendingPushes.AddRange(pending);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return ids.Count;
    }

    /// <summary>What a message is to one member, or null when it tells them nothing (a call's end, say).</summary>
    public static PushKind? KindOf(ChatKind chat, CallNote? note, bool mentionsThem, bool asksConfirmation) => note switch
    {
        CallNote.Started => PushKind.Call,
        CallNote.Missed => PushKind.MissedCall,
        not null => null,
        _ when asksConfirmation => PushKind.Confirm,
        _ when mentionsThem => PushKind.Mention,
        _ when chat == ChatKind.Announcements => PushKind.Announcement,
        _ => PushKind.Message,
    };

    /// <summary>A person's switches, and a muted chat, which only mentions, requests, calls and announcements get through.</summary>
    public static bool Wanted(PushKind kind, NotificationSettings settings, bool chatMuted) => kind switch
    {
        PushKind.Message => settings.Messages && !chatMuted,
        PushKind.Mention or PushKind.Confirm => settings.Mentions,
        PushKind.Call or PushKind.MissedCall => settings.Calls,
        PushKind.Announcement => settings.Announcements,
        _ => false,
    };

    /// <summary>Step 2: what is due, as one push per person and chat, for each of their devices.</summary>
    private async Task<int> CollectAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
        var now = clock.GetUtcNow();
        var due = await db.PendingPushes.AsNoTracking().Where(p => p.DueAt <= now).OrderBy(p => p.DueAt).Take(Batch).ToListAsync();
        if (due.Count == 0) return 0;
        var people = due.Select(p => p.AccountId).Distinct().ToList();
        var chatIds = due.Select(p => p.ChatId).Distinct().ToList();
        var messageIds = due.Select(p => p.MessageId).ToList();
        var online = await presence.OnlineAsync(people);
        var devices = (await db.PushSubscriptions.AsNoTracking().Where(s => people.Contains(s.AccountId)).ToListAsync()).ToLookup(s => s.AccountId);
        var readTo = await db.ChatMembers.IgnoreQueryFilters().AsNoTracking().Where(m => chatIds.Contains(m.ChatId) && people.Contains(m.AccountId))
            .ToDictionaryAsync(m => (m.ChatId, m.AccountId), m => m.LastReadSeq);
        var chats = await db.Chats.IgnoreQueryFilters().AsNoTracking().Where(c => chatIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Kind, c.Title, c.SchoolId, ClassName = db.Classes.IgnoreQueryFilters().Where(k => k.Id == c.ClassId).Select(k => k.Name).FirstOrDefault() })
            .ToDictionaryAsync(c => c.Id);
        var messages = await db.Messages.IgnoreQueryFilters().AsNoTracking().Where(m => messageIds.Contains(m.Id))
            .Select(m => new { m.Id, m.SenderId, m.Text, m.Urgent, m.DeletedAt, Sender = db.Users.Where(u => u.Id == m.SenderId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToDictionaryAsync(m => m.Id);
        var schools = await db.Schools.IgnoreQueryFilters().AsNoTracking().Where(s => chats.Values.Select(c => c.SchoolId).Contains(s.Id)).ToDictionaryAsync(s => s.Id);

        var deliveries = new List<PushDelivery>();
        foreach (var group in due.GroupBy(p => (p.AccountId, p.ChatId)))
        {
            var (accountId, chatId) = group.Key;
            // Read meanwhile on another device, or a tab is open now and shows it: nothing to tell.
            var unread = group.Where(p => p.Seq > readTo.GetValueOrDefault((chatId, accountId), long.MaxValue) && messages.TryGetValue(p.MessageId, out var m) && m.DeletedAt == null)
                .OrderBy(p => p.Seq).ToList();
            if (unread.Count == 0 || online.Contains(accountId) || !devices[accountId].Any()) continue;
            var last = unread[^1];
            var lastMessage = messages[last.MessageId];
            var chat = chats[chatId];
            var school = schools[chat.SchoolId];
            var facts = await PersonFacts.LoadAsync(db, school.Id, [accountId, lastMessage.SenderId]);
            // Text on a lock screen only where the school allows it, to adults, of an adult's message.
            var preview = school.PushPreview == PushPreview.Adults && unread.Count == 1 && last.Kind is PushKind.Message or PushKind.Mention or PushKind.Announcement
                && facts.TryGetValue(accountId, out var reader) && !reader.IsMinor
                && facts.TryGetValue(lastMessage.SenderId, out var writer) && !writer.IsMinor;
            var badge = await UnreadAsync(db, accountId);
            var urgent = unread.Any(p => messages[p.MessageId].Urgent);
            foreach (var device in devices[accountId])
            {
                var payload = Payload(device.Language, chat.Kind, chat.Title, chat.ClassName, chat.SchoolId, chatId, lastMessage.Sender ?? "", lastMessage.Text,
                    unread.Count, last.Kind, lastMessage.Urgent, preview, badge);
                deliveries.Add(new PushDelivery
                {
                    Id = Guid.CreateVersion7(), SubscriptionId = device.Id, Payload = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
                    Topic = chatId.ToString("N"), Urgent = urgent || last.Kind is PushKind.Call, NextAttemptAt = now, CreatedAt = now,
                });
            }
        }
        // As in step 1, the write lock only for the claim and the rows.
        await using var tx = await db.Database.BeginTransactionAsync();
        var ids = due.Select(p => p.Id).ToList();
        if (await db.PendingPushes.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync() != ids.Count)
            return due.Count; // another node took some of them at the same moment: the rest wait for the next look
        db.PushDeliveries.AddRange(deliveries);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return due.Count;
    }

    private static Task<int> UnreadAsync(SferaDb db, Guid accountId) =>
        db.ChatMembers.IgnoreQueryFilters().Where(m => m.AccountId == accountId)
            .Join(db.Chats.IgnoreQueryFilters(), m => m.ChatId, c => c.Id, (m, c) => (int)(c.LastSeq - m.LastReadSeq)).SumAsync();

    public static PushPayload Payload(string language, ChatKind chatKind, string title, string? className, Guid schoolId, Guid chatId, string sender, string text,
        int count, PushKind kind, bool urgent, bool preview, int unread)
    {
        string T(string key) => Texts.Get(key, language);
        var chatName = chatKind switch
        {
            ChatKind.Personal => sender,
            ChatKind.Class => className ?? title,
            ChatKind.Parents => string.Format(T("push.parents"), className ?? title),
            ChatKind.Staff => T("push.staff"),
            ChatKind.Announcements => T("push.announcements"),
            _ => title,
        };
        var shown = preview ? (text.Length > 200 ? text[..200] + "…" : text) : null;
        var body = count > 1
            ? string.Format(T("push.many." + (language == "en" ? count == 1 ? "one" : "many" : Texts.PluralForm(count))), count, sender)
            : kind switch
            {
                PushKind.Mention => string.Format(T("push.mention"), sender) + (shown is null ? "" : ": " + shown),
                PushKind.Confirm => string.Format(T("push.confirm"), sender),
                PushKind.Announcement => string.Format(T(urgent ? "push.urgent" : "push.announcement"), sender) + (shown is null ? "" : ": " + shown),
                PushKind.Call => string.Format(T("push.call"), sender),
                PushKind.MissedCall => string.Format(T("push.missed_call"), sender),
                _ => shown is null ? string.Format(T("push.message"), sender) : string.Format(T("push.message_text"), sender, shown),
            };
        var name = kind switch
        {
            PushKind.MissedCall => "missedCall",
            _ when count > 1 => "summary",
            _ => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()),
        };
        return new PushPayload(name, chatName, body, "chat:" + chatId.ToString("N"), $"/school/{schoolId}/chats/{chatId}", schoolId, chatId, chatName, sender,
            count, shown, Math.Max(0, unread), language);
    }

    /// <summary>Step 3: the deliveries due, each claimed, sent, and then forgotten, retried later or given up.</summary>
    private async Task<int> SendAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
        var now = clock.GetUtcNow();
        var due = await db.PushDeliveries.AsNoTracking().Where(d => d.NextAttemptAt <= now).OrderBy(d => d.NextAttemptAt).Take(Batch)
            .Join(db.PushSubscriptions, d => d.SubscriptionId, s => s.Id, (d, s) => new { Delivery = d, Subscription = s }).ToListAsync(stoppingToken);
        if (due.Count == 0) return 0;
        var o = options.Value;
        var (publicKey, privateKey) = await vapid.GetAsync();
        using var auth = new VapidAuthentication(publicKey, privateKey) { Subject = Subject(scope.ServiceProvider) };
        using var http = new HttpClient(new VapidOrigin(auth) { InnerHandler = handlers.CreateHandler(nameof(PushDispatcher)) }) { Timeout = TimeSpan.FromSeconds(30) };
        var client = new PushServiceClient(http) { DefaultAuthentication = auth, DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid, AutoRetryAfter = false };
        foreach (var item in due)
        {
            var (delivery, subscription) = (item.Delivery, item.Subscription);
            // Claimed for two minutes: another node that read it too finds it moved and leaves it.
            var lease = now.AddMinutes(2);
            if (await db.PushDeliveries.Where(d => d.Id == delivery.Id && d.NextAttemptAt == delivery.NextAttemptAt)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, lease), stoppingToken) != 1) continue;
            var target = new WebPushSubscription { Endpoint = subscription.Endpoint };
            target.SetKey(PushEncryptionKeyName.P256DH, subscription.P256dh);
            target.SetKey(PushEncryptionKeyName.Auth, subscription.Auth);
            var message = new PushMessage(delivery.Payload)
            {
                Topic = delivery.Topic, TimeToLive = o.TimeToLiveSeconds, Urgency = delivery.Urgent ? PushMessageUrgency.High : PushMessageUrgency.Normal,
            };
            HttpStatusCode? status = null;
            TimeSpan? retryAfter = null;
            try
            {
                if (!o.IsAllowedEndpoint(subscription.Endpoint)) status = HttpStatusCode.Gone; // no longer allowed: forget it
                else
                {
                    await client.RequestPushMessageDeliveryAsync(target, message, stoppingToken);
                    await db.PushDeliveries.Where(d => d.Id == delivery.Id).ExecuteDeleteAsync(CancellationToken.None);
                    var sent = clock.GetUtcNow();
                    await db.PushSubscriptions.Where(s => s.Id == subscription.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSentAt, sent), CancellationToken.None);
                    continue;
                }
            }
            catch (PushServiceClientException e)
            {
                status = e.StatusCode;
                retryAfter = e.Headers?.RetryAfter?.Delta;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                log.LogInformation("A push service did not answer ({Error}); the push will be retried.", e.Message);
            }
            if (status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                // The browser dropped the subscription: forget the device (its waiting pushes go with it).
                await db.PushSubscriptions.Where(s => s.Id == subscription.Id).ExecuteDeleteAsync(CancellationToken.None);
                continue;
            }
            var attempts = delivery.Attempts + 1;
            var retryable = status is null or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError;
            if (!retryable || attempts >= o.MaxAttempts)
            {
                log.LogWarning("A push was given up after {Attempts} attempts (last answer {Status}).", attempts, (int?)status);
                await db.PushDeliveries.Where(d => d.Id == delivery.Id).ExecuteDeleteAsync(CancellationToken.None);
                continue;
            }
            var wait = retryAfter ?? TimeSpan.FromSeconds(Math.Min(3600, o.RetrySeconds * Math.Pow(2, attempts - 1)));
            var next = clock.GetUtcNow() + wait;
            await db.PushDeliveries.Where(d => d.Id == delivery.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Attempts, attempts).SetProperty(d => d.NextAttemptAt, next), CancellationToken.None);
        }
        return due.Count;
    }

    private static string Subject(IServiceProvider services)
    {
        var o = services.GetRequiredService<IOptions<PushOptions>>().Value;
        if (!string.IsNullOrEmpty(o.Subject)) return o.Subject;
        var url = services.GetRequiredService<IConfiguration>()["Sfera:PublicUrl"];
        return url is { Length: > 0 } && url.StartsWith("https://", StringComparison.Ordinal) ? url : "mailto:sfera@localhost";
    }

    /// <summary>Lib.Net.Http.WebPush 3.3.1 signs its VAPID token for "scheme://host", leaving out a port that is not the
    /// default one; RFC 8292's audience is the origin, port included, and a push service on such a port refuses the token.
    /// Requests to such an endpoint are signed again here for their whole origin.</summary>
    private sealed class VapidOrigin(VapidAuthentication auth) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { IsDefaultPort: false } uri)
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("vapid",
                    auth.GetVapidSchemeAuthenticationHeaderValueParameter(uri.GetLeftPart(UriPartial.Authority)));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
