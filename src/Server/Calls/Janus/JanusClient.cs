using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sfera.Calls.Janus;

/// <summary>What Janus says about itself (<c>GET /janus/info</c>).</summary>
public sealed record JanusServerInfo(string Name, int Version, string VersionString, string? ServerName, bool AcceptingNewSessions,
    IReadOnlyList<string> Plugins);

/// <summary>
/// One Janus server's REST API (the HTTP transport). It makes sessions; a session owns its long poll and its handles.
/// Requests carry the server's <c>api_secret</c>; every call has a timeout besides the caller's token.
/// </summary>
public sealed class JanusClient : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly string baseUrl;
    private readonly string? apiSecret;
    private readonly ConcurrentDictionary<long, JanusSession> sessions = new();

    public JanusClient(JanusServerOptions server, JanusOptions options, ILoggerFactory loggers)
    {
        if (!Uri.TryCreate(server.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"Calls:Janus server '{server.Name}' has no valid Url (e.g. http://10.0.5.20:8088/janus): '{server.Url}'.");
        baseUrl = server.Url.TrimEnd('/');
        Name = string.IsNullOrWhiteSpace(server.Name) ? url.Authority : server.Name;
        apiSecret = string.IsNullOrEmpty(server.ApiSecret) ? null : server.ApiSecret;
        AdminKey = string.IsNullOrEmpty(server.AdminKey) ? null : server.AdminKey;
        Options = options;
        Log = loggers.CreateLogger<JanusClient>();
        // Timeouts are per request (long polls wait ~30 s by design); connections are renewed now and then.
        http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        }) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public string Name { get; }

    /// <summary>The sessions of this client that are still open.</summary>
    public int OpenSessions => sessions.Count;

    internal string? AdminKey { get; }

    internal JanusOptions Options { get; }

    internal ILogger Log { get; }

    public async Task<JanusServerInfo> InfoAsync(CancellationToken ct)
    {
        using var timeout = Timeout(ct);
        try
        {
            using var response = await http.GetAsync(baseUrl + "/info", timeout.Token);
            response.EnsureSuccessStatusCode();
            var info = await ReadAsync(response, timeout.Token);
            return new JanusServerInfo(info.String("name") ?? "", (int)(info.Int64("version") ?? 0), info.String("version_string") ?? "",
                info.String("server-name"), !info.TryGetProperty("accepting-new-sessions", out var accepting) || accepting.GetBoolean(),
                info.TryGetProperty("plugins", out var plugins) ? [.. plugins.EnumerateObject().Select(p => p.Name)] : []);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Janus {Name} did not answer info within {Options.RequestTimeoutSeconds} s.");
        }
    }

    /// <summary>Creates a session and starts its long poll. Dispose it (or <see cref="JanusSession.DestroyAsync"/>) when done.</summary>
    public async Task<JanusSession> CreateSessionAsync(CancellationToken ct)
    {
        var created = await PostAsync("", new JsonObject { ["janus"] = "create" }, ct);
        var id = created.GetProperty("data").GetProperty("id").GetInt64();
        var session = new JanusSession(this, id);
        sessions[id] = session;
        _ = session.Closed.ContinueWith(_ => sessions.TryRemove(id, out var _), TaskScheduler.Default);
        session.Start();
        return session;
    }

    /// <summary>POSTs a Janus API request to <paramref name="path"/> ("", "{session}" or "{session}/{handle}") and returns
    /// Janus's answer; a Janus error becomes a <see cref="JanusException"/>.</summary>
    internal async Task<JsonElement> PostAsync(string path, JsonObject request, CancellationToken ct)
    {
        request["transaction"] ??= NewTransaction();
        if (apiSecret is not null) request["apisecret"] = apiSecret;
        using var timeout = Timeout(ct);
        try
        {
            using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(path.Length == 0 ? baseUrl : baseUrl + "/" + path, content, timeout.Token);
            response.EnsureSuccessStatusCode();
            var answer = await ReadAsync(response, timeout.Token);
            if (answer.String("janus") == "error")
            {
                var error = answer.GetProperty("error");
                throw new JanusException(error.GetProperty("code").GetInt32(), error.String("reason") ?? "");
            }
            return answer;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Janus {Name} did not answer '{request["janus"]}' within {Options.RequestTimeoutSeconds} s.");
        }
    }

    /// <summary>One long poll: up to 10 messages, or a keepalive after ~30 s; null when Janus no longer knows the session.</summary>
    internal async Task<JsonElement?> PollAsync(long session, CancellationToken ct)
    {
        var url = $"{baseUrl}/{session.ToString(CultureInfo.InvariantCulture)}?maxev=10";
        if (apiSecret is not null) url += "&apisecret=" + Uri.EscapeDataString(apiSecret);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        using var response = await http.GetAsync(url, timeout.Token);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await ReadAsync(response, timeout.Token);
    }

    internal CancellationTokenSource Timeout(CancellationToken ct, int? seconds = null)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds ?? Options.RequestTimeoutSeconds));
        return timeout;
    }

    internal static string NewTransaction() => Guid.NewGuid().ToString("N");

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        return document.RootElement.Clone();
    }

    /// <summary>Destroys the sessions still open (briefly, best effort), so Janus frees their handles at once.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(sessions.Values.Select(s => s.DisposeAsync().AsTask()));
        http.Dispose();
    }
}
