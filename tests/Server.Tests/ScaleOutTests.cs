using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Messages;
using Sfera.Realtime;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>
/// Two server nodes on one database and one real Redis: events, presence and the end of sessions cross from one
/// node to the other, as they must behind a load balancer.
/// </summary>
public sealed class ScaleOutTests
{
    private static async Task<(SferaApp A, SferaApp B)> TwoNodesAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = await RedisServer.ConnectionStringAsync(),
            // Tabs on a node that died are let go within seconds (see the call test below).
            ["Calls:ConnectionCheckSeconds"] = "1",
        };
        var a = new SferaApp(settings);
        _ = a.BaseAddress; // migrated before the second node starts
        return (a, SferaApp.SecondNodeOf(a, settings));
    }

    private static async Task<Person> OnAsync(SferaApp node, Person person) =>
        person with { Client = await Cast.SignInAsync(node, person.Login, person.Password) };

    /// <summary>A parent (signed in on node A) and the class teacher (signed in on node B) with a personal chat.</summary>
    private static async Task<(SchoolCast Cast, Guid ChatId, Person TeacherOnB)> PersonalChatAsync(SferaApp a, SferaApp b)
    {
        var cast = await SchoolCast.CreateAsync(a);
        var chatId = (await cast.Parent.Client.PostJsonAsync(cast.School.Url("/chats/personal"), new PersonalChatRequest(cast.ClassTeacher.AccountId))
            .Read<ChatDetailResponse>(HttpStatusCode.Created)).Chat.Id;
        return (cast, chatId, await OnAsync(b, cast.ClassTeacher));
    }

    [Fact]
    public async Task A_message_sent_through_one_node_reaches_members_connected_to_the_other()
    {
        var (a, b) = await TwoNodesAsync();
        await using (a)
        await using (b)
        {
            var cast = await SchoolCast.CreateAsync(a);
            await using var studentOnB = await HubProbe.ConnectAsync(b, await OnAsync(b, cast.Student));
            await using var teacherOnA = await HubProbe.ConnectAsync(a, cast.ClassTeacher);
            var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");

            var sent = await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/chats/{chat.Id}/messages"), new SendMessageRequest("scale-1", "Через другой узел"))
                .Read<MessageResponse>(HttpStatusCode.Created);
            Assert.Equal(sent.Id, (await studentOnB.NextOfAsync<MessageEvent>(nameof(IChatClient.MessageCreated))).Message.Id);
            Assert.Equal(sent.Id, (await teacherOnA.NextOfAsync<MessageEvent>(nameof(IChatClient.MessageCreated))).Message.Id);

            // And back: typing on node B reaches the teacher on node A.
            await studentOnB.TypingAsync(cast.School.Id, chat.Id);
            Assert.Equal(cast.Student.AccountId, (await teacherOnA.NextOfAsync<TypingEvent>(nameof(IChatClient.Typing))).AccountId);
        }
    }

    [Fact]
    public async Task Presence_is_shared_by_the_nodes()
    {
        var (a, b) = await TwoNodesAsync();
        await using (a)
        await using (b)
        {
            var cast = await SchoolCast.CreateAsync(a);
            var chat = (await cast.Parent.Client.PostJsonAsync(cast.School.Url("/chats/personal"), new PersonalChatRequest(cast.ClassTeacher.AccountId))
                .Read<ChatDetailResponse>(HttpStatusCode.Created)).Chat.Id;
            await using var teacherOnA = await HubProbe.ConnectAsync(a, cast.ClassTeacher);

            var parentOnB = await HubProbe.ConnectAsync(b, await OnAsync(b, cast.Parent));
            Assert.True((await teacherOnA.NextOfAsync<PresenceEvent>(nameof(IChatClient.PresenceChanged))).Presence.Online);
            var detail = await cast.ClassTeacher.Client.GetJson<ChatDetailResponse>(cast.School.Url($"/chats/{chat}"));
            Assert.True(detail.Members.Single(m => m.AccountId == cast.Parent.AccountId).Presence!.Online);

            // A second tab on the other node is not a second arrival; closing one of the two is not a departure.
            var parentOnA = await HubProbe.ConnectAsync(a, cast.Parent);
            await parentOnA.TypingAsync(cast.School.Id, chat); // answered only once the server has counted the connection
            await parentOnB.DisposeAsync();
            detail = await cast.ClassTeacher.Client.GetJson<ChatDetailResponse>(cast.School.Url($"/chats/{chat}"));
            Assert.True(detail.Members.Single(m => m.AccountId == cast.Parent.AccountId).Presence!.Online);
            await parentOnA.DisposeAsync();
            var away = await teacherOnA.NextOfAsync<PresenceEvent>(nameof(IChatClient.PresenceChanged));
            Assert.False(away.Presence.Online);
            Assert.NotNull(away.Presence.LastSeenAt);
        }
    }

    [Fact]
    public async Task A_call_started_on_one_node_rings_on_the_other_and_its_signals_cross_back()
    {
        var (a, b) = await TwoNodesAsync();
        await using (a)
        await using (b)
        {
            var (cast, chatId, teacherOnB) = await PersonalChatAsync(a, b);
            await using var teacherTab = await HubProbe.ConnectAsync(b, teacherOnB);
            await using var parentTab = await HubProbe.ConnectAsync(a, cast.Parent);

            var call = await cast.Parent.Client.PostJsonAsync(cast.School.Url($"/chats/{chatId}/calls"), new Sfera.Calls.StartCallRequest(true, parentTab.ConnectionId))
                .Read<Sfera.Calls.JoinedCallResponse>(HttpStatusCode.Created);
            var ringing = await teacherTab.NextOfAsync<Sfera.Calls.CallEvent>(nameof(IChatClient.CallChanged));
            Assert.Equal((call.Call.Id, Sfera.Data.ParticipantState.Ringing),
                (ringing.Call.Id, ringing.Call.Participants.Single(p => p.AccountId == cast.ClassTeacher.AccountId).State));

            // Answered through node B, with the tab connected there; the parent's offer from node A reaches it.
            var answered = await teacherOnB.Client.PostJsonAsync(cast.School.Url($"/chats/{chatId}/calls/{call.Call.Id}/join"), new Sfera.Calls.JoinCallRequest(teacherTab.ConnectionId))
                .Read<Sfera.Calls.JoinedCallResponse>();
            await cast.Parent.Client.PostJsonAsync(cast.School.Url($"/chats/{chatId}/calls/{call.Call.Id}/signal"),
                new Sfera.Calls.CallSignalRequest(call.LegId, "offer", "v=0 across nodes", null, null, null)).Expect(HttpStatusCode.NoContent);
            var offer = await teacherTab.NextOfAsync<Sfera.Calls.CallSignalEvent>(nameof(IChatClient.CallSignal));
            Assert.Equal((answered.LegId, "v=0 across nodes"), (offer.ToLeg, offer.Sdp));

            // Closing the tab on node B hangs up; the parent on node A hears the end.
            await teacherTab.StopAsync();
            while ((await parentTab.NextOfAsync<Sfera.Calls.CallEvent>(nameof(IChatClient.CallChanged))).Call.EndedAt is null) { }
        }
    }

    [Fact]
    public async Task A_call_goes_on_when_a_node_dies_and_its_tab_is_let_go()
    {
        var (a, b) = await TwoNodesAsync();
        await using (a)
        await using (b)
        {
            var (cast, chatId, teacherOnB) = await PersonalChatAsync(a, b);
            await using var teacherTab = await HubProbe.ConnectAsync(b, teacherOnB);
            await using var parentTab = await HubProbe.ConnectAsync(a, cast.Parent);
            var call = await cast.Parent.Client.PostJsonAsync(cast.School.Url($"/chats/{chatId}/calls"), new Sfera.Calls.StartCallRequest(true, parentTab.ConnectionId))
                .Read<Sfera.Calls.JoinedCallResponse>(HttpStatusCode.Created);
            await teacherOnB.Client.PostJsonAsync(cast.School.Url($"/chats/{chatId}/calls/{call.Call.Id}/join"), new Sfera.Calls.JoinCallRequest(teacherTab.ConnectionId))
                .Expect(HttpStatusCode.OK);

            // Both alive: a few rounds of the connection check later, the call is still on.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var current = await cast.Parent.Client.GetJson<Sfera.Calls.CallResponse>(cast.School.Url($"/chats/{chatId}/calls/{call.Call.Id}"));
            Assert.Null(current.EndedAt);

            // Node B dies as a killed process would: its liveness key in Redis is gone (here: taken away until the end),
            // its tab's connection said no goodbye. Node A lets the teacher's tab go, which ends this direct call.
            var redis = a.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>();
            var prefix = a.Services.GetRequiredService<RedisPresenceOptions>().Prefix;
            using var stop = new CancellationTokenSource();
            var members = await redis.GetDatabase().SetMembersAsync($"{prefix}:presence:{cast.ClassTeacher.AccountId:N}");
            var nodeB = members.Select(m => m.ToString().Split(':', 2)).Single(m => m[1] == teacherTab.ConnectionId)[0];
            var killer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await redis.GetDatabase().KeyDeleteAsync($"{prefix}:node:{nodeB}");
                    await Task.Delay(200);
                }
            });
            Sfera.Calls.CallResponse heard;
            do heard = (await parentTab.NextOfAsync<Sfera.Calls.CallEvent>(nameof(IChatClient.CallChanged))).Call;
            while (heard.EndedAt is null);
            await stop.CancelAsync();
            await killer;
            Assert.Equal(Sfera.Data.CallEndReason.Ended, heard.EndReason);
            var note = (await cast.Parent.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chatId}/messages"))).Items
                .Single(m => m.Call?.Event == Sfera.Data.CallNote.Ended);
            Assert.Equal(call.Call.Id, note.Call!.CallId);
        }
    }

    [Fact]
    public async Task Signing_out_everywhere_on_one_node_closes_connections_on_the_other()
    {
        var (a, b) = await TwoNodesAsync();
        await using (a)
        await using (b)
        {
            var cast = await SchoolCast.CreateAsync(a);
            var hubOnB = await HubProbe.ConnectAsync(b, await OnAsync(b, cast.ClassTeacher));
            await cast.ClassTeacher.Client.PostJsonAsync("/api/v1/auth/sign-out-everywhere").Expect(HttpStatusCode.NoContent);
            await hubOnB.Closed.WaitAsync(TimeSpan.FromSeconds(10));
            await hubOnB.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_session_made_on_one_node_works_on_another_because_the_keys_are_in_the_database()
    {
        await using var first = new SferaApp();
        var school = await Cast.CreateSchoolAsync(first);
        using (var scope = first.Services.CreateScope())
            Assert.NotEmpty(scope.ServiceProvider.GetRequiredService<SferaDb>().DataProtectionKeys.ToList());

        // Another node (or the same one restarted) on the same database reads the same keys.
        await using var other = SferaApp.SecondNodeOf(first);
        var client = other.Anonymous();
        client.DefaultRequestHeaders.Authorization = school.Admin.Client.DefaultRequestHeaders.Authorization;
        await client.GetAsync("/api/v1/me").Expect(HttpStatusCode.OK);
    }
}
