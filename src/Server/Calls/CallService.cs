using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Messages;
using Sfera.Operations;
using Sfera.Realtime;

namespace Sfera.Calls;

/// <summary>
/// A call's changes of state, wherever they come from (a request, the ring timing out, a tab's connection closing).
/// Every change is a conditional update of the database row (the call, or one participant), so two nodes that race
/// to end a call or two tabs that race to accept it change it once: the loser sees that nothing changed and stops.
/// After each change the chat's members hear <c>CallChanged</c>, and the chat gets a note (started, ended with its
/// duration, missed, declined) through the <see cref="MessageWriter"/>, like any message.
/// </summary>
public sealed class CallService(SferaDb db, MessageWriter writer, Outbox outbox, TimeProvider clock, GroupMedia media, ILogger<CallService> log)
{
    /// <summary>How long a direct call rings before it becomes missed.</summary>
    public static readonly TimeSpan RingTime = TimeSpan.FromSeconds(45);

    public Task<Call?> ActiveInChatAsync(Guid chatId) =>
        db.Calls.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.ChatId == chatId && c.EndedAt == null);

    public async Task<CallResponse> ResponseAsync(Call call)
    {
        var people = await (
            from p in db.CallParticipants.IgnoreQueryFilters().Where(p => p.CallId == call.Id)
            join u in db.Users on p.AccountId equals u.Id into users
            from u in users.DefaultIfEmpty()
            orderby p.Id
            select new CallParticipantResponse(p.AccountId, p.GuestName ?? u!.DisplayName, p.State, p.JoinedAt, p.Publishing, p.MutedByHost, p.CameraOffByHost,
                p.HandRaisedAt, p.GuestName != null, p.MicOff, p.CameraOff, p.SharingSince)).ToListAsync();
        return new CallResponse(call.Id, call.ChatId, call.Kind, call.Video, call.StartedBy, call.StartedAt, call.RingUntil, call.AnsweredAt,
            call.EndedAt, call.EndReason, people, call.Locked, call.MicsLocked, call.WaitingRoom);
    }

    /// <summary>The call as it is now, to every member of its chat (the members as they are at this moment).</summary>
    public async Task AnnounceAsync(Guid callId)
    {
        var call = await db.Calls.IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.Id == callId);
        var response = await ResponseAsync(call);
        var members = await ChatAccess.MemberIdsAsync(db, call.ChatId);
        outbox.Add(members, c => c.CallChanged(new CallEvent(call.SchoolId, response)));
    }

    /// <summary>A note in the chat, from the person who started the call. Its client id is made of the call and the note,
    /// so two nodes writing the same note store it once.</summary>
    public async Task NoteAsync(Call call, CallNote note)
    {
        var senderRow = await db.ChatMembers.IgnoreQueryFilters().Where(m => m.ChatId == call.ChatId && m.AccountId == call.StartedBy)
            .Select(m => (Guid?)m.Id).FirstOrDefaultAsync() ?? Guid.Empty;
        var now = clock.GetUtcNow();
        var message = new Message
        {
            Id = Guid.CreateVersion7(), SchoolId = call.SchoolId, ChatId = call.ChatId, SenderId = call.StartedBy,
            ClientId = $"call:{call.Id:N}:{note}".ToLowerInvariant(), Text = "", CreatedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond)),
            CallId = call.Id, CallNote = note,
        };
        var written = await writer.WriteAsync(new MessageDraft(message, senderRow, [], [], null, []));
        if (written.Duplicate) return;
        var response = await MessageQueries.OneAsync(db, message.Id);
        outbox.Add(written.Recipients, c => c.MessageCreated(new MessageEvent(call.SchoolId, call.ChatId, response)));
    }

    /// <summary>Ends the call if it has not ended yet: everyone still in it or ringing leaves, the chat gets its note.
    /// False when another request or node ended it first.</summary>
    public async Task<bool> EndAsync(Guid callId, CallEndReason reason)
    {
        var now = clock.GetUtcNow();
        var ended = await db.Calls.IgnoreQueryFilters().Where(c => c.Id == callId && c.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.EndedAt, now).SetProperty(c => c.EndReason, reason)
                .SetProperty(c => c.RingUntil, (DateTimeOffset?)null).SetProperty(c => c.Version, c => c.Version + 1));
        if (ended == 0) return false;
        var legs = await db.CallParticipants.IgnoreQueryFilters().Where(p => p.CallId == callId && p.LegId != null).Select(p => p.LegId!.Value).ToListAsync();
        await db.CallParticipants.IgnoreQueryFilters()
            .Where(p => p.CallId == callId && (p.State == ParticipantState.Joined || p.State == ParticipantState.Ringing || p.State == ParticipantState.Waiting))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, ParticipantState.Left).SetProperty(p => p.LeftAt, now)
                .SetProperty(p => p.LegId, (Guid?)null).SetProperty(p => p.ConnectionId, (string?)null).SetProperty(p => p.Publishing, false));
        foreach (var leg in legs) await media.ReleaseAsync(leg);
        var call = await db.Calls.IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.Id == callId);
        if (Room(call) is { } room)
        {
            try
            {
                await media.DestroyRoomAsync(room);
            }
            catch (Exception e) when (e is Janus.JanusException or HttpRequestException or OperationCanceledException)
            {
                log.LogWarning(e, "Could not destroy the room of call {Call} in Janus {Server}; it ends when its participants leave.", callId, room.Server);
            }
        }
        await NoteAsync(call, reason switch
        {
            CallEndReason.Missed => CallNote.Missed,
            CallEndReason.Declined => CallNote.Declined,
            _ => CallNote.Ended,
        });
        await AnnounceAsync(callId);
        return true;
    }

    /// <summary>One person's tab leaves (hangs up, closes, or is replaced). A direct call ends with it (missed if the
    /// other side never answered); a group call ends when its last participant has left.</summary>
    public async Task<bool> LeaveAsync(Guid callId, Guid participantId, Guid legId)
    {
        var now = clock.GetUtcNow();
        var left = await db.CallParticipants.IgnoreQueryFilters()
            .Where(p => p.Id == participantId && (p.State == ParticipantState.Joined || p.State == ParticipantState.Waiting) && p.LegId == legId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, ParticipantState.Left).SetProperty(p => p.LeftAt, now)
                .SetProperty(p => p.LegId, (Guid?)null).SetProperty(p => p.ConnectionId, (string?)null).SetProperty(p => p.Publishing, false));
        if (left == 0) return false;
        await media.ReleaseAsync(legId);
        var call = await db.Calls.IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.Id == callId);
        if (call.EndedAt is not null) return true;
        if (call.Kind == CallKind.Direct)
            await EndAsync(callId, call.AnsweredAt is null ? CallEndReason.Missed : CallEndReason.Ended);
        else if (!await db.CallParticipants.IgnoreQueryFilters().AnyAsync(p => p.CallId == callId && p.State == ParticipantState.Joined))
            await EndAsync(callId, CallEndReason.Ended);
        else
            await AnnounceAsync(callId);
        return true;
    }

    /// <summary>A tab's media started or stopped reaching the SFU: the others hear it (and subscribe to it).</summary>
    public async Task SetPublishingAsync(Guid legId, bool publishing)
    {
        var callId = await db.CallParticipants.IgnoreQueryFilters()
            .Where(p => p.LegId == legId && p.State == ParticipantState.Joined && p.Publishing != publishing).Select(p => (Guid?)p.CallId).FirstOrDefaultAsync();
        if (callId is null) return;
        var changed = await db.CallParticipants.IgnoreQueryFilters().Where(p => p.LegId == legId && p.Publishing != publishing)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Publishing, publishing));
        if (changed > 0) await AnnounceAsync(callId.Value);
    }

    /// <summary>A publisher started or stopped talking: the call's participants hear who.</summary>
    public async Task SpeakingAsync(Guid legId, bool talking)
    {
        var who = await db.CallParticipants.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.LegId == legId && p.State == ParticipantState.Joined).Select(p => new { p.CallId, p.AccountId, p.SchoolId }).FirstOrDefaultAsync();
        if (who is null) return;
        var listeners = await db.CallParticipants.IgnoreQueryFilters().Where(p => p.CallId == who.CallId && p.State == ParticipantState.Joined)
            .Select(p => p.AccountId).ToListAsync();
        outbox.Add(listeners, c => c.CallSpeaking(new CallSpeakingEvent(who.SchoolId, who.CallId, who.AccountId, talking)));
    }

    /// <summary>The group call's room in Janus, or null for a direct call.</summary>
    public static GroupRoom? Room(Call call) =>
        call is { JanusServer: { } server, JanusRoom: { } room, JanusSecret: { } secret } ? new GroupRoom(server, room, secret) : null;

    /// <summary>The Janus server with the fewest people in group calls now (by the database every node shares; ties go to
    /// the first configured).</summary>
    public async Task<string> LeastLoadedServerAsync()
    {
        var load = await db.CallParticipants.IgnoreQueryFilters().Where(p => p.State == ParticipantState.Joined)
            .Join(db.Calls.IgnoreQueryFilters().Where(c => c.EndedAt == null && c.JanusServer != null), p => p.CallId, c => c.Id, (p, c) => c.JanusServer!)
            .GroupBy(s => s).Select(g => new { Server = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Server, g => g.Count);
        return media.ServerNames.OrderBy(s => load.GetValueOrDefault(s)).First();
    }

    /// <summary>Is this person in an active call, or being rung by one, anywhere?</summary>
    public Task<bool> IsBusyAsync(Guid accountId) =>
        db.CallParticipants.IgnoreQueryFilters()
            .Where(p => p.AccountId == accountId && (p.State == ParticipantState.Joined || p.State == ParticipantState.Ringing))
            .Join(db.Calls.IgnoreQueryFilters().Where(c => c.EndedAt == null), p => p.CallId, c => c.Id, (p, c) => p)
            .AnyAsync();

    /// <summary>A tab's hub connection closed: if that tab was in a call (it said so when it joined), it has left.
    /// Only the person's own participant rows are matched, so naming another's connection id changes nothing.</summary>
    public static async Task LeaveOnDisconnectAsync(IServiceProvider services, SferaDb db, Guid accountId, string connectionId)
    {
        var legs = await db.CallParticipants.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.ConnectionId == connectionId && p.AccountId == accountId && p.State == ParticipantState.Joined && p.LegId != null)
            .Select(p => new { p.CallId, p.Id, p.LegId }).ToListAsync();
        foreach (var leg in legs)
            await RunAsync(services, calls => calls.LeaveAsync(leg.CallId, leg.Id, leg.LegId!.Value));
    }

    /// <summary>Work done outside a request (the ring timing out, a connection closing): the same service in a scope of
    /// its own, its events sent once the work is done.</summary>
    public static async Task RunAsync(IServiceProvider services, Func<CallService, Task> work)
    {
        await using var scope = services.CreateAsyncScope();
        var started = Stopwatch.GetTimestamp();
        await work(scope.ServiceProvider.GetRequiredService<CallService>());
        await scope.ServiceProvider.GetRequiredService<Outbox>().FlushAsync(
            scope.ServiceProvider.GetRequiredService<IHubContext<ChatHub, IChatClient>>(), scope.ServiceProvider.GetRequiredService<SferaMetrics>(), started);
    }
}

public static class CallNotes
{
    /// <summary>The note as the chat shows it; the duration counts from the answer to the end.</summary>
    public static CallNoteResponse Response(Call call, CallNote note) => new(call.Id, note, call.Video,
        note == CallNote.Ended && call.AnsweredAt is { } answered && call.EndedAt is { } ended ? (int)Math.Round((ended - answered).TotalSeconds) : null);
}
