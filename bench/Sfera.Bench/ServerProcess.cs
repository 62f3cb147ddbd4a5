using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sfera.Bench;

/// <summary>The built server (Release) as a separate process on a free loopback port, with a throwaway database.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Func<string[], ProcessStartInfo> info;
    public string Url { get; }
    /// <summary>The server's process id (for its CPU time and memory in /proc).</summary>
    public int Pid => process.Id;
    public string Provider { get; }
    public string ConnectionString { get; }
    public string DataDirectory { get; }
    public const string OperatorLogin = "bench.operator";
    public const string Password = "Bench-password-1";

    private ServerProcess(Process process, Func<string[], ProcessStartInfo> info, string url, string provider, string connection, string data)
    {
        this.process = process;
        this.info = info;
        Url = url;
        Provider = provider;
        ConnectionString = connection;
        DataDirectory = data;
    }

    /// <summary>Starts a server; with <paramref name="nodeOf"/>, a second node on the first one's database and data folder.</summary>
    public static async Task<ServerProcess> StartAsync(string provider, string? postgres, IReadOnlyDictionary<string, string>? settings = null, ServerProcess? nodeOf = null)
    {
        var repo = FindRepo();
        var dll = Path.Combine(repo, "src/Server/bin/Release/net10.0/Sfera.Server.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"Build the server first: dotnet build -c Release src/Server ({dll} missing)");
        var data = nodeOf?.DataDirectory ?? Path.Combine(Path.GetTempPath(), "sfera-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var connection = nodeOf is not null ? nodeOf.ConnectionString : provider == "postgres"
            ? $"{postgres ?? throw new InvalidOperationException("--postgres <connection string without database> is required")};Database=sfera_bench_{Guid.NewGuid():N}"
            : $"Data Source={Path.Combine(data, "sfera.db")};Pooling=true";
        var port = FreePort();
        ProcessStartInfo Info(params string[] args)
        {
            var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.Combine(repo, "src/Server"), RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add(dll);
            foreach (var a in args) info.ArgumentList.Add(a);
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            info.Environment["Database__Provider"] = provider;
            info.Environment["Database__ConnectionString"] = connection;
            info.Environment["Sfera__SignInPermitsPerMinute"] = "1000000";
            // A load generator is exactly what the per-person limits stop.
            info.Environment["Sfera__MessagesPerMinute"] = "1000000";
            info.Environment["Sfera__SearchesPerMinute"] = "1000000";
            info.Environment["Sfera__TypingPerMinute"] = "1000000";
            info.Environment["Files__UploadsPerMinute"] = "1000000";
            info.Environment["Logging__LogLevel__Default"] = "Warning";
            info.Environment["Sfera__DataDirectory"] = data;
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key] = value;
            return info;
        }
        if (nodeOf is null)
        using (var cli = Process.Start(Info("create-operator", "--login", OperatorLogin, "--password", Password))!)
        {
            await cli.WaitForExitAsync();
            if (cli.ExitCode != 0) throw new InvalidOperationException("create-operator failed: " + await cli.StandardError.ReadToEndAsync());
        }
        var url = $"http://127.0.0.1:{port}";
        var server = Process.Start(Info("--urls", url))!;
        // SFERA_BENCH_SERVER_LOG=<file> keeps the server's own log (with, say, Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information).
        var log = Environment.GetEnvironmentVariable("SFERA_BENCH_SERVER_LOG") is { Length: > 0 } path ? new StreamWriter(path) { AutoFlush = true } : null;
        server.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (server) log?.WriteLine(e.Data); };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            try { if ((await http.GetAsync($"{url}/health")).IsSuccessStatusCode) return new ServerProcess(server, Info, url, provider, connection, data); }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        server.Kill();
        throw new TimeoutException("the server did not start");
    }

    /// <summary>Runs the server's seed-load command on this server's database (a second process, as create-operator runs).</summary>
    public async Task<Seed> SeedAsync(int schools, int classes, int students, int parents)
    {
        var file = Path.Combine(DataDirectory, $"people-{Guid.NewGuid():N}.json");
        using var cli = Process.Start(info(["seed-load", "--schools", $"{schools}", "--classes", $"{classes}", "--students", $"{students}",
            "--parents", $"{parents}", "--password", Password, "--out", file, "--token-hours", "12"]))!;
        var said = cli.StandardOutput.ReadToEndAsync();
        var errors = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync();
        if (cli.ExitCode != 0) throw new InvalidOperationException("seed-load failed: " + await errors);
        Console.WriteLine((await said).Trim());
        await using var json = File.OpenRead(file);
        return (await System.Text.Json.JsonSerializer.DeserializeAsync<Seed>(json, Seed.Json))!;
    }

    /// <summary>The server's resident memory now (VmRSS), in bytes.</summary>
    public long MemoryBytes() => StatusKb(process.Id, "VmRSS:") * 1024;

    private static long StatusKb(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The server process's peak resident memory so far (VmHWM), in bytes.</summary>
    public long PeakMemoryBytes()
    {
        return StatusKb(process.Id, "VmHWM:") * 1024;
    }

    /// <summary>Resets the peak so that the next reading covers only what follows (Linux: write 5 to clear_refs).</summary>
    public void ResetPeakMemory() => File.WriteAllText($"/proc/{process.Id}/clear_refs", "5");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sfera.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
        process.Dispose();
    }
}
