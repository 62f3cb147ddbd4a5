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
        // (The class's call has a waiting room: the teacher lets the student in.)
        var joined = await cast.Student.Client.PostJsonAsync(Url(started.Call.Id, "/join"), new JoinCallRequest(studentTab.ConnectionId)).Read<JoinedCallResponse>();
        Assert.Equal(ParticipantState.Waiting, joined.Call.Participants.Single(p => p.AccountId == cast.Student.AccountId).State);
        var admitted = await cast.ClassTeacher.Client.PostAsync(Url(started.Call.Id, $"/participants/{cast.Student.AccountId}/admit"), null).Read<CallResponse>();
        Assert.Equal(ParticipantState.Joined, admitted.Participants.Single(p => p.AccountId == cast.Student.AccountId).State);
        await cast.Student.Client.PostJsonAsync(Url(started.Call.Id, "/media/subscribe"), new SubscribeRequest(joined.LegId)).Problem(HttpStatusCode.Conflict);

        // The student mutes and shows the screen: everyone sees it (an unchanged report tells nobody again).
        var reported = await cast.Student.Client.PostJsonAsync(Url(started.Call.Id, "/media/state"), new MediaStateRequest(joined.LegId, false, true, true))
            .Read<CallResponse>();
        var asReported = reported.Participants.Single(p => p.AccountId == cast.Student.AccountId);
        Assert.Equal((true, false, true), (asReported.MicOff, asReported.CameraOff, asReported.SharingSince is not null));
        var seen = await cast.ClassTeacher.Client.GetJson<CallResponse>(Url(started.Call.Id));
        Assert.True(seen.Participants.Single(p => p.AccountId == cast.Student.AccountId).MicOff);
        var again = await cast.Student.Client.PostJsonAsync(Url(started.Call.Id, "/media/state"), new MediaStateRequest(joined.LegId, false, true, true))
            .Read<CallResponse>();
        Assert.Equal(asReported.SharingSince, again.Participants.Single(p => p.AccountId == cast.Student.AccountId).SharingSince);
        await cast.Student.Client.PostJsonAsync(Url(started.Call.Id, "/media/state"), new MediaStateRequest(started.LegId, true, true, false)).Problem(HttpStatusCode.Forbidden);
        var layer = await cast.Student.Client.PostJsonAsync(Url(started.Call.Id, "/media/configure"), new MediaConfigureRequest(joined.LegId, [new("0", 7, null)]))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Contains("streams", layer.Fields());
        await cast.Student.Client.PostJsonAsync(Url(started.Call.Id, "/media/configure"), new MediaConfigureRequest(joined.LegId, []))
            .Problem(HttpStatusCode.BadRequest);
        // Nothing received yet, so no layer to pick: the tab is told to join again rather than left guessing.
        await cast.Student.Client.PostJsonAsync(Url(started.Call.Id, "/media/configure"), new MediaConfigureRequest(joined.LegId, [new("0", 1, null), new("1", 0, null)]))
            .Problem(HttpStatusCode.Conflict);
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

    [Fact]
    public async Task Hosts_admit_from_the_waiting_room_mute_remove_lock_and_end_and_hands_go_up_in_order()
    {
        Assert.True(CallsNetwork.InNamespace, "Janus does no ICE on loopback: run the Calls tests through scripts/calls-netns.");
        await using var app = await AppAsync();
        var cast = await SchoolCast.CreateAsync(app);
        var classChat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        string Url(Guid callId, string action = "") => cast.School.Url($"/chats/{classChat.Id}/calls/{callId}{action}");
        ParticipantState StateOf(CallResponse call, Person who) => call.Participants.Single(p => p.AccountId == who.AccountId).State;

        var lesson = await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/chats/{classChat.Id}/calls"), new StartCallRequest(true, null))
            .Read<JoinedCallResponse>(HttpStatusCode.Created);
        // The class chat holds students: its call has a waiting room from the start.
        Assert.True(lesson.Call.WaitingRoom);
        var callId = lesson.Call.Id;

        // Students wait; a waiting tab cannot send media. The teacher lets one in, then everyone.
        var student = await cast.Student.Client.PostJsonAsync(Url(callId, "/join"), new JoinCallRequest(null)).Read<JoinedCallResponse>();
        var classmate = await cast.Classmate.Client.PostJsonAsync(Url(callId, "/join"), new JoinCallRequest(null)).Read<JoinedCallResponse>();
        Assert.Equal(ParticipantState.Waiting, StateOf(classmate.Call, cast.Student));
        await cast.Student.Client.PostJsonAsync(Url(callId, "/media/publish"), new SdpRequest(student.LegId, CallServersTests.Offer)).Problem(HttpStatusCode.Forbidden);
        await cast.Student.Client.PostAsync(Url(callId, $"/participants/{cast.Classmate.AccountId}/admit"), null).Problem(HttpStatusCode.Forbidden);
        var admitted = await cast.ClassTeacher.Client.PostAsync(Url(callId, $"/participants/{cast.Student.AccountId}/admit"), null).Read<CallResponse>();
        Assert.Equal((ParticipantState.Joined, ParticipantState.Waiting), (StateOf(admitted, cast.Student), StateOf(admitted, cast.Classmate)));
        var all = await cast.ClassTeacher.Client.PostAsync(Url(callId, "/admit-all"), null).Read<CallResponse>();
        Assert.Equal(ParticipantState.Joined, StateOf(all, cast.Classmate));
        await cast.Student.Client.PostJsonAsync(Url(callId, "/media/publish"), new SdpRequest(student.LegId, CallServersTests.Offer)).Expect(HttpStatusCode.OK);

        // Hands go up in the order raised.
        await cast.Classmate.Client.PostJsonAsync(Url(callId, "/hand"), new HandRequest(classmate.LegId, true)).Expect(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var hands = await cast.Student.Client.PostJsonAsync(Url(callId, "/hand"), new HandRequest(student.LegId, true)).Read<CallResponse>();
        Assert.Equal([cast.Classmate.AccountId, cast.Student.AccountId],
            hands.Participants.Where(p => p.HandRaisedAt is not null).OrderBy(p => p.HandRaisedAt).Select(p => p.AccountId));

        // The teacher mutes the student, who may unmute themselves until the teacher locks microphones.
        var muted = await cast.ClassTeacher.Client.PostJsonAsync(Url(callId, $"/participants/{cast.Student.AccountId}/mute"), new HostMuteRequest(true, null))
            .Read<CallResponse>();
        Assert.True(muted.Participants.Single(p => p.AccountId == cast.Student.AccountId).MutedByHost);
        var unmuted = await cast.Student.Client.PostJsonAsync(Url(callId, "/unmute"), new UnmuteRequest(student.LegId)).Read<CallResponse>();
        Assert.False(unmuted.Participants.Single(p => p.AccountId == cast.Student.AccountId).MutedByHost);
        await cast.ClassTeacher.Client.PutJsonAsync(Url(callId, "/settings"), new CallSettingsRequest(null, true, null)).Expect(HttpStatusCode.OK);
        await cast.ClassTeacher.Client.PostJsonAsync(Url(callId, $"/participants/{cast.Student.AccountId}/mute"), new HostMuteRequest(true, true)).Expect(HttpStatusCode.OK);
        var locked = await cast.Student.Client.PostJsonAsync(Url(callId, "/unmute"), new UnmuteRequest(student.LegId)).Problem(HttpStatusCode.Forbidden);
        Assert.Equal("Организатор не разрешает включать микрофон.", locked.GetProperty("title").GetString());
        // Students are not hosts, and a host cannot be muted by another host.
        await cast.Student.Client.PostJsonAsync(Url(callId, $"/participants/{cast.Classmate.AccountId}/mute"), new HostMuteRequest(true, null)).Problem(HttpStatusCode.Forbidden);
        await cast.SubjectTeacher.Client.PostJsonAsync(Url(callId, $"/participants/{cast.ClassTeacher.AccountId}/mute"), new HostMuteRequest(true, null))
            .Problem(HttpStatusCode.Forbidden);

        // Removed: out, and not back. Locked: nobody new, and nobody who left.
        await cast.ClassTeacher.Client.PostAsync(Url(callId, $"/participants/{cast.Classmate.AccountId}/remove"), null).Expect(HttpStatusCode.OK);
        var removed = await cast.Classmate.Client.PostJsonAsync(Url(callId, "/join"), new JoinCallRequest(null)).Problem(HttpStatusCode.Forbidden);
        Assert.Equal("Организатор удалил вас из этого звонка.", removed.GetProperty("title").GetString());
        await cast.ClassTeacher.Client.PutJsonAsync(Url(callId, "/settings"), new CallSettingsRequest(true, null, null)).Expect(HttpStatusCode.OK);
        await cast.Student.Client.PostJsonAsync(Url(callId, "/leave"), new LeaveCallRequest(student.LegId)).Expect(HttpStatusCode.OK);
        await cast.Student.Client.PostJsonAsync(Url(callId, "/join"), new JoinCallRequest(null)).Problem(HttpStatusCode.Forbidden);
        // A host still joins a locked call.
        await cast.SubjectTeacher.Client.PostJsonAsync(Url(callId, "/join"), new JoinCallRequest(null)).Expect(HttpStatusCode.OK);

        // The teacher ends it for everyone; the room is gone.
        var room = await RoomOfAsync(app, callId);
        await cast.Student.Client.PostAsync(Url(callId, "/end"), null).Problem(HttpStatusCode.Forbidden);
        var ended = await cast.ClassTeacher.Client.PostAsync(Url(callId, "/end"), null).Read<CallResponse>();
        Assert.Equal(CallEndReason.Ended, ended.EndReason);
        Assert.DoesNotContain(ended.Participants, p => p.State is ParticipantState.Joined or ParticipantState.Waiting);
        Assert.False(await RoomExistsAsync(room));
    }

    [Fact]
    public async Task A_guest_comes_only_through_a_link_a_host_turned_on_waits_to_be_let_in_and_reaches_nothing_else()
    {
        Assert.True(CallsNetwork.InNamespace, "Janus does no ICE on loopback: run the Calls tests through scripts/calls-netns.");
        await using var app = await AppAsync();
        var cast = await SchoolCast.CreateAsync(app);
        var parentsChat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Parents);
        string Url(Guid callId, string action = "") => cast.School.Url($"/chats/{parentsChat.Id}/calls/{callId}{action}");
        var meeting = await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/chats/{parentsChat.Id}/calls"), new StartCallRequest(true, null))
            .Read<JoinedCallResponse>(HttpStatusCode.Created);
        var callId = meeting.Call.Id;
        var anonymous = app.Anonymous();

        // Off by default: a made-up link finds nothing; a parent (not a host) cannot turn it on.
        await anonymous.GetAsync("/api/v1/guest-calls/made-up-token-that-leads-nowhere").Problem(HttpStatusCode.NotFound);
        await cast.Parent.Client.PostAsync(Url(callId, "/guest-link"), null).Problem(HttpStatusCode.Forbidden);
        var link = await cast.ClassTeacher.Client.PostAsync(Url(callId, "/guest-link"), null).Read<GuestLinkResponse>();
        Assert.EndsWith($"/call/guest/{link.Token}", link.Url, StringComparison.Ordinal);
        var guestUrl = $"/api/v1/guest-calls/{link.Token}";
        Assert.True((await anonymous.GetJson<GuestCallInfoResponse>(guestUrl)).Video);

        // The grandmother types her name and waits; she learns nothing of who is in the call yet and cannot send media.
        var bad = await anonymous.PostJsonAsync($"{guestUrl}/join", new GuestJoinRequest("  ")).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("name", bad.Fields());
        var joined = await anonymous.PostJsonAsync($"{guestUrl}/join", new GuestJoinRequest("Бабушка Вани")).Read<GuestJoinedResponse>();
        var guest = app.Anonymous();
        guest.DefaultRequestHeaders.Add(GuestCallsApi.KeyHeader, joined.GuestKey);
        var waiting = await guest.GetJson<GuestCallResponse>($"{guestUrl}/state");
        Assert.Equal((ParticipantState.Waiting, false), (waiting.State, waiting.Ended));
        Assert.Empty(waiting.Participants);
        Assert.Null(waiting.StartedBy);
        await guest.PostJsonAsync($"{guestUrl}/media/publish", new SdpRequest(joined.LegId, CallServersTests.Offer)).Problem(HttpStatusCode.NotFound);

        // The teacher sees a guest waiting, and lets her in; then she sees the call and sends her camera.
        var current = await cast.ClassTeacher.Client.GetJson<CallResponse>(Url(callId));
        var asSeen = current.Participants.Single(p => p.AccountId == joined.Id);
        Assert.Equal(("Бабушка Вани", true, ParticipantState.Waiting), (asSeen.DisplayName, asSeen.Guest, asSeen.State));
        await cast.ClassTeacher.Client.PostAsync(Url(callId, $"/participants/{joined.Id}/admit"), null).Expect(HttpStatusCode.OK);
        var inside = await guest.GetJson<GuestCallResponse>($"{guestUrl}/state");
        Assert.Equal(ParticipantState.Joined, inside.State);
        Assert.Contains(inside.Participants, p => p.AccountId == cast.ClassTeacher.AccountId);
        Assert.Equal(cast.ClassTeacher.AccountId, inside.StartedBy);
        var answer = await guest.PostJsonAsync($"{guestUrl}/media/publish", new SdpRequest(joined.LegId, CallServersTests.Offer)).Read<SdpResponse>();
        Assert.Contains($" {CallsNetwork.Address} ", answer.Sdp, StringComparison.Ordinal);

        // Her key opens nothing else: not the API, not another guest's place, not with another leg.
        var asBearer = app.Anonymous();
        asBearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", joined.GuestKey);
        await asBearer.GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        await guest.GetAsync(cast.School.Url("/chats")).Expect(HttpStatusCode.Unauthorized);
        await guest.PostJsonAsync($"{guestUrl}/media/publish", new SdpRequest(Guid.NewGuid(), CallServersTests.Offer)).Problem(HttpStatusCode.NotFound);
        var stranger = app.Anonymous();
        stranger.DefaultRequestHeaders.Add(GuestCallsApi.KeyHeader, "not-the-key-of-anyone-in-this-call");
        await stranger.GetAsync($"{guestUrl}/state").Problem(HttpStatusCode.NotFound);

        // Turned off: nobody new comes in; she stays. Her page going quiet means she left.
        await cast.ClassTeacher.Client.DeleteAsync(Url(callId, "/guest-link")).Expect(HttpStatusCode.NoContent);
        await anonymous.PostJsonAsync($"{guestUrl}/join", new GuestJoinRequest("Незнакомец")).Problem(HttpStatusCode.NotFound);
        Assert.Equal(ParticipantState.Joined, (await guest.GetJson<GuestCallResponse>($"{guestUrl}/state")).State);
        await guest.PostJsonAsync($"{guestUrl}/media/candidate", new MediaCandidateRequest(joined.LegId, "publisher", null, null, null)).Expect(HttpStatusCode.NoContent);
        var link2 = await cast.ClassTeacher.Client.PostAsync(Url(callId, "/guest-link"), null).Read<GuestLinkResponse>();
        app.Clock.Advance(GuestCallsApi.Silence + TimeSpan.FromSeconds(5));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await cast.ClassTeacher.Client.GetJson<CallResponse>(Url(callId))).Participants.Single(p => p.AccountId == joined.Id).State != ParticipantState.Left)
        {
            Assert.True(DateTime.UtcNow < deadline, "the silent guest was not let go");
            await Task.Delay(200);
        }

        // The link ends with the call.
        await cast.ClassTeacher.Client.PostAsync(Url(callId, "/end"), null).Expect(HttpStatusCode.OK);
        await anonymous.GetAsync($"/api/v1/guest-calls/{link2.Token}").Problem(HttpStatusCode.NotFound);
        // Her page, still asking, learns that it ended (and nothing of who was in it); her media is refused.
        var after = await guest.GetJson<GuestCallResponse>($"{guestUrl}/state");
        Assert.Equal((true, 0), (after.Ended, after.Participants.Count));
        await guest.PostJsonAsync($"{guestUrl}/media/candidate", new MediaCandidateRequest(joined.LegId, "publisher", null, null, null)).Problem(HttpStatusCode.NotFound);
    }
}
