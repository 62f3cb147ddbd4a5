using System.Net;
using System.Security.Cryptography;
using System.Text;
using Sfera.Calls;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Messages;
using Sfera.People;
using Sfera.Realtime;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>
/// Direct calls through the API and real hub connections: ringing in every tab, accepting in one, the signalling
/// relay between the two tabs in the call, the ring running out, declining, busy people, the notes the chat keeps,
/// and who may not call. (The media itself is exercised in real browsers by CallsInBrowserTests.)
/// </summary>
public sealed class CallTests : IAsyncLifetime
{
    private const string TurnSecret = "a-long-test-secret-for-turn";

    // Its own server: these tests move the clock (ring time, call durations).
    private readonly SferaApp app = new(new()
    {
        ["Calls:Turn:Urls:0"] = "turn:127.0.0.1:3478?transport=udp",
        ["Calls:Turn:Urls:1"] = "turn:127.0.0.1:3478?transport=tcp",
        ["Calls:Turn:Secret"] = TurnSecret,
        ["Calls:ConnectionCheckSeconds"] = "1",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static async Task<Guid> PersonalChatAsync(SchoolCast cast, Person from, Person to) =>
        (await from.Client.PostJsonAsync(cast.School.Url("/chats/personal"), new PersonalChatRequest(to.AccountId))
            .Read<ChatDetailResponse>(HttpStatusCode.Created)).Chat.Id;

    private static Task<HttpResponseMessage> StartAsync(SchoolCast cast, Person caller, Guid chatId, HubProbe? tab = null, bool video = true) =>
        caller.Client.PostJsonAsync(cast.School.Url($"/chats/{chatId}/calls"), new StartCallRequest(video, tab?.ConnectionId));

    private static string CallUrl(SchoolCast cast, Guid chatId, Guid callId, string action = "") => cast.School.Url($"/chats/{chatId}/calls/{callId}{action}");

    private static async Task<List<MessageResponse>> NotesAsync(SchoolCast cast, Person who, Guid chatId) =>
        (await who.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chatId}/messages"))).Items.Where(m => m.Call is not null).ToList();

    /// <summary>The next CallChanged this tab hears that satisfies the condition (earlier states of the call are skipped).</summary>
    private static async Task<CallResponse> CallWhereAsync(HubProbe tab, Func<CallResponse, bool> condition)
    {
        while (true)
        {
            var e = await tab.NextOfAsync<CallEvent>(nameof(IChatClient.CallChanged));
            if (condition(e.Call)) return e.Call;
        }
    }

    private static ParticipantState StateOf(CallResponse call, Person who) => call.Participants.Single(p => p.AccountId == who.AccountId).State;

    [Fact]
    public async Task A_parent_calls_the_class_teacher_who_answers_in_one_of_two_tabs_and_the_chat_notes_how_long_they_talked()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chatId = await PersonalChatAsync(cast, cast.Parent, cast.ClassTeacher);
        await using var parentTab = await HubProbe.ConnectAsync(app, cast.Parent);
        await using var teacherLaptop = await HubProbe.ConnectAsync(app, cast.ClassTeacher);
        await using var teacherPhone = await HubProbe.ConnectAsync(app, cast.ClassTeacher);

        var started = await StartAsync(cast, cast.Parent, chatId, parentTab).Read<JoinedCallResponse>(HttpStatusCode.Created);
        Assert.Equal(CallKind.Direct, started.Call.Kind);
        Assert.Equal(ParticipantState.Ringing, StateOf(started.Call, cast.ClassTeacher));
        // ICE servers: the install's own TURN, with coturn's time-limited credentials (use-auth-secret).
        var turn = Assert.Single(started.IceServers);
        Assert.Equal(["turn:127.0.0.1:3478?transport=udp", "turn:127.0.0.1:3478?transport=tcp"], turn.Urls);
        var expiry = DateTimeOffset.FromUnixTimeSeconds(long.Parse(turn.Username!.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(expiry - app.Clock.GetUtcNow(), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15));
#pragma warning disable CA5350 // coturn's scheme is HMAC-SHA1
        Assert.Equal(Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(TurnSecret), Encoding.UTF8.GetBytes(turn.Username))), turn.Credential);
#pragma warning restore CA5350

        // A tab opened now finds the ringing call; the parent's does not.
        Assert.Equal(started.Call.Id, Assert.Single(await cast.ClassTeacher.Client.GetJson<List<CallResponse>>(cast.School.Url("/calls/ringing"))).Id);
        Assert.Empty(await cast.Parent.Client.GetJson<List<CallResponse>>(cast.School.Url("/calls/ringing")));

        // Both of the teacher's tabs ring.
        foreach (var tab in new[] { teacherLaptop, teacherPhone })
            Assert.Equal(ParticipantState.Ringing, StateOf(await CallWhereAsync(tab, c => c.Id == started.Call.Id), cast.ClassTeacher));

        // The laptop answers; the phone hears that the teacher is in the call now, and stops ringing.
        var answered = await cast.ClassTeacher.Client.PostJsonAsync(CallUrl(cast, chatId, started.Call.Id, "/join"), new JoinCallRequest(teacherLaptop.ConnectionId))
            .Read<JoinedCallResponse>();
        Assert.NotEqual(started.LegId, answered.LegId);
        Assert.NotNull(answered.Call.AnsweredAt);
        await CallWhereAsync(teacherPhone, c => StateOf(c, cast.ClassTeacher) == ParticipantState.Joined);
        Assert.Empty(await cast.ClassTeacher.Client.GetJson<List<CallResponse>>(cast.School.Url("/calls/ringing")));
        await CallWhereAsync(parentTab, c => StateOf(c, cast.ClassTeacher) == ParticipantState.Joined);

        // Signalling goes from one leg to the other, and only from a leg of one's own.
        await cast.Parent.Client.PostJsonAsync(CallUrl(cast, chatId, started.Call.Id, "/signal"), new CallSignalRequest(started.LegId, "offer", "v=0 offer", null, null, null))
            .Expect(HttpStatusCode.NoContent);
        var offer = await teacherLaptop.NextOfAsync<CallSignalEvent>(nameof(IChatClient.CallSignal));
        Assert.Equal((answered.LegId, "offer", "v=0 offer"), (offer.ToLeg, offer.Type, offer.Sdp));
        await cast.ClassTeacher.Client.PostJsonAsync(CallUrl(cast, chatId, started.Call.Id, "/signal"),
            new CallSignalRequest(answered.LegId, "candidate", null, "candidate:1 1 udp 2122260223 10.99.0.2 50000 typ host", "0", 0)).Expect(HttpStatusCode.NoContent);
        var candidate = await parentTab.NextOfAsync<CallSignalEvent>(nameof(IChatClient.CallSignal));
        Assert.Equal((started.LegId, "candidate", "0", 0), (candidate.ToLeg, candidate.Type, candidate.SdpMid, candidate.SdpMLineIndex));
        var foreignLeg = await cast.Parent.Client.PostJsonAsync(CallUrl(cast, chatId, started.Call.Id, "/signal"),
            new CallSignalRequest(answered.LegId, "answer", "v=0 forged", null, null, null)).Problem(HttpStatusCode.Forbidden);
        Assert.Equal("Вы не участвуете в этом звонке.", foreignLeg.GetProperty("title").GetString());
        var bad = await cast.Parent.Client.PostJsonAsync(CallUrl(cast, chatId, started.Call.Id, "/signal"),
            new CallSignalRequest(started.LegId, "pranswer", null, null, null, null)).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("type", bad.Fields());

        // Eight minutes later the teacher hangs up: the call has ended for both, and the chat says how long it was.
        app.Clock.Advance(TimeSpan.FromMinutes(8));
        var ended = await cast.ClassTeacher.Client.PostJsonAsync(CallUrl(cast, chatId, started.Call.Id, "/leave"), new LeaveCallRequest(answered.LegId))
            .Read<CallResponse>();
        Assert.Equal(CallEndReason.Ended, ended.EndReason);
        Assert.Equal(CallEndReason.Ended, (await CallWhereAsync(parentTab, c => c.EndedAt is not null)).EndReason);
        var notes = await NotesAsync(cast, cast.Parent, chatId);
        Assert.Equal([CallNote.Started, CallNote.Ended], notes.Select(n => n.Call!.Event));
        Assert.All(notes, n => Assert.Equal(cast.Parent.AccountId, n.SenderId));
        Assert.Equal(8 * 60, notes[1].Call!.DurationSeconds);
        Assert.True(notes[1].Call!.Video);
        Assert.Equal(HttpStatusCode.NoContent, (await cast.Parent.Client.GetAsync(cast.School.Url($"/chats/{chatId}/calls/current"))).StatusCode);
    }

    [Fact]
    public async Task A_declined_an_unanswered_and_a_cancelled_call_each_leave_their_note()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chatId = await PersonalChatAsync(cast, cast.Parent, cast.ClassTeacher);
        await using var parentTab = await HubProbe.ConnectAsync(app, cast.Parent);

        // Declined.
        var first = await StartAsync(cast, cast.Parent, chatId, parentTab, video: false).Read<JoinedCallResponse>(HttpStatusCode.Created);
        var declined = await cast.ClassTeacher.Client.PostAsync(CallUrl(cast, chatId, first.Call.Id, "/decline"), null).Read<CallResponse>();
        Assert.Equal((CallEndReason.Declined, ParticipantState.Declined), (declined.EndReason, StateOf(declined, cast.ClassTeacher)));
        Assert.Equal(CallEndReason.Declined, (await CallWhereAsync(parentTab, c => c.Id == first.Call.Id && c.EndedAt is not null)).EndReason);
        // Once ended, it can be neither accepted nor declined.
        await cast.ClassTeacher.Client.PostJsonAsync(CallUrl(cast, chatId, first.Call.Id, "/join"), new JoinCallRequest(null)).Problem(HttpStatusCode.Conflict);

        // Unanswered: the ring runs out after 45 seconds and the call is missed (the server's sweeper notices).
        var second = await StartAsync(cast, cast.Parent, chatId, parentTab).Read<JoinedCallResponse>(HttpStatusCode.Created);
        app.Clock.Advance(CallService.RingTime + TimeSpan.FromSeconds(1));
        Assert.Equal(CallEndReason.Missed, (await CallWhereAsync(parentTab, c => c.Id == second.Call.Id && c.EndedAt is not null)).EndReason);
        await cast.ClassTeacher.Client.PostJsonAsync(CallUrl(cast, chatId, second.Call.Id, "/join"), new JoinCallRequest(null)).Problem(HttpStatusCode.Conflict);

        // Cancelled by the caller before an answer: missed too, for the teacher.
        var third = await StartAsync(cast, cast.Parent, chatId, parentTab).Read<JoinedCallResponse>(HttpStatusCode.Created);
        var cancelled = await cast.Parent.Client.PostJsonAsync(CallUrl(cast, chatId, third.Call.Id, "/leave"), new LeaveCallRequest(third.LegId)).Read<CallResponse>();
        Assert.Equal(CallEndReason.Missed, cancelled.EndReason);

        var notes = (await NotesAsync(cast, cast.ClassTeacher, chatId)).Select(n => (n.Call!.CallId, n.Call.Event, n.Call.DurationSeconds)).ToList();
        Assert.Equal(
            [(first.Call.Id, CallNote.Started, null), (first.Call.Id, CallNote.Declined, null), (second.Call.Id, CallNote.Started, null),
             (second.Call.Id, CallNote.Missed, null), (third.Call.Id, CallNote.Started, null), (third.Call.Id, CallNote.Missed, (int?)null)],
            notes);
        // A missed call is unread for the teacher.
        var summary = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Personal);
        Assert.Equal(6, summary.UnreadCount);
        Assert.False(first.Call.Video);
    }

    [Fact]
    public async Task A_busy_person_cannot_be_rung_twice_and_a_chat_holds_one_call_at_a_time()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var parentChat = await PersonalChatAsync(cast, cast.Parent, cast.ClassTeacher);
        var otherChat = await PersonalChatAsync(cast, cast.OtherParent, cast.ClassTeacher);
        var call = await StartAsync(cast, cast.Parent, parentChat).Read<JoinedCallResponse>(HttpStatusCode.Created);

        var busy = await StartAsync(cast, cast.OtherParent, otherChat).Problem(HttpStatusCode.Conflict);
        Assert.Equal("Собеседник сейчас разговаривает. Позвоните позже.", busy.GetProperty("title").GetString());
        var again = await StartAsync(cast, cast.ClassTeacher, parentChat).Problem(HttpStatusCode.Conflict);
        Assert.Equal(call.Call.Id, again.GetProperty("callId").GetGuid());
        var current = await cast.ClassTeacher.Client.GetJson<CallResponse>(cast.School.Url($"/chats/{parentChat}/calls/current"));
        Assert.Equal(call.Call.Id, current.Id);

        // Once the first call ends, the teacher can be rung again.
        await cast.ClassTeacher.Client.PostAsync(CallUrl(cast, parentChat, call.Call.Id, "/decline"), null).Expect(HttpStatusCode.OK);
        await StartAsync(cast, cast.OtherParent, otherChat).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Closing_the_tab_that_is_in_the_call_hangs_up()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chatId = await PersonalChatAsync(cast, cast.Parent, cast.ClassTeacher);
        await using var parentTab = await HubProbe.ConnectAsync(app, cast.Parent);
        var teacherTab = await HubProbe.ConnectAsync(app, cast.ClassTeacher);
        var call = await StartAsync(cast, cast.Parent, chatId, parentTab).Read<JoinedCallResponse>(HttpStatusCode.Created);
        await cast.ClassTeacher.Client.PostJsonAsync(CallUrl(cast, chatId, call.Call.Id, "/join"), new JoinCallRequest(teacherTab.ConnectionId)).Expect(HttpStatusCode.OK);

        await teacherTab.DisposeAsync();
        Assert.Equal(CallEndReason.Ended, (await CallWhereAsync(parentTab, c => c.EndedAt is not null)).EndReason);
    }

    [Fact]
    public async Task A_tab_whose_node_died_is_let_go_and_the_call_ends()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chatId = await PersonalChatAsync(cast, cast.Parent, cast.ClassTeacher);
        await using var parentTab = await HubProbe.ConnectAsync(app, cast.Parent);
        var call = await StartAsync(cast, cast.Parent, chatId, parentTab).Read<JoinedCallResponse>(HttpStatusCode.Created);

        // The teacher answers from a tab whose hub connection was on a node that was killed since: it never said
        // goodbye, and no live node holds that connection. The teacher is let go, which ends a direct call.
        await cast.ClassTeacher.Client.PostJsonAsync(CallUrl(cast, chatId, call.Call.Id, "/join"), new JoinCallRequest("connection-on-a-node-that-died"))
            .Expect(HttpStatusCode.OK);
        var ended = await CallWhereAsync(parentTab, c => c.EndedAt is not null);
        Assert.Equal(CallEndReason.Ended, ended.EndReason);
        Assert.Equal(ParticipantState.Left, StateOf(ended, cast.ClassTeacher));
    }

    [Fact]
    public async Task Answering_from_a_second_tab_moves_the_call_there_and_tells_the_first_tab_goodbye()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chatId = await PersonalChatAsync(cast, cast.Parent, cast.ClassTeacher);
        await using var teacherTab = await HubProbe.ConnectAsync(app, cast.ClassTeacher);
        var call = await StartAsync(cast, cast.Parent, chatId).Read<JoinedCallResponse>(HttpStatusCode.Created);
        var first = await cast.ClassTeacher.Client.PostJsonAsync(CallUrl(cast, chatId, call.Call.Id, "/join"), new JoinCallRequest(null)).Read<JoinedCallResponse>();
        var second = await cast.ClassTeacher.Client.PostJsonAsync(CallUrl(cast, chatId, call.Call.Id, "/join"), new JoinCallRequest(null)).Read<JoinedCallResponse>();

        var bye = await teacherTab.NextOfAsync<CallSignalEvent>(nameof(IChatClient.CallSignal));
        Assert.Equal((first.LegId, "bye"), (bye.ToLeg, bye.Type));
        // The first tab's leg is gone: it can no longer signal or hang up the call.
        await cast.ClassTeacher.Client.PostJsonAsync(CallUrl(cast, chatId, call.Call.Id, "/leave"), new LeaveCallRequest(first.LegId)).Problem(HttpStatusCode.Forbidden);
        await cast.ClassTeacher.Client.PostJsonAsync(CallUrl(cast, chatId, call.Call.Id, "/signal"), new CallSignalRequest(second.LegId, "answer", "v=0", null, null, null))
            .Expect(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Nobody_outside_the_chat_or_the_contact_policy_can_call_and_nothing_about_a_call_is_revealed()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chatId = await PersonalChatAsync(cast, cast.Parent, cast.ClassTeacher);
        var call = await StartAsync(cast, cast.Parent, chatId).Read<JoinedCallResponse>(HttpStatusCode.Created);
        var outsider = (await Cast.CreateSchoolAsync(app)).Admin;

        // Another school's member, and a member of this school outside the chat (even its administrator): 404 everywhere.
        foreach (var stranger in new[] { outsider, cast.Admin, cast.OtherParent })
        {
            await StartAsync(cast, stranger, chatId).Problem(HttpStatusCode.NotFound);
            await stranger.Client.GetAsync(CallUrl(cast, chatId, call.Call.Id)).Problem(HttpStatusCode.NotFound);
            await stranger.Client.GetAsync(cast.School.Url($"/chats/{chatId}/calls/current")).Problem(HttpStatusCode.NotFound);
            await stranger.Client.PostJsonAsync(CallUrl(cast, chatId, call.Call.Id, "/join"), new JoinCallRequest(null)).Problem(HttpStatusCode.NotFound);
            await stranger.Client.PostAsync(CallUrl(cast, chatId, call.Call.Id, "/decline"), null).Problem(HttpStatusCode.NotFound);
        }
        // A call of one chat is not found through another chat of the caller's.
        var studentChat = await PersonalChatAsync(cast, cast.Parent, cast.Student);
        await cast.Parent.Client.GetAsync(CallUrl(cast, studentChat, call.Call.Id)).Problem(HttpStatusCode.NotFound);
        await cast.ClassTeacher.Client.PostAsync(CallUrl(cast, chatId, call.Call.Id, "/decline"), null).Expect(HttpStatusCode.OK);

        // A parent whose link to the child is removed mid-call can no longer signal in it, nor ring the child again.
        var toChild = await StartAsync(cast, cast.Parent, studentChat).Read<JoinedCallResponse>(HttpStatusCode.Created);
        var childLeg = (await cast.Student.Client.PostJsonAsync(CallUrl(cast, studentChat, toChild.Call.Id, "/join"), new JoinCallRequest(null))
            .Read<JoinedCallResponse>()).LegId;
        var link = (await cast.Admin.Client.GetJson<List<PersonResponse>>(cast.School.Url("/people?role=Parent")))
            .Single(p => p.AccountId == cast.Parent.AccountId).Children.Single();
        await cast.Admin.Client.DeleteAsync(cast.School.Url($"/guardians/{link.LinkId}")).Expect(HttpStatusCode.NoContent);
        var cut = await cast.Parent.Client.PostJsonAsync(CallUrl(cast, studentChat, toChild.Call.Id, "/signal"),
            new CallSignalRequest(toChild.LegId, "offer", "v=0", null, null, null)).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(ChatRestriction.ContactPolicy.ToString(), cut.GetProperty("restriction").GetString());
        await cast.Student.Client.PostJsonAsync(CallUrl(cast, studentChat, toChild.Call.Id, "/leave"), new LeaveCallRequest(childLeg)).Expect(HttpStatusCode.OK);
        var closed = await StartAsync(cast, cast.Parent, studentChat).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(ChatRestriction.ContactPolicy.ToString(), closed.GetProperty("restriction").GetString());
        Assert.Equal([CallNote.Started, CallNote.Ended], (await NotesAsync(cast, cast.Student, studentChat)).Select(n => n.Call!.Event));

        // Announcements never ring; group calls say plainly that this server has none set up.
        var announcements = await cast.ChatAsync(cast.Admin, ChatKind.Announcements);
        await StartAsync(cast, cast.Admin, announcements.Id).Problem(HttpStatusCode.Forbidden);
        var staffRoom = await cast.ChatAsync(cast.Admin, ChatKind.Staff);
        var group = await StartAsync(cast, cast.Admin, staffRoom.Id).Problem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Групповые звонки на этом сервере не настроены. Звонки один на один работают.", group.GetProperty("title").GetString());
    }
}
