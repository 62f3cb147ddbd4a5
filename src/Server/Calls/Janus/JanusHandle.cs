using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Sfera.Calls.Janus;

/// <summary>
/// A handle: one attachment to a plugin within a session, and at most one PeerConnection. Plugin requests go through
/// it; events nobody waits for (other participants, talking, webrtcup, media, hangup...) come out of
/// <see cref="Events"/>, which ends when the handle is detached or its session is over.
/// </summary>
public sealed class JanusHandle : IAsyncDisposable
{
    private readonly JanusSession session;
    private readonly Channel<JanusEvent> events;

    internal JanusHandle(JanusSession session, long id, string plugin)
    {
        this.session = session;
        Id = id;
        Plugin = plugin;
        events = Channel.CreateBounded<JanusEvent>(
            new BoundedChannelOptions(session.Client.Options.HandleEventBuffer)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleWriter = true,
            },
            dropped => session.Client.Log.LogWarning("Janus {Server}: handle {Handle} dropped an unread {Type} event", session.Client.Name, id, dropped.Janus));
    }

    public long Id { get; }

    public string Plugin { get; }

    public JanusSession Session => session;

    public ChannelReader<JanusEvent> Events => events.Reader;

    /// <summary>A synchronous plugin request: returns the plugin's data; its error becomes a <see cref="JanusException"/>.</summary>
    public async Task<JsonElement> RequestAsync(JsonObject body, CancellationToken ct)
    {
        var answer = JanusEvent.From(await session.SendAsync(Id, new JsonObject { ["janus"] = "message", ["body"] = body }, ct));
        if (answer.Janus == "ack")
            throw new InvalidOperationException($"'{body["request"]}' is asynchronous in {Plugin}: use {nameof(RequestEventAsync)}.");
        if (answer.PluginError() is { } error) throw error;
        return answer.Data ?? throw new JanusException(0, $"'{body["request"]}' was answered without plugin data.", Plugin);
    }

    /// <summary>An asynchronous plugin request, with a JSEP offer or answer if given: returns the event that answers it
    /// (its data and perhaps a JSEP); a plugin error becomes a <see cref="JanusException"/>.</summary>
    public async Task<JanusEvent> RequestEventAsync(JsonObject body, Jsep? jsep, CancellationToken ct)
    {
        var request = new JsonObject { ["janus"] = "message", ["body"] = body };
        if (jsep is not null) request["jsep"] = new JsonObject { ["type"] = jsep.Type, ["sdp"] = jsep.Sdp };
        var answer = await session.SendForEventAsync(Id, request, ct);
        if (answer.PluginError() is { } error) throw error;
        return answer;
    }

    /// <summary>Passes on one ICE candidate from the browser.</summary>
    public Task TrickleAsync(IceCandidate candidate, CancellationToken ct)
    {
        var value = new JsonObject { ["candidate"] = candidate.Candidate };
        if (candidate.SdpMid is not null) value["sdpMid"] = candidate.SdpMid;
        if (candidate.SdpMLineIndex is not null) value["sdpMLineIndex"] = candidate.SdpMLineIndex;
        return session.SendAsync(Id, new JsonObject { ["janus"] = "trickle", ["candidate"] = value }, ct);
    }

    /// <summary>Tells Janus the browser has no more candidates.</summary>
    public Task TrickleCompletedAsync(CancellationToken ct) =>
        session.SendAsync(Id, new JsonObject { ["janus"] = "trickle", ["candidate"] = new JsonObject { ["completed"] = true } }, ct);

    /// <summary>Closes the handle's PeerConnection and keeps the handle.</summary>
    public Task HangupAsync(CancellationToken ct) => session.SendAsync(Id, new JsonObject { ["janus"] = "hangup" }, ct);

    /// <summary>Detaches from the plugin (closing any PeerConnection); the handle's events end.</summary>
    public async Task DetachAsync(CancellationToken ct)
    {
        try
        {
            await session.SendAsync(Id, new JsonObject { ["janus"] = "detach" }, ct);
        }
        catch (JanusException e) when (e.Code is JanusErrors.HandleNotFound or JanusErrors.SessionNotFound)
        {
            // Already gone.
        }
        session.Forget(Id);
        Complete();
    }

    /// <summary>Detaches, best effort, within a few seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        if (events.Reader.Completion.IsCompleted) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await DetachAsync(timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or OperationCanceledException or JanusException)
        {
            session.Client.Log.LogWarning(e, "Janus {Server}: handle {Handle} could not be detached", session.Client.Name, Id);
            Complete();
        }
    }

    internal void Deliver(JanusEvent ev) => events.Writer.TryWrite(ev);

    internal void Complete() => events.Writer.TryComplete();
}
