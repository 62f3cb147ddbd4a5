using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sfera.Bench;

/// <summary>
/// Janus and coturn for --run calls, from the same templates as the tests (tests/calls/janus, tests/calls/coturn; the
/// logic of tests/Server.Tests/Infrastructure/CallServers.cs): Janus with only the VideoRoom plugin and the HTTP API on
/// 127.0.0.1 with an api_secret, gathering ICE only on the namespace's interface; coturn on the namespace's address with
/// time-limited credentials. They must run inside the network namespace scripts/calls-netns makes (Janus cannot do ICE
/// on loopback): bench/run does that for --run calls. Each has a folder of its own under /tmp, removed at the end.
/// </summary>
public sealed partial class CallServers : IAsyncDisposable
{
    private readonly List<(Process Process, string Folder)> started = [];

    public int JanusPid { get; private set; }
    public int CoturnPid { get; private set; }
    public string JanusFolder { get; private set; } = "";
    public string TurnUrl { get; private set; } = "";

    /// <summary>The namespace's address (scripts/calls-netns sets it).</summary>
    public static string? Address => Environment.GetEnvironmentVariable("SFERA_CALLS_ADDRESS") is { Length: > 0 } a ? a : null;

    public static string? Interface => Environment.GetEnvironmentVariable("SFERA_CALLS_INTERFACE") is { Length: > 0 } i ? i : null;

    /// <summary>Starts both and adds the settings that point Sfera at them.</summary>
    public static async Task<CallServers> StartAsync(Dictionary<string, string> settings)
    {
        if (Address is not { } address || Interface is not { } nic)
            throw new InvalidOperationException("--run calls must run inside scripts/calls-netns (bench/run does that): Janus cannot do ICE on loopback.");
        foreach (var binary in new[] { "/usr/bin/janus", "/usr/bin/turnserver" })
            if (!File.Exists(binary)) throw new InvalidOperationException($"{binary} is missing: apt-get install -y janus coturn");
        var servers = new CallServers();
        try
        {
            await servers.StartJanusAsync(address, nic, settings);
            await servers.StartCoturnAsync(address, settings);
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
        return servers;
    }

    private async Task StartJanusAsync(string address, string nic, Dictionary<string, string> settings)
    {
        var folder = NewFolder("sfera-bench-janus");
        var port = ServerProcess.FreePort();
        string apiSecret = Secret(), roomAdminKey = Secret();
        var values = new Dictionary<string, string>
        {
            ["FOLDER"] = folder,
            ["HTTP_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["API_SECRET"] = apiSecret,
            ["ADMIN_SECRET"] = Secret(),
            ["ROOM_ADMIN_KEY"] = roomAdminKey,
            ["ICE_INTERFACE"] = nic,
            ["ICE_ADDRESS"] = address,
        };
        foreach (var template in Directory.GetFiles(Path.Combine(ServerProcess.FindRepo(), "tests/calls/janus"), "*.jcfg"))
            await FillAsync(template, Path.Combine(folder, Path.GetFileName(template)), values);
        var process = Start("/usr/bin/janus", ["-F", folder, "-C", Path.Combine(folder, "janus.jcfg"), "-o"], folder);
        JanusPid = process.Id;
        JanusFolder = folder;
        var url = $"http://127.0.0.1:{port}/janus";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; ; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"janus exited with code {process.ExitCode}; see {folder}/janus.log");
            try
            {
                using var info = JsonDocument.Parse(await http.GetStringAsync(url + "/info"));
                if (info.RootElement.GetProperty("janus").GetString() == "server_info") break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException) { }
            if (i > 300) throw new TimeoutException("janus did not answer within 30 s");
            await Task.Delay(100);
        }
        settings["Calls__Janus__Servers__0__Name"] = "bench";
        settings["Calls__Janus__Servers__0__Url"] = url;
        settings["Calls__Janus__Servers__0__ApiSecret"] = apiSecret;
        settings["Calls__Janus__Servers__0__AdminKey"] = roomAdminKey;
    }

    private async Task StartCoturnAsync(string address, Dictionary<string, string> settings)
    {
        var folder = NewFolder("sfera-bench-coturn");
        var port = ServerProcess.FreePort();
        var secret = Secret();
        var network = address[..address.LastIndexOf('.')];
        var config = Path.Combine(folder, "turnserver.conf");
        await FillAsync(Path.Combine(ServerProcess.FindRepo(), "tests/calls/coturn/turnserver.conf"), config, new()
        {
            ["ADDRESS"] = address,
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["MIN_PORT"] = "49160",
            ["MAX_PORT"] = "49259",
            ["SECRET"] = secret,
            ["REALM"] = "sfera.bench",
            ["PEER_RANGE"] = $"{network}.0-{network}.255",
            ["LOOPBACK_PEERS"] = "",
            ["FOLDER"] = folder,
        });
        var process = Start("/usr/bin/turnserver", ["-c", config], folder);
        CoturnPid = process.Id;
        for (var i = 0; ; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"turnserver exited with code {process.ExitCode}; see {folder}/turnserver.log");
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(address, port);
                break;
            }
            catch (SocketException) { }
            if (i > 300) throw new TimeoutException("turnserver did not listen within 30 s");
            await Task.Delay(100);
        }
        TurnUrl = $"turn:{address}:{port}";
        settings["Calls__Turn__Urls__0"] = $"turn:{address}:{port}?transport=udp";
        settings["Calls__Turn__Urls__1"] = $"turn:{address}:{port}?transport=tcp";
        settings["Calls__Turn__Secret"] = secret;
    }

    private Process Start(string binary, string[] args, string folder)
    {
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {binary}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        started.Add((process, folder));
        return process;
    }

    private static string NewFolder(string kind)
    {
        var folder = Path.Combine(Path.GetTempPath(), kind, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Copies a template, replacing each @NAME@.</summary>
    private static async Task FillAsync(string template, string target, Dictionary<string, string> values)
    {
        var text = Placeholder().Replace(await File.ReadAllTextAsync(template), m =>
            values.TryGetValue(m.Groups[1].Value, out var value) ? value : throw new InvalidOperationException($"{template}: no value for {m.Value}"));
        await File.WriteAllTextAsync(target, text);
    }

    [GeneratedRegex("@([A-Z_]+)@")]
    private static partial Regex Placeholder();

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, folder) in started)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
