using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sfera.Calls.Janus;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>The Janus client against a real Janus (its HTTP API on loopback; no media, so no namespace needed).</summary>
public sealed class JanusClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);
    private JanusServers servers = null!;
    private JanusClient janus = null!;

    public async Task InitializeAsync()
    {
        var server = await JanusServer.SharedAsync();
        servers = new JanusServers(Options.Create(new JanusOptions { Servers = [server.Options] }), NullLoggerFactory.Instance);
        janus = servers.All.Single();
    }

    public async Task DisposeAsync() => await servers.DisposeAsync();

    [Fact]
    public async Task Configured_server_answers_info_with_the_VideoRoom_plugin()
    {
        var info = await janus.InfoAsync(CancellationToken.None);

        Assert.StartsWith("1.", info.VersionString, StringComparison.Ordinal);
        Assert.Equal(new[] { "janus.plugin.videoroom" }, info.Plugins);
    }

    [Fact]
    public async Task A_room_lives_from_create_to_destroy_and_only_its_secret_manages_it()
    {
        await using var session = await janus.CreateSessionAsync(CancellationToken.None);
        await using var control = await session.AttachVideoRoomAsync(CancellationToken.None);
        var roomId = NewRoomId();
        var ct = CancellationToken.None;

        var created = await control.CreateRoomAsync(new VideoRoomSettings { Room = roomId, Secret = "lesson-secret", Description = "7Б, алгебра" }, ct);
        Assert.Equal(roomId, created);
        Assert.True(await control.ExistsAsync(roomId, ct));

        var again = await Assert.ThrowsAsync<JanusException>(() => control.CreateRoomAsync(new VideoRoomSettings { Room = roomId, Secret = "other" }, ct));
        Assert.Equal(VideoRoomErrors.RoomExists, again.Code);
        Assert.Equal(VideoRoomHandle.Plugin, again.Origin);

        await using var teacher = await session.AttachVideoRoomAsync(ct);
        var joined = await teacher.JoinAsPublisherAsync(roomId, 0, "Анна Петровна", ct);
        Assert.Equal(roomId, joined.Room);
        var participant = Assert.Single(await control.ListParticipantsAsync(roomId, ct));
        Assert.Equal((joined.Id, "Анна Петровна", false), (participant.Id, participant.Display, participant.Publisher));

        var refused = await Assert.ThrowsAsync<JanusException>(() => control.KickAsync(roomId, "not-the-secret", joined.Id, ct));
        Assert.Equal(VideoRoomErrors.Unauthorized, refused.Code);
        Assert.Single(await control.ListParticipantsAsync(roomId, ct));

        await control.DestroyRoomAsync(roomId, "lesson-secret", ct);
        Assert.False(await control.ExistsAsync(roomId, ct));
        var notice = await NextNoticeAsync(teacher);
        Assert.Equal(new VideoRoomNotice.RoomDestroyed(roomId), notice);
    }

    [Fact]
    public async Task Participants_hear_of_joins_and_kicks_through_their_handles()
    {
        var ct = CancellationToken.None;
        await using var session = await janus.CreateSessionAsync(ct);
        await using var control = await session.AttachVideoRoomAsync(ct);
        var roomId = await control.CreateRoomAsync(new VideoRoomSettings { Secret = "s" }, ct);
        await using var teacher = await session.AttachVideoRoomAsync(ct);
        await using var student = await session.AttachVideoRoomAsync(ct);
        var teacherJoined = await teacher.JoinAsPublisherAsync(roomId, 0, "Учитель", ct);

        var studentJoined = await student.JoinAsPublisherAsync(roomId, 0, "Ученик", ct);

        Assert.Equal(new[] { new VideoRoomAttendee(teacherJoined.Id, "Учитель") }, studentJoined.Attendees);
        Assert.Equal(new VideoRoomNotice.Joining(roomId, studentJoined.Id, "Ученик"), await NextNoticeAsync(teacher));

        await control.KickAsync(roomId, "s", studentJoined.Id, ct);

        Assert.Equal(new VideoRoomNotice.LeftRoom(roomId, "kicked"), await NextNoticeAsync(student));
        Assert.Equal(new VideoRoomNotice.Kicked(roomId, studentJoined.Id), await NextNoticeAsync(teacher));
        Assert.Equal(teacherJoined.Id, Assert.Single(await control.ListParticipantsAsync(roomId, ct)).Id);
        await control.DestroyRoomAsync(roomId, "s", ct);
    }

    [Fact]
    public async Task A_publisher_renames_itself_and_cannot_be_subscribed_to_before_it_sends()
    {
        var ct = CancellationToken.None;
        await using var session = await janus.CreateSessionAsync(ct);
        await using var control = await session.AttachVideoRoomAsync(ct);
        var roomId = await control.CreateRoomAsync(new VideoRoomSettings { Secret = "s" }, ct);
        await using var student = await session.AttachVideoRoomAsync(ct);
        var joined = await student.JoinAsPublisherAsync(roomId, 0, "Ученик", ct);

        await student.ConfigurePublisherAsync(new PublisherConfiguration { Display = "Ученик 7Б" }, ct);
        await using var viewer = await session.AttachVideoRoomAsync(ct);
        var early = await Assert.ThrowsAsync<JanusException>(() =>
            viewer.JoinAsSubscriberAsync(roomId, [new VideoRoomStreamRequest(joined.Id)], joined.PrivateId, ct));

        Assert.Equal("Ученик 7Б", Assert.Single(await control.ListParticipantsAsync(roomId, ct)).Display);
        Assert.Equal(VideoRoomErrors.NoSuchFeed, early.Code);
        await control.DestroyRoomAsync(roomId, "s", ct);
    }

    [Fact]
    public async Task Asynchronous_request_errors_carry_Janus_code()
    {
        await using var session = await janus.CreateSessionAsync(CancellationToken.None);
        await using var handle = await session.AttachVideoRoomAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<JanusException>(() => handle.JoinAsPublisherAsync(NewRoomId(), 0, "x", CancellationToken.None));

        Assert.Equal(VideoRoomErrors.NoSuchRoom, error.Code);
    }

    [Fact]
    public async Task A_destroyed_session_stops_polling_and_refuses_requests()
    {
        var session = await janus.CreateSessionAsync(CancellationToken.None);
        var handle = await session.AttachVideoRoomAsync(CancellationToken.None);
        Assert.False(session.Closed.IsCompleted);

        await session.DestroyAsync(CancellationToken.None);

        // The long poll is cancelled at once rather than waiting out Janus's 30 s keepalive.
        Assert.Equal("destroyed", await session.Closed.WaitAsync(Soon));
        await handle.Events.Completion.WaitAsync(Soon);
        await session.DisposeAsync().AsTask().WaitAsync(Soon);
        Assert.Equal(0, janus.OpenSessions);
        var refused = await Assert.ThrowsAsync<JanusException>(() => session.AttachVideoRoomAsync(CancellationToken.None));
        Assert.Equal(JanusErrors.SessionNotFound, refused.Code);
    }

    [Fact]
    public async Task A_session_Janus_no_longer_knows_ends_by_itself()
    {
        var server = await JanusServer.SharedAsync();
        await using var quick = new JanusServers(Options.Create(new JanusOptions { Servers = [server.Options], KeepAliveSeconds = 1 }),
            NullLoggerFactory.Instance);
        var client = quick.All.Single();
        await using var session = await client.CreateSessionAsync(CancellationToken.None);
        await using var other = await client.CreateSessionAsync(CancellationToken.None);
        var handle = await session.AttachVideoRoomAsync(CancellationToken.None);

        // Destroyed behind its back (as a Janus restart would): its next keepalive or poll finds it gone.
        using var http = new HttpClient();
        using var destroyed = await http.PostAsJsonAsync($"{server.ApiUrl}/{session.Id}",
            new { janus = "destroy", transaction = "t", apisecret = server.ApiSecret });
        Assert.Contains("\"success\"", await destroyed.Content.ReadAsStringAsync());

        Assert.Equal("unknown to Janus", await session.Closed.WaitAsync(Soon));
        await handle.Events.Completion.WaitAsync(Soon);
        Assert.False(other.Closed.IsCompleted);
    }

    [Fact]
    public async Task A_wrong_api_secret_is_refused()
    {
        var server = await JanusServer.SharedAsync();
        var options = server.Options;
        options.ApiSecret = "wrong";
        await using var wrong = new JanusServers(Options.Create(new JanusOptions { Servers = [options] }), NullLoggerFactory.Instance);

        var error = await Assert.ThrowsAsync<JanusException>(() => wrong.All.Single().CreateSessionAsync(CancellationToken.None));

        Assert.Equal(JanusErrors.Unauthorized, error.Code);
    }

    private static long NewRoomId() => Random.Shared.NextInt64(1, 1L << 52);

    private static async Task<VideoRoomNotice> NextNoticeAsync(VideoRoomHandle handle)
    {
        using var timeout = new CancellationTokenSource(Soon);
        return VideoRoomNotice.Read(await handle.Events.ReadAsync(timeout.Token));
    }
}
