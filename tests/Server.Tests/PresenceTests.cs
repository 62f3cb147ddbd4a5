using System.Net;
using Sfera.Chats;
using Sfera.Realtime;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

public sealed class PresenceTests
{
    private readonly SferaApp app = SferaApp.Shared;

    private static async Task<Guid> PersonalChatAsync(SchoolCast cast, Person from, Person to) =>
        (await from.Client.PostJsonAsync(cast.School.Url("/chats/personal"), new PersonalChatRequest(to.AccountId)).Read<ChatDetailResponse>(HttpStatusCode.Created)).Chat.Id;

    private static async Task<PresenceResponse?> PresenceOfAsync(SchoolCast cast, Person viewer, Guid chatId, Person subject) =>
        (await viewer.Client.GetJson<ChatDetailResponse>(cast.School.Url($"/chats/{chatId}"))).Members.Single(m => m.AccountId == subject.AccountId).Presence;

    [Fact]
    public async Task An_adult_is_seen_online_and_then_last_seen_by_the_people_they_talk_to()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await PersonalChatAsync(cast, cast.ClassTeacher, cast.Parent);
        await using var teacherHub = await HubProbe.ConnectAsync(app, cast.ClassTeacher);
        Assert.False((await PresenceOfAsync(cast, cast.ClassTeacher, chat, cast.Parent))!.Online);

        var parentHub = await HubProbe.ConnectAsync(app, cast.Parent);
        var online = await teacherHub.NextOfAsync<PresenceEvent>(nameof(IChatClient.PresenceChanged));
        Assert.Equal((cast.Parent.AccountId, true), (online.AccountId, online.Presence.Online));
        Http.SameJson(online.Presence, (await PresenceOfAsync(cast, cast.ClassTeacher, chat, cast.Parent))!);

        await parentHub.DisposeAsync();
        var away = await teacherHub.NextOfAsync<PresenceEvent>(nameof(IChatClient.PresenceChanged));
        Assert.False(away.Presence.Online);
        Assert.NotNull(away.Presence.LastSeenAt);
        Http.SameJson(away.Presence, (await PresenceOfAsync(cast, cast.ClassTeacher, chat, cast.Parent))!);
    }

    [Fact]
    public async Task A_minors_presence_is_shown_only_to_staff_and_their_guardians()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var withClassmate = await PersonalChatAsync(cast, cast.Classmate, cast.Student);
        var withTeacher = await PersonalChatAsync(cast, cast.ClassTeacher, cast.Student);
        var withParent = await PersonalChatAsync(cast, cast.Parent, cast.Student);
        await using var classmateHub = await HubProbe.ConnectAsync(app, cast.Classmate);
        await using var teacherHub = await HubProbe.ConnectAsync(app, cast.ClassTeacher);
        await using var parentHub = await HubProbe.ConnectAsync(app, cast.Parent);

        await using var studentHub = await HubProbe.ConnectAsync(app, cast.Student);
        Assert.True((await teacherHub.NextOfAsync<PresenceEvent>(nameof(IChatClient.PresenceChanged))).Presence.Online);
        Assert.True((await parentHub.NextOfAsync<PresenceEvent>(nameof(IChatClient.PresenceChanged))).Presence.Online);
        Assert.True((await PresenceOfAsync(cast, cast.ClassTeacher, withTeacher, cast.Student))!.Online);
        Assert.True((await PresenceOfAsync(cast, cast.Parent, withParent, cast.Student))!.Online);

        Assert.Null(await PresenceOfAsync(cast, cast.Classmate, withClassmate, cast.Student));
        // The classmate heard nothing of it: the next thing they hear is a message.
        await cast.Student.Client.PostJsonAsync(cast.School.Url($"/chats/{withClassmate}/messages"), new Sfera.Messages.SendMessageRequest("p-1", "привет"))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("привет", (await classmateHub.NextAsync<MessageEvent>(nameof(IChatClient.MessageCreated))).Message.Text);
    }
}

public sealed class SessionEndTests
{
    private readonly SferaApp app = SferaApp.Shared;

    [Fact]
    public async Task Signing_out_everywhere_closes_open_live_connections_and_they_cannot_come_back()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var hub = await HubProbe.ConnectAsync(app, cast.ClassTeacher);
        var laptop = await Cast.SignInAsync(app, cast.ClassTeacher.Login, cast.ClassTeacher.Password);
        await laptop.PostJsonAsync("/api/v1/auth/sign-out-everywhere").Expect(HttpStatusCode.NoContent);

        await hub.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        var again = await Assert.ThrowsAnyAsync<HttpRequestException>(hub.RestartAsync);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        await hub.DisposeAsync();
    }
}
