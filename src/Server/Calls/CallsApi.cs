using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Realtime;
using Sfera.Schools;

namespace Sfera.Calls;

/// <summary>
/// Calls in a chat. Who may call follows the chat: its members, while the contact policy lets its people reach each
/// other (a personal chat the policy has closed cannot ring), not where only moderators write unless one is a moderator,
/// never in announcements. Everything else is 404 (the chat group's check). A direct call (personal chat) rings
/// every open tab of the other person; one tab accepts and gets a leg, the tabs signal each other through the server
/// (<see cref="Signal"/>), and the media goes peer to peer, relayed by the install's TURN server when it must be.
/// </summary>
public static class CallsApi
{
    public static void MapCalls(this IEndpointRouteBuilder routes)
    {
        routes.MapSchoolGroup("Calls").MapGet("/calls/ringing", Ringing)
            .WithSummary("Calls ringing for the caller in this school now (for a tab opened while one rings).");
        var chat = routes.MapChatGroup("Calls");
        chat.MapPost("/calls", Start).WithSummary("Starts a call in the chat: a personal chat rings the other person's every open tab.");
        chat.MapGet("/calls/current", Current).WithSummary("The chat's call in progress (ringing or active), or 204 when there is none.");
        chat.MapGet("/calls/{callId:guid}", Get).WithSummary("One call of the chat, ended or not, with who is in it.");
        chat.MapPost("/calls/{callId:guid}/join", Join).WithSummary("Accepts a ringing call or joins one in progress from this tab; answers with the tab's leg and ICE servers.");
        chat.MapPost("/calls/{callId:guid}/decline", Decline).WithSummary("Declines a call ringing for the caller: the call ends as declined.");
        chat.MapPost("/calls/{callId:guid}/leave", Leave).WithSummary("This tab hangs up. A direct call ends with it; a group call when the last one leaves.");
        chat.MapPost("/calls/{callId:guid}/media/publish", Publish).RequireRateLimiting(RateLimits.CallSignals)
            .WithSummary("Group calls: this tab's SDP offer to send its camera and microphone; answers with the SFU's SDP answer.");
        chat.MapPost("/calls/{callId:guid}/media/subscribe", Subscribe).RequireRateLimiting(RateLimits.CallSignals)
            .WithSummary("Group calls: receive everyone who publishes; answers with the SFU's SDP offer and whose stream each mid carries.");
        chat.MapPost("/calls/{callId:guid}/media/answer", Answer).RequireRateLimiting(RateLimits.CallSignals)
            .WithSummary("Group calls: this tab's SDP answer to its subscription offer.");
        chat.MapPost("/calls/{callId:guid}/media/configure", Configure).RequireRateLimiting(RateLimits.CallSignals)
            .WithSummary("Group calls: picks the simulcast layer of received streams, or pauses them, in one request.");
        chat.MapPost("/calls/{callId:guid}/media/state", MediaState).RequireRateLimiting(RateLimits.CallSignals)
            .WithSummary("Group calls: what this tab sends now (microphone, camera, screen), for the others to see.");
        chat.MapPost("/calls/{callId:guid}/media/candidate", Candidate).RequireRateLimiting(RateLimits.CallSignals)
            .WithSummary("Group calls: an ICE candidate of this tab's sending or receiving connection.");
        chat.MapPost("/calls/{callId:guid}/hand", Hand).WithSummary("Group calls: raises or lowers the caller's hand (hands are listed in order of raising).");
        chat.MapPost("/calls/{callId:guid}/unmute", Unmute).WithSummary("Group calls: the caller's microphone back on after a host muted it, unless the host has locked that.");
        chat.MapPut("/calls/{callId:guid}/settings", Settings).WithSummary("A host locks the call, locks microphones, or turns the waiting room on or off.");
        chat.MapPost("/calls/{callId:guid}/participants/{accountId:guid}/mute", HostMute).WithSummary("A host switches off (or on) someone's microphone or camera for everyone.");
        chat.MapPost("/calls/{callId:guid}/participants/{accountId:guid}/remove", Remove).WithSummary("A host removes someone from the call; they cannot join it again.");
        chat.MapPost("/calls/{callId:guid}/participants/{accountId:guid}/admit", Admit).WithSummary("A host lets someone in from the waiting room.");
        chat.MapPost("/calls/{callId:guid}/participants/{accountId:guid}/deny", Deny).WithSummary("A host turns someone in the waiting room away.");
        chat.MapPost("/calls/{callId:guid}/admit-all", AdmitAll).WithSummary("A host lets everyone in the waiting room in.");
        chat.MapPost("/calls/{callId:guid}/end", End).WithSummary("A host ends the call for everyone.");
        chat.MapPost("/calls/{callId:guid}/signal", Signal).RequireRateLimiting(RateLimits.CallSignals)
            .WithSummary("Relays an SDP offer or answer or an ICE candidate from this tab to the other side of a direct call.");
    }

    /// <summary>The caller may call, or join a call, in this chat now: the same rules as writing in it, and not in announcements.</summary>
    private static async Task<ProblemHttpResult?> MayCallAsync(SferaDb db, ChatMembership access)
    {
        if (access.Chat.Kind == ChatKind.Announcements) return Problems.Status(403, "calls_not_here");
        if (!access.MayPost) return Problems.Status(403, "read_only");
        if (await ChatPolicy.RestrictionAsync(db, access.Chat) is var restriction and not ChatRestriction.None) return ChatPolicy.Problem(restriction);
        return null;
    }

    private static ValidationProblem? CheckConnection(string? connectionId) =>
        connectionId is { Length: > 100 } || (connectionId is not null && TextRules.HasControl(connectionId)) ? Problems.Field("connectionId", "invalid") : null;

    private static async Task<Results<Created<JoinedCallResponse>, ProblemHttpResult, ValidationProblem>> Start(
        SchoolMember member, ChatMembership access, StartCallRequest request, SferaDb db, CallService calls, GroupMedia media, IceServers ice, TimeProvider clock)
    {
        if (CheckConnection(request.ConnectionId) is { } invalid) return invalid;
        if (await MayCallAsync(db, access) is { } refused) return refused;
        var group = access.Chat.Kind != ChatKind.Personal;
        if (group && !media.Available) return Problems.Status(503, "group_calls_unavailable");
        if (await calls.ActiveInChatAsync(access.ChatId) is { } existing)
            return Problems.Status(409, "call_in_progress", new Dictionary<string, object?> { ["callId"] = existing.Id });
        if (group) return await StartGroupAsync(member, access, request, db, calls, media, ice, clock);
        var callee = await db.ChatMembers.Where(m => m.ChatId == access.ChatId && m.AccountId != member.AccountId).Select(m => m.AccountId).FirstOrDefaultAsync();
        if (callee == Guid.Empty) return Problems.NotFound();
        if (await calls.IsBusyAsync(member.AccountId)) return Problems.Status(409, "in_another_call");
        if (await calls.IsBusyAsync(callee)) return Problems.Status(409, "busy");

        var now = clock.GetUtcNow();
        var call = new Call
        {
            Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, ChatId = access.ChatId, Kind = CallKind.Direct, Video = request.Video,
            StartedBy = member.AccountId, StartedAt = now, RingUntil = now + CallService.RingTime,
        };
        var leg = Guid.NewGuid();
        db.Calls.Add(call);
        db.CallParticipants.Add(new CallParticipant
        {
            Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, CallId = call.Id, AccountId = member.AccountId, State = ParticipantState.Joined,
            LegId = leg, ConnectionId = request.ConnectionId, JoinedAt = now,
        });
        db.CallParticipants.Add(new CallParticipant
            { Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, CallId = call.Id, AccountId = callee, State = ParticipantState.Ringing });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The chat's one-active-call index: someone started a call here at the same moment.
            db.ChangeTracker.Clear();
            var racing = await calls.ActiveInChatAsync(access.ChatId);
            return Problems.Status(409, "call_in_progress", new Dictionary<string, object?> { ["callId"] = racing?.Id });
        }
        await calls.NoteAsync(call, CallNote.Started);
        await calls.AnnounceAsync(call.Id);
        return TypedResults.Created($"/api/v1/schools/{member.SchoolId}/chats/{access.ChatId}/calls/{call.Id}",
            new JoinedCallResponse(await calls.ResponseAsync(call), leg, ice.For(member.AccountId)));
    }

    private static async Task<Results<Ok<CallResponse>, NoContent>> Current(ChatMembership access, CallService calls) =>
        await calls.ActiveInChatAsync(access.ChatId) is { } call ? TypedResults.Ok(await calls.ResponseAsync(call)) : TypedResults.NoContent();

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> Get(ChatMembership access, Guid callId, SferaDb db, CallService calls) =>
        await FindAsync(db, access, callId) is { } call ? TypedResults.Ok(await calls.ResponseAsync(call)) : Problems.NotFound();

    private static Task<Call?> FindAsync(SferaDb db, ChatMembership access, Guid callId) =>
        db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId && c.ChatId == access.ChatId);

    private static Task<CallParticipant?> MeAsync(SferaDb db, Guid callId, Guid accountId) =>
        db.CallParticipants.AsNoTracking().FirstOrDefaultAsync(p => p.CallId == callId && p.AccountId == accountId);

    private static async Task<Results<Ok<JoinedCallResponse>, ProblemHttpResult, ValidationProblem>> Join(
        SchoolMember member, ChatMembership access, Guid callId, JoinCallRequest request, SferaDb db, CallService calls, GroupMedia media, IceServers ice, Outbox outbox,
        TimeProvider clock)
    {
        if (CheckConnection(request.ConnectionId) is { } invalid) return invalid;
        if (await FindAsync(db, access, callId) is not { } call) return Problems.NotFound();
        if (call.EndedAt is not null) return Problems.Status(409, "call_ended");
        if (await MayCallAsync(db, access) is { } refused) return refused;
        if (call.Kind == CallKind.Group && await MeAsync(db, callId, member.AccountId) is null)
        {
            // Anyone in the chat may join a group call: their row is made on their first join.
            db.CallParticipants.Add(new CallParticipant
                { Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, CallId = callId, AccountId = member.AccountId, State = ParticipantState.Left });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // Another tab of theirs made it at the same moment.
            }
        }
        if (await MeAsync(db, callId, member.AccountId) is not { } me) return Problems.Status(403, "not_in_call");
        if (me.State == ParticipantState.Removed) return Problems.Status(403, "removed_from_call");
        var host = call.Kind == CallKind.Group && IsHost(member, access, call);
        if (call.Locked && !host && me.State is not (ParticipantState.Joined or ParticipantState.Waiting)) return Problems.Status(403, "call_locked");
        if (me.State is not (ParticipantState.Joined or ParticipantState.Ringing or ParticipantState.Waiting) && await calls.IsBusyAsync(member.AccountId))
            return Problems.Status(409, "in_another_call");
        // The waiting room: people who are not hosts wait until a host lets them in (once in, a new tab need not wait).
        var state = call.Kind == CallKind.Group && call.WaitingRoom && !host && me.State != ParticipantState.Joined
            ? ParticipantState.Waiting : ParticipantState.Joined;

        var now = clock.GetUtcNow();
        var leg = Guid.NewGuid();
        // Accepting, or joining again (another tab, a reload): the leg is this tab's now; an earlier tab is told "bye".
        // In a group call each join publishes under a new feed id; an earlier tab's feed is put out of the room.
        long? feed = call.Kind == CallKind.Group ? GroupMedia.NewId() : null;
        var changed = await db.CallParticipants.Where(p => p.Id == me.Id && p.State == me.State && p.LegId == me.LegId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, state).SetProperty(p => p.LegId, leg)
                .SetProperty(p => p.ConnectionId, request.ConnectionId).SetProperty(p => p.JoinedAt, now).SetProperty(p => p.LeftAt, (DateTimeOffset?)null)
                .SetProperty(p => p.FeedId, feed).SetProperty(p => p.Publishing, false));
        if (changed == 0) return Problems.Status(409, "call_ended");
        if (me.LegId is { } replaced)
        {
            outbox.Add(member.AccountId, c => c.CallSignal(new CallSignalEvent(member.SchoolId, callId, replaced, "bye", null, null, null, null)));
            await media.ReleaseAsync(replaced);
            if (CallService.Room(call) is { } room && me.FeedId is { } oldFeed) await media.KickAsync(room, oldFeed);
        }
        if (call.StartedBy != member.AccountId && call.Kind == CallKind.Direct)
            await db.Calls.Where(c => c.Id == callId && c.EndedAt == null && c.AnsweredAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.AnsweredAt, now).SetProperty(c => c.RingUntil, (DateTimeOffset?)null).SetProperty(c => c.Version, c => c.Version + 1));
        // The call may have ended (rung out, hung up) while this ran: then the tab is not in it after all.
        var current = await db.Calls.AsNoTracking().FirstAsync(c => c.Id == callId);
        if (current.EndedAt is not null)
        {
            await calls.LeaveAsync(callId, me.Id, leg);
            return Problems.Status(409, "call_ended");
        }
        await calls.AnnounceAsync(callId);
        return TypedResults.Ok(new JoinedCallResponse(await calls.ResponseAsync(current), leg, ice.For(member.AccountId)));
    }

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> Decline(
        SchoolMember member, ChatMembership access, Guid callId, SferaDb db, CallService calls, TimeProvider clock)
    {
        if (await FindAsync(db, access, callId) is not { } call) return Problems.NotFound();
        if (call.EndedAt is not null) return Problems.Status(409, "call_ended");
        if (await MeAsync(db, callId, member.AccountId) is not { State: ParticipantState.Ringing } me) return Problems.Status(403, "not_in_call");
        var now = clock.GetUtcNow();
        var declined = await db.CallParticipants.Where(p => p.Id == me.Id && p.State == ParticipantState.Ringing)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, ParticipantState.Declined).SetProperty(p => p.LeftAt, now));
        if (declined == 0) return Problems.Status(409, "call_ended");
        if (call.Kind == CallKind.Direct) await calls.EndAsync(callId, CallEndReason.Declined);
        else await calls.AnnounceAsync(callId);
        return TypedResults.Ok(await calls.ResponseAsync(await db.Calls.AsNoTracking().FirstAsync(c => c.Id == callId)));
    }

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> Leave(
        SchoolMember member, ChatMembership access, Guid callId, LeaveCallRequest request, SferaDb db, CallService calls)
    {
        if (await FindAsync(db, access, callId) is null) return Problems.NotFound();
        if (await MeAsync(db, callId, member.AccountId) is not { } me || me.LegId != request.LegId) return Problems.Status(403, "not_in_call");
        await calls.LeaveAsync(callId, me.Id, request.LegId);
        return TypedResults.Ok(await calls.ResponseAsync(await db.Calls.AsNoTracking().FirstAsync(c => c.Id == callId)));
    }

    private const int MaxSdp = 64 * 1024;

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Signal(
        SchoolMember member, ChatMembership access, Guid callId, CallSignalRequest request, SferaDb db, Outbox outbox)
    {
        var v = new Validator()
            .Check(request.Type is "offer" or "answer" or "candidate", "type", "enum")
            .Check(request.Type is not ("offer" or "answer") || !string.IsNullOrEmpty(request.Sdp), "sdp", "required")
            .Check((request.Sdp?.Length ?? 0) <= MaxSdp, "sdp", "too_long")
            .Check((request.Candidate?.Length ?? 0) <= 1024 && (request.SdpMid?.Length ?? 0) <= 64, "candidate", "too_long")
            .Check(request.SdpMLineIndex is null or (>= 0 and < 1000), "sdpMLineIndex", "range");
        if (!v.IsValid) return v.Problem();
        if (await FindAsync(db, access, callId) is not { } call) return Problems.NotFound();
        if (call.EndedAt is not null) return Problems.Status(409, "call_ended");
        if (await MeAsync(db, callId, member.AccountId) is not { State: ParticipantState.Joined } me || me.LegId != request.LegId)
            return Problems.Status(403, "not_in_call");
        if (call.Kind != CallKind.Direct) return Problems.Status(409, "group_calls_unavailable");
        // Checked on every signal, not only when the call began: an unlinked guardian's call to the child stops here.
        if (await ChatPolicy.RestrictionAsync(db, access.Chat) is var restriction and not ChatRestriction.None) return ChatPolicy.Problem(restriction);
        var peer = await db.CallParticipants.AsNoTracking()
            .FirstOrDefaultAsync(p => p.CallId == callId && p.AccountId != member.AccountId && p.State == ParticipantState.Joined && p.LegId != null);
        if (peer is null) return Problems.Status(409, "peer_not_joined");
        outbox.Add(peer.AccountId, c => c.CallSignal(new CallSignalEvent(member.SchoolId, callId, peer.LegId!.Value, request.Type,
            request.Sdp, request.Candidate, request.SdpMid, request.SdpMLineIndex)));
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<JoinedCallResponse>, ProblemHttpResult, ValidationProblem>> StartGroupAsync(
        SchoolMember member, ChatMembership access, StartCallRequest request, SferaDb db, CallService calls, GroupMedia media, IceServers ice, TimeProvider clock)
    {
        if (await calls.IsBusyAsync(member.AccountId)) return Problems.Status(409, "in_another_call");
        GroupRoom room;
        try
        {
            room = await media.CreateRoomAsync(await calls.LeastLoadedServerAsync(), $"chat {access.ChatId:N}");
        }
        catch (Exception e) when (e is Janus.JanusException or HttpRequestException or OperationCanceledException)
        {
            return Problems.Status(503, "group_calls_unavailable");
        }
        var now = clock.GetUtcNow();
        var call = new Call
        {
            Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, ChatId = access.ChatId, Kind = CallKind.Group, Video = request.Video,
            StartedBy = member.AccountId, StartedAt = now, JanusServer = room.Server, JanusRoom = room.Room, JanusSecret = room.Secret,
            WaitingRoom = await HasNonStaffAsync(db, member.SchoolId, access.ChatId),
        };
        var leg = Guid.NewGuid();
        db.Calls.Add(call);
        db.CallParticipants.Add(new CallParticipant
        {
            Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, CallId = call.Id, AccountId = member.AccountId, State = ParticipantState.Joined,
            LegId = leg, ConnectionId = request.ConnectionId, JoinedAt = now, FeedId = GroupMedia.NewId(),
        });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            await media.DestroyRoomAsync(room);
            var racing = await calls.ActiveInChatAsync(access.ChatId);
            return Problems.Status(409, "call_in_progress", new Dictionary<string, object?> { ["callId"] = racing?.Id });
        }
        await calls.NoteAsync(call, CallNote.Started);
        await calls.AnnounceAsync(call.Id);
        return TypedResults.Created($"/api/v1/schools/{member.SchoolId}/chats/{access.ChatId}/calls/{call.Id}",
            new JoinedCallResponse(await calls.ResponseAsync(call), leg, ice.For(member.AccountId)));
    }

    internal sealed record InGroup(Call Call, GroupRoom Room, CallParticipant Me);

    /// <summary>The caller's tab in an active group call of this chat, by its leg; or the problem to answer.</summary>
    private static async Task<(InGroup? Found, ProblemHttpResult? Problem)> InGroupAsync(SferaDb db, ChatMembership access, Guid callId, Guid legId, Guid accountId)
    {
        if (await FindAsync(db, access, callId) is not { } call) return (null, Problems.NotFound());
        if (call.EndedAt is not null) return (null, Problems.Status(409, "call_ended"));
        if (await MeAsync(db, callId, accountId) is not { State: ParticipantState.Joined, FeedId: not null } me || me.LegId != legId)
            return (null, Problems.Status(403, "not_in_call"));
        if (CallService.Room(call) is not { } room) return (null, Problems.Status(409, "group_calls_unavailable"));
        // The contact policy as it stands now: a group that lost its last member of staff stops carrying media too.
        if (await ChatPolicy.RestrictionAsync(db, access.Chat) is var restriction and not ChatRestriction.None)
            return (null, ChatPolicy.Problem(restriction));
        return (new InGroup(call, room, me), null);
    }

    internal static ValidationProblem? CheckSdp(string? sdp) =>
        string.IsNullOrEmpty(sdp) ? Problems.Field("sdp", "required") : sdp.Length > MaxSdp ? Problems.Field("sdp", "too_long") : null;

    /// <summary>Janus refused or did not answer: the tab should join again (503 for an unreachable SFU).</summary>
    internal static ProblemHttpResult MediaProblem(Exception e) =>
        e is Janus.JanusException { Code: > 0 } ? Problems.Status(409, "call_media_refused") : Problems.Status(503, "group_calls_unavailable");

    private static async Task<Results<Ok<SdpResponse>, ProblemHttpResult, ValidationProblem>> Publish(
        SchoolMember member, ChatMembership access, Guid callId, SdpRequest request, SferaDb db, GroupMedia media)
    {
        if (CheckSdp(request.Sdp) is { } invalid) return invalid;
        var (found, problem) = await InGroupAsync(db, access, callId, request.LegId, member.AccountId);
        return found is null ? problem! : await PublishAsync(found, request, db, media);
    }

    internal static async Task<Results<Ok<SdpResponse>, ProblemHttpResult, ValidationProblem>> PublishAsync(InGroup found, SdpRequest request, SferaDb db, GroupMedia media)
    {
        var (audio, video) = Mids(request.Sdp);
        await db.CallParticipants.IgnoreQueryFilters().Where(p => p.Id == found.Me.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.AudioMids, audio).SetProperty(p => p.VideoMids, video));
        try
        {
            var answer = await media.PublishAsync(request.LegId, found.Room, found.Me.FeedId!.Value, found.Me.AccountId.ToString("N"), request.Sdp);
            // A host's mute holds whatever the tab sends, a new tab or a renegotiation included.
            (found.Me.AudioMids, found.Me.VideoMids) = (audio, video);
            await ApplyHostMuteAsync(media, found.Room, found.Me);
            return TypedResults.Ok(new SdpResponse(answer));
        }
        catch (Exception e) when (e is Janus.JanusException or HttpRequestException or OperationCanceledException)
        {
            return MediaProblem(e);
        }
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Subscribe(
        SchoolMember member, ChatMembership access, Guid callId, SubscribeRequest request, SferaDb db, GroupMedia media)
    {
        var (found, problem) = await InGroupAsync(db, access, callId, request.LegId, member.AccountId);
        return found is null ? problem! : await SubscribeAsync(found, request, db, media);
    }

    internal static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> SubscribeAsync(InGroup found, SubscribeRequest request, SferaDb db, GroupMedia media)
    {
        var publishers = await db.CallParticipants.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.CallId == found.Call.Id && p.Id != found.Me.Id && p.State == ParticipantState.Joined && p.Publishing && p.FeedId != null)
            .ToDictionaryAsync(p => p.FeedId!.Value, p => p.AccountId);
        if (publishers.Count == 0) return Problems.Status(409, "nobody_publishing");
        try
        {
            var subscription = await media.SubscribeAsync(request.LegId, found.Room, found.Me.FeedId!.Value, publishers.Keys, request.Fresh);
            return TypedResults.Ok(new SubscriptionResponse(subscription.Sdp,
                [.. subscription.Streams.Where(s => publishers.ContainsKey(s.Feed)).Select(s => new SubscribedStreamResponse(s.Mid, s.Type, publishers[s.Feed]))],
                subscription.Fresh));
        }
        catch (Exception e) when (e is Janus.JanusException or HttpRequestException or OperationCanceledException)
        {
            return MediaProblem(e);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Answer(
        SchoolMember member, ChatMembership access, Guid callId, SdpRequest request, SferaDb db, GroupMedia media)
    {
        if (CheckSdp(request.Sdp) is { } invalid) return invalid;
        var (found, problem) = await InGroupAsync(db, access, callId, request.LegId, member.AccountId);
        return found is null ? problem! : await AnswerAsync(request, media);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> AnswerAsync(SdpRequest request, GroupMedia media)
    {
        if (!media.Serves(request.LegId)) return Problems.Status(409, "call_moved");
        try
        {
            await media.StartAsync(request.LegId, request.Sdp);
            return TypedResults.NoContent();
        }
        catch (KeyNotFoundException)
        {
            return Problems.Status(409, "call_moved");
        }
        catch (Exception e) when (e is Janus.JanusException or HttpRequestException or OperationCanceledException)
        {
            return MediaProblem(e);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Candidate(
        SchoolMember member, ChatMembership access, Guid callId, MediaCandidateRequest request, SferaDb db, GroupMedia media)
    {
        if (CheckCandidate(request) is { } invalid) return invalid;
        var (found, problem) = await InGroupAsync(db, access, callId, request.LegId, member.AccountId);
        return found is null ? problem! : await CandidateAsync(request, media);
    }

    internal static ValidationProblem? CheckCandidate(MediaCandidateRequest request)
    {
        var v = new Validator().Check(request.Target is "publisher" or "subscriber", "target", "enum")
            .Check((request.Candidate?.Length ?? 0) <= 1024 && (request.SdpMid?.Length ?? 0) <= 64, "candidate", "too_long")
            .Check(request.SdpMLineIndex is null or (>= 0 and < 1000), "sdpMLineIndex", "range");
        return v.IsValid ? null : v.Problem();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> CandidateAsync(MediaCandidateRequest request, GroupMedia media)
    {
        try
        {
            await media.TrickleAsync(request.LegId, request.Target == "publisher", request.Candidate, request.SdpMid, request.SdpMLineIndex);
            return TypedResults.NoContent();
        }
        catch (KeyNotFoundException)
        {
            return Problems.Status(409, "call_moved");
        }
        catch (Exception e) when (e is Janus.JanusException or HttpRequestException or OperationCanceledException)
        {
            return MediaProblem(e);
        }
    }

    /// <summary>Hosts of a group call: who started it, the chat's moderators, and the school's teachers and administrators in the chat.</summary>
    private static bool IsHost(SchoolMember member, ChatMembership access, Call call) =>
        call.StartedBy == member.AccountId || access.IsModerator || member.IsTeacher || member.IsAdmin;

    private static async Task<bool> HasNonStaffAsync(SferaDb db, Guid schoolId, Guid chatId)
    {
        var facts = await PersonFacts.LoadAsync(db, schoolId, await ChatAccess.MemberIdsAsync(db, chatId));
        return facts.Values.Any(f => !f.IsStaff);
    }

    /// <summary>The mids of an SDP's audio and video sections, comma-separated.</summary>
    internal static (string Audio, string Video) Mids(string sdp)
    {
        List<string> audio = [], video = [];
        string? kind = null;
        foreach (var line in sdp.Split('\n', StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("m=", StringComparison.Ordinal)) kind = line[2..].Split(' ')[0];
            else if (line.StartsWith("a=mid:", StringComparison.Ordinal) && line.Length <= 40)
                (kind == "audio" ? audio : kind == "video" ? video : []).Add(line[6..]);
        }
        return (string.Join(',', audio), string.Join(',', video));
    }

    private static async Task ApplyHostMuteAsync(GroupMedia media, GroupRoom room, CallParticipant who)
    {
        if (who.FeedId is not { } feed || !who.Publishing && who.AudioMids is null) return;
        foreach (var mid in (who.AudioMids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)) await media.ModerateAsync(room, feed, mid, who.MutedByHost);
        foreach (var mid in (who.VideoMids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)) await media.ModerateAsync(room, feed, mid, who.CameraOffByHost);
    }

    internal sealed record HostAction(Call Call, GroupRoom Room);

    /// <summary>The call, if it is an active group call of this chat and the caller is one of its hosts.</summary>
    internal static async Task<(HostAction? Found, ProblemHttpResult? Problem)> AsHostAsync(SferaDb db, SchoolMember member, ChatMembership access, Guid callId)
    {
        if (await FindAsync(db, access, callId) is not { } call) return (null, Problems.NotFound());
        if (call.EndedAt is not null) return (null, Problems.Status(409, "call_ended"));
        if (CallService.Room(call) is not { } room) return (null, Problems.Status(409, "group_calls_only"));
        if (!IsHost(member, access, call)) return (null, Problems.Status(403, "call_hosts_only"));
        return (new HostAction(call, room), null);
    }

    /// <summary>Someone a host acts on: in the call (or its waiting room), and not a host themselves.</summary>
    private static async Task<(CallParticipant? Target, ProblemHttpResult? Problem)> TargetAsync(SferaDb db, ChatMembership access, Call call, Guid accountId)
    {
        if (await MeAsync(db, call.Id, accountId) is not { } target) return (null, Problems.NotFound());
        var targetMember = await db.ChatMembers.AsNoTracking().FirstOrDefaultAsync(m => m.ChatId == access.ChatId && m.AccountId == accountId);
        var roles = await db.Memberships.Where(m => m.AccountId == accountId && m.SchoolId == call.SchoolId && m.Status == MembershipStatus.Confirmed)
            .Select(m => m.Role).ToListAsync();
        var targetIsHost = call.StartedBy == accountId || targetMember?.Role >= ChatRole.Moderator || roles.Contains(Role.Teacher) || roles.Contains(Role.Admin);
        return targetIsHost ? (null, Problems.Status(403, "call_host_untouchable")) : (target, null);
    }

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> Answered(SferaDb db, CallService calls, Guid callId)
    {
        await calls.AnnounceAsync(callId);
        return TypedResults.Ok(await calls.ResponseAsync(await db.Calls.AsNoTracking().FirstAsync(c => c.Id == callId)));
    }

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> MediaState(
        SchoolMember member, ChatMembership access, Guid callId, MediaStateRequest request, SferaDb db, CallService calls, TimeProvider clock)
    {
        var (found, problem) = await InGroupAsync(db, access, callId, request.LegId, member.AccountId);
        if (found is null) return problem!;
        await SetMediaStateAsync(db, calls, found, request, clock);
        return TypedResults.Ok(await calls.ResponseAsync(found.Call));
    }

    /// <summary>Stores what a tab reports it sends; the call's members hear of it only when something changed.</summary>
    internal static async Task SetMediaStateAsync(SferaDb db, CallService calls, InGroup found, MediaStateRequest request, TimeProvider clock)
    {
        var (micOff, cameraOff) = (!request.MicOn, !request.CameraOn);
        var (me, now) = (found.Me.Id, clock.GetUtcNow());
        var changed = await db.CallParticipants.IgnoreQueryFilters()
            .Where(p => p.Id == me && (p.MicOff != micOff || p.CameraOff != cameraOff || (p.SharingSince != null) != request.Sharing))
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.MicOff, micOff)
                .SetProperty(p => p.CameraOff, cameraOff)
                .SetProperty(p => p.SharingSince, p => request.Sharing ? p.SharingSince ?? now : null));
        if (changed > 0) await calls.AnnounceAsync(found.Call.Id);
    }

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> Hand(
        SchoolMember member, ChatMembership access, Guid callId, HandRequest request, SferaDb db, CallService calls, TimeProvider clock)
    {
        var (found, problem) = await InGroupAsync(db, access, callId, request.LegId, member.AccountId);
        if (found is null) return problem!;
        DateTimeOffset? at = request.Raised ? clock.GetUtcNow() : null;
        await db.CallParticipants.Where(p => p.Id == found.Me.Id && (request.Raised ? p.HandRaisedAt == null : p.HandRaisedAt != null))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.HandRaisedAt, at));
        return await Answered(db, calls, callId);
    }

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> Unmute(
        SchoolMember member, ChatMembership access, Guid callId, UnmuteRequest request, SferaDb db, CallService calls, GroupMedia media)
    {
        var (found, problem) = await InGroupAsync(db, access, callId, request.LegId, member.AccountId);
        if (found is null) return problem!;
        if (found.Call.MicsLocked && !IsHost(member, access, found.Call)) return Problems.Status(403, "mics_locked");
        await db.CallParticipants.Where(p => p.Id == found.Me.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.MutedByHost, false));
        try
        {
            found.Me.MutedByHost = false;
            await ApplyHostMuteAsync(media, found.Room, found.Me);
        }
        catch (Exception e) when (e is Janus.JanusException or HttpRequestException or OperationCanceledException)
        {
            return MediaProblem(e);
        }
        return await Answered(db, calls, callId);
    }

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> Settings(
        SchoolMember member, ChatMembership access, Guid callId, CallSettingsRequest request, SferaDb db, CallService calls)
    {
        var (found, problem) = await AsHostAsync(db, member, access, callId);
        if (found is null) return problem!;
        var call = found.Call;
        await db.Calls.Where(c => c.Id == callId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Locked, request.Locked ?? call.Locked).SetProperty(c => c.MicsLocked, request.MicsLocked ?? call.MicsLocked)
            .SetProperty(c => c.WaitingRoom, request.WaitingRoom ?? call.WaitingRoom).SetProperty(c => c.Version, c => c.Version + 1));
        return await Answered(db, calls, callId);
    }

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> HostMute(
        SchoolMember member, ChatMembership access, Guid callId, Guid accountId, HostMuteRequest request, SferaDb db, CallService calls, GroupMedia media)
    {
        var (found, problem) = await AsHostAsync(db, member, access, callId);
        if (found is null) return problem!;
        var (target, refused) = await TargetAsync(db, access, found.Call, accountId);
        if (target is null) return refused!;
        var muted = target;
        (muted.MutedByHost, muted.CameraOffByHost) = (request.Audio ?? target.MutedByHost, request.Video ?? target.CameraOffByHost);
        await db.CallParticipants.Where(p => p.Id == target.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.MutedByHost, muted.MutedByHost).SetProperty(p => p.CameraOffByHost, muted.CameraOffByHost));
        try
        {
            await ApplyHostMuteAsync(media, found.Room, muted);
        }
        catch (Exception e) when (e is Janus.JanusException or HttpRequestException or OperationCanceledException)
        {
            return MediaProblem(e);
        }
        return await Answered(db, calls, callId);
    }

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> Remove(
        SchoolMember member, ChatMembership access, Guid callId, Guid accountId, SferaDb db, CallService calls, GroupMedia media, Outbox outbox, TimeProvider clock)
    {
        var (found, problem) = await AsHostAsync(db, member, access, callId);
        if (found is null) return problem!;
        var (target, refused) = await TargetAsync(db, access, found.Call, accountId);
        if (target is null) return refused!;
        await db.CallParticipants.Where(p => p.Id == target.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.State, ParticipantState.Removed)
            .SetProperty(p => p.LegId, (Guid?)null).SetProperty(p => p.ConnectionId, (string?)null).SetProperty(p => p.Publishing, false)
            .SetProperty(p => p.LeftAt, clock.GetUtcNow()).SetProperty(p => p.HandRaisedAt, (DateTimeOffset?)null));
        if (target.LegId is { } leg)
        {
            await media.ReleaseAsync(leg);
            outbox.Add(accountId, c => c.CallSignal(new CallSignalEvent(member.SchoolId, callId, leg, "removed", null, null, null, null)));
        }
        // Janus closes the removed person's connections, wherever their handles are.
        if (target.FeedId is { } feed) await media.KickAsync(found.Room, feed);
        return await Answered(db, calls, callId);
    }

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> Admit(
        SchoolMember member, ChatMembership access, Guid callId, Guid accountId, SferaDb db, CallService calls) =>
        await DecideAsync(member, access, callId, accountId, ParticipantState.Joined, db, calls);

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> Deny(
        SchoolMember member, ChatMembership access, Guid callId, Guid accountId, SferaDb db, CallService calls) =>
        await DecideAsync(member, access, callId, accountId, ParticipantState.Removed, db, calls);

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> DecideAsync(
        SchoolMember member, ChatMembership access, Guid callId, Guid accountId, ParticipantState decision, SferaDb db, CallService calls)
    {
        var (found, problem) = await AsHostAsync(db, member, access, callId);
        if (found is null) return problem!;
        var changed = await db.CallParticipants.Where(p => p.CallId == callId && p.AccountId == accountId && p.State == ParticipantState.Waiting)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, decision));
        if (changed == 0) return Problems.NotFound();
        return await Answered(db, calls, callId);
    }

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> AdmitAll(
        SchoolMember member, ChatMembership access, Guid callId, SferaDb db, CallService calls)
    {
        var (found, problem) = await AsHostAsync(db, member, access, callId);
        if (found is null) return problem!;
        await db.CallParticipants.Where(p => p.CallId == callId && p.State == ParticipantState.Waiting)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, ParticipantState.Joined));
        return await Answered(db, calls, callId);
    }

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> End(
        SchoolMember member, ChatMembership access, Guid callId, SferaDb db, CallService calls)
    {
        var (found, problem) = await AsHostAsync(db, member, access, callId);
        if (found is null) return problem!;
        await calls.EndAsync(callId, CallEndReason.Ended);
        return TypedResults.Ok(await calls.ResponseAsync(await db.Calls.AsNoTracking().FirstAsync(c => c.Id == callId)));
    }

    private static async Task<Ok<List<CallResponse>>> Ringing(SchoolMember member, SferaDb db, CallService calls)
    {
        var ringing = await db.CallParticipants.Where(p => p.AccountId == member.AccountId && p.State == ParticipantState.Ringing)
            .Join(db.Calls.Where(c => c.EndedAt == null), p => p.CallId, c => c.Id, (p, c) => c).AsNoTracking().ToListAsync();
        var list = new List<CallResponse>();
        foreach (var call in ringing) list.Add(await calls.ResponseAsync(call));
        return TypedResults.Ok(list);
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Configure(
        SchoolMember member, ChatMembership access, Guid callId, MediaConfigureRequest request, SferaDb db, GroupMedia media)
    {
        if (CheckConfigure(request) is { } invalid) return invalid;
        var (found, problem) = await InGroupAsync(db, access, callId, request.LegId, member.AccountId);
        if (found is null) return problem!;
        return await ConfigureAsync(request, media);
    }

    /// <summary>At most this many streams in one layer request: a lesson's worth of videos and more.</summary>
    private const int MaxStreamsConfigured = 100;

    internal static ValidationProblem? CheckConfigure(MediaConfigureRequest request)
    {
        var streams = request.Streams ?? [];
        var v = new Validator().Check(streams.Count is > 0 and <= MaxStreamsConfigured, "streams", "range");
        foreach (var s in streams)
            v.Text(s.Mid, "streams", 64).Check(s.Substream is null or (>= 0 and <= 2), "streams", "range");
        return v.IsValid ? null : v.Problem();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> ConfigureAsync(MediaConfigureRequest request, GroupMedia media)
    {
        try
        {
            await media.ConfigureAsync(request.LegId, [.. request.Streams.Select(s => new Janus.SubscriberConfiguration(s.Mid) { Substream = s.Substream, Send = s.Send })]);
            return TypedResults.NoContent();
        }
        catch (KeyNotFoundException)
        {
            return Problems.Status(409, "call_moved");
        }
        catch (Exception e) when (e is Janus.JanusException or HttpRequestException or OperationCanceledException)
        {
            return MediaProblem(e);
        }
    }
}
