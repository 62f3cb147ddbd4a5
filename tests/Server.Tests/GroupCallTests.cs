using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sfera.Calls;
using Sfera.Calls.Janus;
using Sfera.Data;
using Sfera.Messages;
using Sfera.Realtime;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>
/// Group calls through the API with a real Janus (inside the test command's network namespace, where Janus can do
/// ICE): a room per call on the least loaded server, joining, publishing an offer, the room destroyed when the last
/// one leaves. (Media between real browsers is CallsInBrowserTests' part.)
/// </summary>
[Trait("Category", "Calls")]
public sealed class GroupCallTests
{
    private static async Task<SferaApp> AppAsync(int servers = 1)
    {
        var janus = await JanusServer.SharedAsync();
        var settings = new Dictionary<string, string?>();
        // The same Janus under several names counts as several servers: enough to see where rooms go.
        for (var i = 0; i < servers; i++)
            foreach (var (key, value) in janus.Settings())
                settings[key.Replace(":Servers:0:", $":Servers:{i}:", StringComparison.Ordinal)] = key.EndsWith(":Name", StringComparison.Ordinal) ? $"janus-{i}" : value;
        return new SferaApp(settings);
    }

    private static async Task<bool> RoomExistsAsync(long room)
    {
        var janus = await JanusServer.SharedAsync();
        await using var servers = new JanusServers(Options.Create(new JanusOptions { Servers = [janus.Options] }), NullLoggerFactory.Instance);
        await using var session = await servers.All.Single().CreateSessionAsync(CancellationToken.None);
        await using var handle = await session.AttachVideoRoomAsync(CancellationToken.None);
        return await handle.ExistsAsync(room, CancellationToken.None);
    }

    private static async Task<long> RoomOfAsync(SferaApp app, Guid callId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
        return db.Calls.Single(c => c.Id == callId).JanusRoom!.Value;
    }

    [Fact]
    public async Task A_class_teacher_starts_a_lesson_call_students_join_and_publish_and_the_room_goes_when_the_last_leaves()
    {
        Assert.True(CallsNetwork.InNamespace, "Janus does no ICE on loopback: run the Calls tests through scripts/calls-netns.");
        await using var app = await AppAsync();
        var cast = await SchoolCast.CreateAsync(app);
        var classChat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        await using var studentTab = await HubProbe.ConnectAsync(app, cast.Student);
        string Url(Guid callId, string action = "") => cast.School.Url($"/chats/{classChat.Id}/calls/{callId}{action}");

        var started = await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/chats/{classChat.Id}/calls"), new StartCallRequest(true, null))
            .Read<JoinedCallResponse>(HttpStatusCode.Created);
        Assert.Equal(CallKind.Group, started.Call.Kind);
        var room = await RoomOfAsync(app, started.Call.Id);
        Assert.True(await RoomExistsAsync(room));
        // The class hears there is a call in progress (nobody's tab rings for a group call).
        var heard = await studentTab.NextOfAsync<CallEvent>(nameof(IChatClient.CallChanged));
        Assert.Equal(started.Call.Id, heard.Call.Id);
        Assert.DoesNotContain(heard.Call.Participants, p => p.State == ParticipantState.Ringing);

        // The teacher publishes: Janus's answer comes back through Sfera, its candidates on the namespace's address.
        var answer = await cast.ClassTeacher.Client.PostJsonAsync(Url(started.Call.Id, "/media/publish"), new SdpRequest(started.LegId, CallServersTests.Offer))
            .Read<SdpResponse>();
        Assert.Contains($" {CallsNetwork.Address} ", answer.Sdp, StringComparison.Ordinal);
        await cast.ClassTeacher.Client.PostJsonAsync(Url(started.Call.Id, "/media/candidate"), new MediaCandidateRequest(started.LegId, "publisher", null, null, null))
            .Expect(HttpStatusCode.NoContent);

        // A student joins; nobody's media is up yet (no browser here), so there is nothing to receive.
        var joined = await cast.Student.Client.PostJsonAsync(Url(started.Call.Id, "/join"), new JoinCallRequest(studentTab.ConnectionId)).Read<JoinedCallResponse>();
        Assert.Equal(ParticipantState.Joined, joined.Call.Participants.Single(p => p.AccountId == cast.Student.AccountId).State);
        await cast.Student.Client.PostJsonAsync(Url(started.Call.Id, "/media/subscribe"), new SubscribeRequest(joined.LegId)).Problem(HttpStatusCode.Conflict);
        // Another's leg is not the student's to use.
        await cast.Student.Client.PostJsonAsync(Url(started.Call.Id, "/media/publish"), new SdpRequest(started.LegId, CallServersTests.Offer)).Problem(HttpStatusCode.Forbidden);
        // Someone outside the class chat (the other class's student) cannot join.
        await cast.OtherStudent.Client.PostJsonAsync(Url(started.Call.Id, "/join"), new JoinCallRequest(null)).Problem(HttpStatusCode.NotFound);

        // The teacher leaves: the call goes on with the student; when the student leaves, it ends and the room is gone.
        var afterTeacher = await cast.ClassTeacher.Client.PostJsonAsync(Url(started.Call.Id, "/leave"), new LeaveCallRequest(started.LegId)).Read<CallResponse>();
        Assert.Null(afterTeacher.EndedAt);
        var ended = await cast.Student.Client.PostJsonAsync(Url(started.Call.Id, "/leave"), new LeaveCallRequest(joined.LegId)).Read<CallResponse>();
        Assert.Equal(CallEndReason.Ended, ended.EndReason);
        Assert.False(await RoomExistsAsync(room));
        var notes = (await cast.Student.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{classChat.Id}/messages"))).Items
            .Where(m => m.Call is not null).Select(m => m.Call!.Event);
        Assert.Equal([CallNote.Started, CallNote.Ended], notes);
    }

    [Fact]
    public async Task A_new_room_goes_to_the_least_loaded_janus()
    {
        Assert.True(CallsNetwork.InNamespace, "Janus does no ICE on loopback: run the Calls tests through scripts/calls-netns.");
        await using var app = await AppAsync(servers: 2);
        var cast = await SchoolCast.CreateAsync(app);
        var first = await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/chats/{(await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А")).Id}/calls"),
            new StartCallRequest(true, null)).Read<JoinedCallResponse>(HttpStatusCode.Created);
        var second = await cast.Admin.Client.PostJsonAsync(cast.School.Url($"/chats/{(await cast.ChatAsync(cast.Admin, ChatKind.Staff)).Id}/calls"),
            new StartCallRequest(true, null)).Read<JoinedCallResponse>(HttpStatusCode.Created);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
        var servers = db.Calls.Where(c => c.Id == first.Call.Id || c.Id == second.Call.Id).Select(c => c.JanusServer).ToList();
        Assert.Equal(["janus-0", "janus-1"], servers.Order());
    }
}
