using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Auth;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Schools;

namespace Sfera.Calls;

/// <summary>
/// Guests: people without an account in a group call, through a link a host turns on for that one call (off by
/// default; it ends with the call). A guest types a name, always waits until a host lets them in, is shown as a guest,
/// and holds a key that works on this call's guest endpoints and nothing else: no session, no cookie, no way into a
/// chat, a profile or another call. Every refusal is 404, so a link that is off, expired or made up looks the same.
/// Guests have no hub connection: their page asks <c>/state</c> every few seconds, and a guest whose page stopped
/// asking has left (<see cref="CallSweeper"/>). The link only leads in: once a guest has joined, their key alone names
/// them, so a host turning the link off (or on again, which makes a new one) keeps out newcomers, not those already
/// there. Opening a link and joining count against the sign-in limit of the address; what a guest's page does after
/// that counts against the guest's own key, like a member's signalling.
/// </summary>
public static class GuestCallsApi
{
    public const string KeyHeader = "X-Guest-Key";

    /// <summary>A guest whose page has not asked for this long has left.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromSeconds(30);

    public static void MapGuestCalls(this IEndpointRouteBuilder routes)
    {
        var chat = routes.MapChatGroup("Calls");
        chat.MapPost("/calls/{callId:guid}/guest-link", TurnOn).WithSummary("A host turns on the guest link for this call (shown once; it ends with the call).");
        chat.MapDelete("/calls/{callId:guid}/guest-link", TurnOff).WithSummary("A host turns the guest link off: guests not yet in cannot come.");

        var link = routes.MapGroup("/api/v1/guest-calls/{token}").WithTags("Calls").AllowAnonymous();
        link.MapGet("", Info).RequireRateLimiting(AuthApi.SignInRateLimit)
            .WithSummary("Whether a guest link leads to a call going on (nothing else about it).");
        link.MapPost("/join", Join).RequireRateLimiting(AuthApi.SignInRateLimit)
            .WithSummary("A guest types their name and waits to be let in; answers with their key for this call only.");
        var guest = link.MapGroup("").RequireRateLimiting(RateLimits.GuestCalls);
        guest.MapGet("/state", State).WithSummary("The call as the guest sees it: whether they are in yet, whether it ended; the others once they are in.");
        guest.MapPost("/leave", Leave).WithSummary("The guest leaves the call.");
        guest.MapPost("/media/publish", Publish).WithSummary("The guest's SDP offer to send; answers with the SFU's answer (once let in).");
        guest.MapPost("/media/subscribe", Subscribe).WithSummary("The guest receives everyone who publishes (the SFU's offer).");
        guest.MapPost("/media/answer", Answer).WithSummary("The guest's SDP answer to their subscription offer.");
        guest.MapPost("/media/configure", Configure).WithSummary("Picks the simulcast layer of one stream the guest receives, or pauses it.");
        guest.MapPost("/media/state", MediaState).WithSummary("What the guest's page sends now (microphone, camera, screen), for the others to see.");
        guest.MapPost("/media/candidate", Candidate).WithSummary("An ICE candidate of the guest's sending or receiving connection.");
    }

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task<Results<Ok<GuestLinkResponse>, ProblemHttpResult>> TurnOn(
        SchoolMember member, ChatMembership access, Guid callId, SferaDb db, HttpRequest http)
    {
        var (found, problem) = await CallsApi.AsHostAsync(db, member, access, callId);
        if (found is null) return problem!;
        var token = NewSecret();
        await db.Calls.Where(c => c.Id == callId).ExecuteUpdateAsync(s => s.SetProperty(c => c.GuestTokenHash, Hash(token)));
        return TypedResults.Ok(new GuestLinkResponse(token, $"{PublicUrl.Base(http)}/call/guest/{token}"));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> TurnOff(SchoolMember member, ChatMembership access, Guid callId, SferaDb db)
    {
        var (found, problem) = await CallsApi.AsHostAsync(db, member, access, callId);
        if (found is null) return problem!;
        await db.Calls.Where(c => c.Id == callId).ExecuteUpdateAsync(s => s.SetProperty(c => c.GuestTokenHash, (string?)null));
        return TypedResults.NoContent();
    }

    /// <summary>The active group call a guest link leads to, if it is on.</summary>
    private static Task<Call?> CallOfAsync(SferaDb db, string token) =>
        token.Length is < 20 or > 100
            ? Task.FromResult<Call?>(null)
            : db.Calls.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.GuestTokenHash == Hash(token) && c.EndedAt == null && c.JanusRoom != null);

    /// <summary>The guest holding this key, and their call (ended or not). The key alone names them: the link may have
    /// been turned off or renewed since they came.</summary>
    private static async Task<(Call Call, CallParticipant Guest)?> GuestOfAsync(SferaDb db, string token, HttpContext http)
    {
        if (token.Length is < 20 or > 100 || http.Request.Headers[KeyHeader].ToString() is not { Length: > 20 and < 100 } key) return null;
        var hash = Hash(key);
        var guest = await db.CallParticipants.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.GuestKeyHash == hash);
        if (guest is null) return null;
        var call = await db.Calls.IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.Id == guest.CallId);
        return (call, guest);
    }

    private static async Task<Results<Ok<GuestCallInfoResponse>, ProblemHttpResult>> Info(string token, SferaDb db) =>
        await CallOfAsync(db, token) is { } call ? TypedResults.Ok(new GuestCallInfoResponse(call.Video)) : Problems.NotFound();

    private static async Task<Results<Ok<GuestJoinedResponse>, ProblemHttpResult, ValidationProblem>> Join(
        string token, GuestJoinRequest request, SferaDb db, CallService calls, IceServers ice, TimeProvider clock)
    {
        var v = new Validator().DisplayName(request.Name, "name");
        if (!v.IsValid) return v.Problem();
        if (await CallOfAsync(db, token) is not { } call) return Problems.NotFound();
        if (call.Locked) return Problems.Status(403, "call_locked");
        var key = NewSecret();
        var guest = new CallParticipant
        {
            Id = Guid.CreateVersion7(), SchoolId = call.SchoolId, CallId = call.Id, AccountId = Guid.NewGuid(), State = ParticipantState.Waiting,
            LegId = Guid.NewGuid(), FeedId = GroupMedia.NewId(), JoinedAt = clock.GetUtcNow(), GuestSeenAt = clock.GetUtcNow(),
            GuestName = TextRules.NormalizeName(request.Name), GuestKeyHash = Hash(key),
        };
        db.CallParticipants.Add(guest);
        await db.SaveChangesAsync();
        await calls.AnnounceAsync(call.Id);
        return TypedResults.Ok(new GuestJoinedResponse(key, guest.AccountId, guest.LegId!.Value, ice.For(guest.AccountId)));
    }

    private static async Task<Results<Ok<GuestCallResponse>, ProblemHttpResult>> State(string token, SferaDb db, CallService calls, HttpContext http, TimeProvider clock)
    {
        if (await GuestOfAsync(db, token, http) is not var (call, guest)) return Problems.NotFound();
        var ended = call.EndedAt is not null;
        if (!ended) await db.CallParticipants.IgnoreQueryFilters().Where(p => p.Id == guest.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.GuestSeenAt, clock.GetUtcNow()));
        // Before they are let in (and after the call), a guest learns nothing about who is in the call.
        var inside = guest.State == ParticipantState.Joined && !ended;
        var everyone = inside ? (await calls.ResponseAsync(call)).Participants : [];
        return TypedResults.Ok(new GuestCallResponse(guest.State, ended, call.Video, inside ? call.StartedBy : null, everyone));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Leave(string token, SferaDb db, CallService calls, HttpContext http)
    {
        if (await GuestOfAsync(db, token, http) is not var (call, guest)) return Problems.NotFound();
        if (guest.LegId is { } leg && call.EndedAt is null) await calls.LeaveAsync(call.Id, guest.Id, leg);
        return TypedResults.NoContent();
    }

    /// <summary>The guest in the call, let in, with this leg; or 404.</summary>
    private static async Task<CallsApi.InGroup?> InAsync(SferaDb db, string token, HttpContext http, Guid legId) =>
        await GuestOfAsync(db, token, http) is var (call, guest) && call.EndedAt is null && guest.State == ParticipantState.Joined && guest.LegId == legId
            && CallService.Room(call) is { } room
            ? new CallsApi.InGroup(call, room, guest)
            : null;

    private static async Task<Results<Ok<SdpResponse>, ProblemHttpResult, ValidationProblem>> Publish(
        string token, SdpRequest request, SferaDb db, GroupMedia media, HttpContext http)
    {
        if (CallsApi.CheckSdp(request.Sdp) is { } invalid) return invalid;
        return await InAsync(db, token, http, request.LegId) is { } found ? await CallsApi.PublishAsync(found, request, db, media) : Problems.NotFound();
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Subscribe(
        string token, SubscribeRequest request, SferaDb db, GroupMedia media, HttpContext http) =>
        await InAsync(db, token, http, request.LegId) is { } found ? await CallsApi.SubscribeAsync(found, request, db, media) : Problems.NotFound();

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Answer(
        string token, SdpRequest request, SferaDb db, GroupMedia media, HttpContext http)
    {
        if (CallsApi.CheckSdp(request.Sdp) is { } invalid) return invalid;
        return await InAsync(db, token, http, request.LegId) is not null ? await CallsApi.AnswerAsync(request, media) : Problems.NotFound();
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Configure(
        string token, MediaConfigureRequest request, SferaDb db, GroupMedia media, HttpContext http)
    {
        if (CallsApi.CheckConfigure(request) is { } invalid) return invalid;
        return await InAsync(db, token, http, request.LegId) is not null ? await CallsApi.ConfigureAsync(request, media) : Problems.NotFound();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MediaState(
        string token, MediaStateRequest request, SferaDb db, CallService calls, HttpContext http, TimeProvider clock)
    {
        if (await InAsync(db, token, http, request.LegId) is not { } found) return Problems.NotFound();
        await CallsApi.SetMediaStateAsync(db, calls, found, request, clock);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Candidate(
        string token, MediaCandidateRequest request, SferaDb db, GroupMedia media, HttpContext http)
    {
        if (CallsApi.CheckCandidate(request) is { } invalid) return invalid;
        return await InAsync(db, token, http, request.LegId) is not null ? await CallsApi.CandidateAsync(request, media) : Problems.NotFound();
    }
}
