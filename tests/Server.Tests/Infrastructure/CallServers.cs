using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sfera.Calls.Janus;

namespace Sfera.Tests.Infrastructure;

/// <summary>
/// Where the call servers run. Inside the network namespace scripts/calls-netns makes (the test command runs the
/// "Calls" tests there) <c>SFERA_CALLS_ADDRESS</c> and <c>SFERA_CALLS_INTERFACE</c> name its veth end, the one
/// non-loopback address a test may use; elsewhere everything is on 127.0.0.1, where Janus's API works but its ICE
/// does not (libnice skips loopback).
/// </summary>
public static class CallsNetwork
{
    public static string? Interface { get; } = Env("SFERA_CALLS_INTERFACE");

    public static string Address { get; } = Env("SFERA_CALLS_ADDRESS") ?? "127.0.0.1";

    public static bool InNamespace => Interface is not null;

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}

/// <summary>
/// Janus (Debian package janus; the test command installs it) with the repository's configuration
/// (tests/calls/janus) filled in: only the VideoRoom plugin and the HTTP transport, the API on 127.0.0.1 with an
/// api_secret, ICE only on the namespace's interface. Its folder under /tmp/sfera-janus marks the process as ours,
/// so the test command can stop it should this process not. One per test run (<see cref="SharedAsync"/>), unless a
/// test needs its own (<see cref="StartAsync"/>).
/// </summary>
public sealed class JanusServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/janus";
    private static readonly Lazy<Task<JanusServer>> Shared = new(StartAsync);
    private readonly Process process;

    private JanusServer(Process process, string folder, string apiUrl, string apiSecret, string adminSecret, string roomAdminKey)
    {
        this.process = process;
        Folder = folder;
        ApiUrl = apiUrl;
        ApiSecret = apiSecret;
        AdminSecret = adminSecret;
        RoomAdminKey = roomAdminKey;
    }

    /// <summary>The Janus API, e.g. http://127.0.0.1:41234/janus.</summary>
    public string ApiUrl { get; }

    public string ApiSecret { get; }

    public string AdminSecret { get; }

    /// <summary>The VideoRoom plugin's admin_key: creating a room needs it.</summary>
    public string RoomAdminKey { get; }

    public string Folder { get; }

    public static Task<JanusServer> SharedAsync() => Shared.Value;

    /// <summary>This server as Sfera's configuration names it.</summary>
    public JanusServerOptions Options => new() { Name = "test", Url = ApiUrl, ApiSecret = ApiSecret, AdminKey = RoomAdminKey };

    /// <summary>Settings that point a Sfera server at this Janus.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Calls:Janus:Servers:0:Name"] = "test",
        ["Calls:Janus:Servers:0:Url"] = ApiUrl,
        ["Calls:Janus:Servers:0:ApiSecret"] = ApiSecret,
        ["Calls:Janus:Servers:0:AdminKey"] = RoomAdminKey,
    };

    /// <summary>The end of Janus's log, for failure messages.</summary>
    public string LogTail(int lines = 40) => CallServerFiles.Tail(Path.Combine(Folder, "janus.log"), lines);

    public static async Task<JanusServer> StartAsync()
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException("janus is not installed (Debian package janus; the test command installs it).");
        var folder = CallServerFiles.NewFolder("sfera-janus");
        var port = ExternalServers.FreePort();
        string apiSecret = CallServerFiles.Secret(), adminSecret = CallServerFiles.Secret(), roomAdminKey = CallServerFiles.Secret();
        var values = new Dictionary<string, string>
        {
            ["FOLDER"] = folder,
            ["HTTP_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["API_SECRET"] = apiSecret,
            ["ADMIN_SECRET"] = adminSecret,
            ["ROOM_ADMIN_KEY"] = roomAdminKey,
            // Outside a namespace of our own only loopback may be used, and Janus gathers nothing there.
            ["ICE_INTERFACE"] = CallsNetwork.Interface ?? "lo",
            ["ICE_ADDRESS"] = CallsNetwork.Address,
        };
        foreach (var template in Directory.GetFiles(Path.Combine(ExternalServers.RepoRoot, "tests", "calls", "janus"), "*.jcfg"))
            await CallServerFiles.FillAsync(template, Path.Combine(folder, Path.GetFileName(template)), values);
        var process = CallServerFiles.Start(Binary, ["-F", folder, "-C", Path.Combine(folder, "janus.jcfg"), "-o"], folder);
        var janus = new JanusServer(process, folder, $"http://127.0.0.1:{port}/janus", apiSecret, adminSecret, roomAdminKey);
        await janus.WaitUntilAnsweringAsync(port);
        return janus;
    }

    private async Task WaitUntilAnsweringAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"janus exited with code {process.ExitCode}. Its log:\n{LogTail()}");
            try
            {
                using var info = JsonDocument.Parse(await http.GetStringAsync(ApiUrl + "/info"));
                if (info.RootElement.GetProperty("janus").GetString() == "server_info") return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                // Not answering yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"janus did not answer on 127.0.0.1:{port} within 30 s. Its log:\n{LogTail()}");
    }

    public ValueTask DisposeAsync()
    {
        ExternalServers.Stop(process);
        CallServerFiles.Remove(Folder);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// coturn (Debian package coturn; the test command installs it) from the repository's template
/// (tests/calls/coturn/turnserver.conf): listening and relaying on <see cref="CallsNetwork.Address"/>, time-limited
/// credentials from a shared secret, relaying only within the test network. Folder under /tmp/sfera-coturn. One per
/// test run (<see cref="SharedAsync"/>), unless a test needs its own (<see cref="StartAsync"/>).
/// </summary>
public sealed class Coturn : IAsyncDisposable
{
    private const string Binary = "/usr/bin/turnserver";
    public const int MinRelayPort = 49160;
    public const int MaxRelayPort = 49259;
    private static readonly Lazy<Task<Coturn>> Shared = new(StartAsync);
    private readonly Process process;

    private Coturn(Process process, string folder, string host, int port, string secret)
    {
        this.process = process;
        Folder = folder;
        Host = host;
        Port = port;
        Secret = secret;
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>coturn's static-auth-secret: Sfera's Calls:Turn:Secret.</summary>
    public string Secret { get; }

    public const string Realm = "sfera.test";

    public string Folder { get; }

    public static Task<Coturn> SharedAsync() => Shared.Value;

    /// <summary>Settings that make a Sfera server hand out this TURN server with credentials for it.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Calls:Turn:Urls:0"] = $"turn:{Host}:{Port}?transport=udp",
        ["Calls:Turn:Urls:1"] = $"turn:{Host}:{Port}?transport=tcp",
        ["Calls:Turn:Secret"] = Secret,
    };

    public string LogTail(int lines = 40) => CallServerFiles.Tail(Path.Combine(Folder, "turnserver.log"), lines);

    public static async Task<Coturn> StartAsync()
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException("turnserver is not installed (Debian package coturn; the test command installs it).");
        var folder = CallServerFiles.NewFolder("sfera-coturn");
        var address = CallsNetwork.Address;
        var port = ExternalServers.FreePort();
        var secret = CallServerFiles.Secret();
        var loopback = address.StartsWith("127.", StringComparison.Ordinal);
        var network = address[..address.LastIndexOf('.')];
        var config = Path.Combine(folder, "turnserver.conf");
        await CallServerFiles.FillAsync(Path.Combine(ExternalServers.RepoRoot, "tests", "calls", "coturn", "turnserver.conf"), config, new()
        {
            ["ADDRESS"] = address,
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["MIN_PORT"] = MinRelayPort.ToString(CultureInfo.InvariantCulture),
            ["MAX_PORT"] = MaxRelayPort.ToString(CultureInfo.InvariantCulture),
            ["SECRET"] = secret,
            ["REALM"] = Realm,
            ["PEER_RANGE"] = loopback ? "127.0.0.0-127.255.255.255" : $"{network}.0-{network}.255",
            // Only ever for a relay on loopback (tests outside a namespace); never in production.
            ["LOOPBACK_PEERS"] = loopback ? "allow-loopback-peers" : "",
            ["FOLDER"] = folder,
        });
        var process = CallServerFiles.Start(Binary, ["-c", config], folder);
        var coturn = new Coturn(process, folder, address, port, secret);
        try
        {
            await ExternalServers.WaitForPortAsync(port, process, "turnserver", address: IPAddress.Parse(address));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"{e.Message} Its log:\n{coturn.LogTail()}", e);
        }
        return coturn;
    }

    public ValueTask DisposeAsync()
    {
        ExternalServers.Stop(process);
        CallServerFiles.Remove(Folder);
        return ValueTask.CompletedTask;
    }
}

internal static partial class CallServerFiles
{
    public static string NewFolder(string kind)
    {
        var folder = Path.Combine(Path.GetTempPath(), kind, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Starts a server whose files are in <paramref name="folder"/>; when the test run ends it is stopped
    /// (ExternalServers.Start sees to that) and then its folder removed, in that order.</summary>
    public static Process Start(string binary, IEnumerable<string> args, string folder)
    {
        var process = ExternalServers.Start(binary, args);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(folder);
        return process;
    }

    public static string Secret() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>Copies a template, replacing each @NAME@; a placeholder left unfilled is a mistake in the fixture.</summary>
    public static async Task FillAsync(string template, string target, Dictionary<string, string> values)
    {
        var text = Placeholder().Replace(await File.ReadAllTextAsync(template), m =>
            values.TryGetValue(m.Groups[1].Value, out var value) ? value : throw new InvalidOperationException($"{template}: no value for {m.Value}."));
        await File.WriteAllTextAsync(target, text);
    }

    public static string Tail(string file, int lines) =>
        File.Exists(file) ? string.Join('\n', File.ReadLines(file).TakeLast(lines)) : $"({file} was not written)";

    public static void Remove(string folder)
    {
        try { Directory.Delete(folder, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    [GeneratedRegex("@([A-Z_]+)@")]
    private static partial Regex Placeholder();
}
