using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sfera.Calls.Janus;

/// <summary>
/// A Janus session: handles to plugins, and one long poll (<c>GET /janus/{session}?maxev=10</c>) that hands each event
/// to the request waiting for its transaction or else to its handle's <see cref="JanusHandle.Events"/>. A keepalive is
/// sent every <see cref="JanusOptions.KeepAliveSeconds"/>. The session is over (<see cref="Closed"/>) once destroyed
/// here, timed out in Janus, or unknown to Janus (restarted); its handles' event streams then end and waiting requests
/// fail with <see cref="JanusErrors.SessionNotFound"/>.
/// </summary>
public sealed class JanusSession : IAsyncDisposable
{
    private readonly JanusClient client;
    private readonly string path;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JanusEvent>> waiting = new();
    private readonly ConcurrentDictionary<long, JanusHandle> handles = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource<string> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task loops = Task.CompletedTask;

    internal JanusSession(JanusClient client, long id)
    {
        this.client = client;
        Id = id;
        path = id.ToString(CultureInfo.InvariantCulture);
    }

    public long Id { get; }

    public JanusClient Client => client;

    /// <summary>Completes, with the reason, when the session is over.</summary>
    public Task<string> Closed => closed.Task;

    internal void Start() => loops = Task.WhenAll(Task.Run(PollLoopAsync), Task.Run(KeepAliveLoopAsync));

    public async Task<JanusHandle> AttachAsync(string plugin, CancellationToken ct)
    {
        ThrowIfClosed();
        var attached = await client.PostAsync(path, new JsonObject { ["janus"] = "attach", ["plugin"] = plugin }, ct);
        var handle = new JanusHandle(this, attached.GetProperty("data").GetProperty("id").GetInt64(), plugin);
        handles[handle.Id] = handle;
        if (closed.Task.IsCompleted) handle.Complete();
        return handle;
    }

    public async Task<VideoRoomHandle> AttachVideoRoomAsync(CancellationToken ct) =>
        new(await AttachAsync(VideoRoomHandle.Plugin, ct));

    /// <summary>Destroys the session in Janus (its handles go with it) and stops the long poll.</summary>
    public async Task DestroyAsync(CancellationToken ct)
    {
        if (closed.Task.IsCompleted) return;
        try
        {
            await client.PostAsync(path, new JsonObject { ["janus"] = "destroy" }, ct);
        }
        catch (JanusException e) when (e.Code == JanusErrors.SessionNotFound)
        {
            // Already gone in Janus.
        }
        finally
        {
            Close("destroyed");
        }
    }

    /// <summary>Destroys the session if it is still open (at most a few seconds, errors logged) and waits for its loops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!closed.Task.IsCompleted)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await DestroyAsync(timeout.Token);
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or OperationCanceledException or JanusException)
            {
                client.Log.LogWarning(e, "Janus {Server}: session {Session} could not be destroyed; Janus will time it out", client.Name, Id);
                Close("disposed");
            }
        }
        await loops;
        stopping.Dispose();
    }

    /// <summary>Sends a request that Janus answers at once (a success, or a plugin's synchronous answer).</summary>
    internal Task<JsonElement> SendAsync(long? handle, JsonObject request, CancellationToken ct)
    {
        ThrowIfClosed();
        return client.PostAsync(HandlePath(handle), request, ct);
    }

    /// <summary>Sends an asynchronous request: Janus acks it, and its result comes as an event with the same
    /// transaction over the long poll. A plugin that answers at once instead (usually an error) is returned as is.</summary>
    internal async Task<JanusEvent> SendForEventAsync(long handle, JsonObject request, CancellationToken ct)
    {
        var transaction = JanusClient.NewTransaction();
        request["transaction"] = transaction;
        var result = new TaskCompletionSource<JanusEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Registered before sending: the event may come over the long poll before the ack does.
        waiting[transaction] = result;
        try
        {
            ThrowIfClosed();
            var answer = await client.PostAsync(HandlePath(handle), request, ct);
            if (answer.String("janus") != "ack") return JanusEvent.From(answer);
            using var timeout = client.Timeout(ct, client.Options.EventTimeoutSeconds);
            try
            {
                return await result.Task.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"Janus {client.Name} acked '{request["body"]?["request"]}' but sent no event within {client.Options.EventTimeoutSeconds} s.");
            }
        }
        finally
        {
            waiting.TryRemove(transaction, out _);
        }
    }

    internal void Forget(long handle) => handles.TryRemove(handle, out _);

    private string HandlePath(long? handle) => handle is { } h ? path + "/" + h.ToString(CultureInfo.InvariantCulture) : path;

    private void ThrowIfClosed()
    {
        if (closed.Task.IsCompleted) throw new JanusException(JanusErrors.SessionNotFound, $"Session {Id} is over ({closed.Task.Result}).");
    }

    private async Task PollLoopAsync()
    {
        DateTime? failingSince = null;
        while (!stopping.IsCancellationRequested)
        {
            JsonElement? batch;
            try
            {
                batch = await client.PollAsync(Id, stopping.Token);
                failingSince = null;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException)
            {
                failingSince ??= DateTime.UtcNow;
                if (DateTime.UtcNow - failingSince > TimeSpan.FromSeconds(client.Options.SessionLostAfterSeconds))
                {
                    client.Log.LogError(e, "Janus {Server}: session {Session} lost, its long poll failing since {Since:O}", client.Name, Id, failingSince);
                    Close("unreachable");
                    break;
                }
                client.Log.LogWarning(e, "Janus {Server}: long poll of session {Session} failed; retrying", client.Name, Id);
                try { await Task.Delay(TimeSpan.FromSeconds(1), stopping.Token); } catch (OperationCanceledException) { break; }
                continue;
            }
            if (batch is not { } messages)
            {
                Close("unknown to Janus");
                break;
            }
            if (messages.ValueKind != JsonValueKind.Array) Dispatch(messages);
            else foreach (var message in messages.EnumerateArray()) Dispatch(message);
        }
    }

    private void Dispatch(JsonElement message)
    {
        JanusEvent ev;
        try
        {
            ev = JanusEvent.From(message);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            client.Log.LogWarning(e, "Janus {Server}: unreadable message on session {Session}: {Message}", client.Name, Id, message.GetRawText());
            return;
        }
        switch (ev.Janus)
        {
            case "keepalive":
                return;
            case "timeout":
                Close("timed out");
                return;
        }
        if (ev.Transaction is { } transaction && ev.Janus == "event" && waiting.TryRemove(transaction, out var request))
        {
            request.TrySetResult(ev);
            return;
        }
        if (ev.Sender is { } sender && handles.TryGetValue(sender, out var handle))
        {
            handle.Deliver(ev);
            if (ev.Janus == "detached")
            {
                handles.TryRemove(sender, out _);
                handle.Complete();
            }
            return;
        }
        client.Log.LogDebug("Janus {Server}: session {Session} got {Type} for no handle of ours", client.Name, Id, ev.Janus);
    }

    private async Task KeepAliveLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(client.Options.KeepAliveSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                try
                {
                    await client.PostAsync(path, new JsonObject { ["janus"] = "keepalive" }, stopping.Token);
                }
                catch (JanusException e) when (e.Code == JanusErrors.SessionNotFound)
                {
                    Close("unknown to Janus");
                }
                catch (Exception e) when (e is HttpRequestException or TimeoutException or JsonException)
                {
                    client.Log.LogWarning(e, "Janus {Server}: keepalive of session {Session} failed", client.Name, Id);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void Close(string reason)
    {
        if (!closed.TrySetResult(reason)) return;
        client.Log.LogInformation("Janus {Server}: session {Session} is over ({Reason})", client.Name, Id, reason);
        stopping.Cancel();
        var over = new JanusException(JanusErrors.SessionNotFound, $"Session {Id} is over ({reason}).");
        foreach (var request in waiting.Values) request.TrySetException(over);
        foreach (var handle in handles.Values) handle.Complete();
        handles.Clear();
    }
}
