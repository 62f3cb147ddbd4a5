using System.Net;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Messages;
using Sfera.Moderation;
using Sfera.Realtime;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

public sealed class ModerationTests
{
    private readonly SferaApp app = SferaApp.Shared;

    private static Task<HttpResponseMessage> Send(SchoolCast cast, Person who, Guid chatId, string text) =>
        who.Client.PostJsonAsync(cast.School.Url($"/chats/{chatId}/messages"), new SendMessageRequest(Guid.NewGuid().ToString(), text));

    [Fact]
    public async Task Moderators_mute_members_and_make_a_chat_read_only_and_the_log_shows_it()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        await using var studentHub = await HubProbe.ConnectAsync(app, cast.Student);

        await cast.Student.Client.PostJsonAsync(cast.School.Url($"/chats/{chat.Id}/members/{cast.Classmate.AccountId}/mute"), new MuteRequest(30))
            .Expect(HttpStatusCode.Forbidden);
        await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/chats/{chat.Id}/members/{cast.Student.AccountId}/mute"), new MuteRequest(30))
            .Expect(HttpStatusCode.NoContent);
        var muted = await Send(cast, cast.Student, chat.Id, "можно я скажу").Problem(HttpStatusCode.Forbidden);
        Assert.Contains("запретил", muted.GetProperty("title").GetString(), StringComparison.Ordinal);
        var until = muted.GetProperty("mutedUntil").GetDateTimeOffset() - app.Clock.GetUtcNow(); // the server's clock is the test's
        Assert.InRange(until, TimeSpan.FromMinutes(29.9), TimeSpan.FromMinutes(30));
        var members = await cast.ClassTeacher.Client.GetJson<ChatDetailResponse>(cast.School.Url($"/chats/{chat.Id}"));
        Assert.NotNull(members.Members.Single(m => m.AccountId == cast.Student.AccountId).MutedUntil);
        await Send(cast, cast.Classmate, chat.Id, "а я могу").Expect(HttpStatusCode.Created);

        var readOnly = await cast.ClassTeacher.Client.PutJsonAsync(cast.School.Url($"/chats/{chat.Id}/settings"), new ChatSettingsRequest(true))
            .Read<ChatSummaryResponse>();
        Assert.True(readOnly.ModeratorsOnly);
        var updated = await studentHub.NextOfAsync<ChatAddedEvent>(nameof(IChatClient.ChatUpdated));
        Assert.False(updated.Chat.CanPost);
        Http.SameJson(updated.Chat, await cast.ChatAsync(cast.Student, ChatKind.Class, "5А"));
        await Send(cast, cast.Classmate, chat.Id, "и я больше не могу").Expect(HttpStatusCode.Forbidden);
        await Send(cast, cast.SubjectTeacher, chat.Id, "Модераторы пишут").Expect(HttpStatusCode.Created);

        var announcements = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Announcements);
        await cast.Admin.Client.PutJsonAsync(cast.School.Url($"/chats/{announcements.Id}/settings"), new ChatSettingsRequest(false)).Expect(HttpStatusCode.Forbidden);

        var log = await cast.Admin.Client.GetJson<List<AuditEntryResponse>>(cast.School.Url("/audit"));
        Assert.Contains(log, e => e.Action == "member.mute" && e.TargetId == cast.Student.AccountId && e.Actor.AccountId == cast.ClassTeacher.AccountId);
        Assert.Contains(log, e => e.Action == "chat.read_only" && e.ChatId == chat.Id);
        Assert.Contains(log, e => e.Action == "class.create");
        await cast.ClassTeacher.Client.GetAsync(cast.School.Url("/audit")).Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_report_reaches_the_safeguarding_staff_who_see_the_chat_only_through_it_and_that_is_logged()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.Student, ChatKind.Class, "5А");
        var bad = await Send(cast, cast.Classmate, chat.Id, "обидные слова").Read<MessageResponse>(HttpStatusCode.Created);
        await cast.Student.Client.PostJsonAsync(cast.School.Url($"/chats/{chat.Id}/messages/{bad.Id}/report"), new ReportRequest("Оскорбление"))
            .Expect(HttpStatusCode.Created);
        // The sender deletes it: hidden from members, but a chat with minors keeps it for safeguarding.
        await cast.Classmate.Client.DeleteAsync(cast.School.Url($"/chats/{chat.Id}/messages/{bad.Id}")).Expect(HttpStatusCode.NoContent);

        var queue = await cast.Admin.Client.GetJson<List<ReportResponse>>(cast.School.Url("/reports"));
        var report = Assert.Single(queue);
        Assert.Equal(("обидные слова", true, "Оскорбление", cast.Classmate.AccountId), (report.MessageText, report.MessageDeleted, report.Reason, report.Sender.AccountId));
        Assert.Single(await cast.ClassTeacher.Client.GetJson<List<ReportResponse>>(cast.School.Url("/reports")));
        await cast.SubjectTeacher.Client.GetAsync(cast.School.Url("/reports")).Expect(HttpStatusCode.Forbidden);
        await cast.Student.Client.GetAsync(cast.School.Url("/reports")).Expect(HttpStatusCode.Forbidden);

        // The admin is not in the class chat: the chat itself stays closed, the report opens its context, and that is logged.
        await cast.Admin.Client.GetAsync(cast.School.Url($"/chats/{chat.Id}/messages")).Expect(HttpStatusCode.NotFound);
        var context = await cast.Admin.Client.GetJson<ReportedChatResponse>(cast.School.Url($"/reports/{report.Id}/chat"));
        Assert.Equal("обидные слова", Assert.Single(context.Messages).Text);
        var log = await cast.Admin.Client.GetJson<List<AuditEntryResponse>>(cast.School.Url("/audit"));
        Assert.Contains(log, e => e.Action == "report.open_chat" && e.ChatId == chat.Id && e.Actor.AccountId == cast.Admin.AccountId);

        var member = Assert.Single((await cast.Student.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chat.Id}/messages"))).Items);
        Assert.Equal(("", true), (member.Text, member.Deleted));

        await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/reports/{report.Id}/resolve")).Expect(HttpStatusCode.NoContent);
        Assert.Empty(await cast.Admin.Client.GetJson<List<ReportResponse>>(cast.School.Url("/reports?resolved=false")));
    }

    [Fact]
    public async Task Outside_chats_with_minors_a_deleted_message_is_gone_for_good()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var staffRoom = await cast.ChatAsync(cast.Staff, ChatKind.Staff);
        var sent = await Send(cast, cast.Staff, staffRoom.Id, "опечатка").Read<MessageResponse>(HttpStatusCode.Created);
        await cast.Staff.Client.PostJsonAsync(cast.School.Url($"/chats/{staffRoom.Id}/messages/{sent.Id}/report"), new ReportRequest("проверка"))
            .Expect(HttpStatusCode.Created);
        await cast.Staff.Client.DeleteAsync(cast.School.Url($"/chats/{staffRoom.Id}/messages/{sent.Id}")).Expect(HttpStatusCode.NoContent);
        var report = Assert.Single(await cast.Admin.Client.GetJson<List<ReportResponse>>(cast.School.Url("/reports")));
        Assert.Equal(("", true), (report.MessageText, report.MessageDeleted));
    }

    [Fact]
    public async Task A_group_owner_appoints_moderators_who_delete_others_messages()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var group = await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url("/chats/groups"),
            new GroupRequest("Кружок", [cast.Student.AccountId, cast.Classmate.AccountId])).Read<ChatDetailResponse>(HttpStatusCode.Created);
        var chat = group.Chat.Id;
        var message = await Send(cast, cast.Classmate, chat, "спам").Read<MessageResponse>(HttpStatusCode.Created);
        await cast.Student.Client.DeleteAsync(cast.School.Url($"/chats/{chat}/messages/{message.Id}")).Expect(HttpStatusCode.Forbidden);
        await cast.ClassTeacher.Client.PutJsonAsync(cast.School.Url($"/chats/{chat}/members/{cast.Student.AccountId}/role"), new ChatRoleRequest(ChatRole.Moderator))
            .Expect(HttpStatusCode.NoContent);
        await cast.Student.Client.DeleteAsync(cast.School.Url($"/chats/{chat}/messages/{message.Id}")).Expect(HttpStatusCode.NoContent);
        var log = await cast.Admin.Client.GetJson<List<AuditEntryResponse>>(cast.School.Url("/audit"));
        Assert.Contains(log, e => e.Action == "message.delete" && e.TargetId == message.Id && e.Actor.AccountId == cast.Student.AccountId);
        // A moderator cannot remove the owner, and a member cannot remove anyone but themselves.
        await cast.Student.Client.DeleteAsync(cast.School.Url($"/chats/{chat}/members/{cast.ClassTeacher.AccountId}")).Expect(HttpStatusCode.Forbidden);
        await cast.Classmate.Client.DeleteAsync(cast.School.Url($"/chats/{chat}/members/{cast.Student.AccountId}")).Expect(HttpStatusCode.Forbidden);
        await cast.Student.Client.DeleteAsync(cast.School.Url($"/chats/{chat}/members/{cast.Classmate.AccountId}")).Expect(HttpStatusCode.NoContent);
    }
}
