using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.Http.Json;

namespace Sfera.Tests.Infrastructure;

/// <summary>Real servers the file tests need, started on loopback from what the test command installs.</summary>
public static class ExternalServers
{
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Sfera.slnx"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("No Sfera.slnx above the test binaries.");
        return dir;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitForPortAsync(int port, Process process, string what, int seconds = 30, IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"{what} exited with code {process.ExitCode}.");
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(address, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"{what} did not listen on {address}:{port} within {seconds} s.");
    }

    public static Process Start(string file, IEnumerable<string> args, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process);
        return process;
    }

    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}

/// <summary>s3rver (npm, installed in tests/tools by the test command): an S3 API on loopback with a bucket "sfera".
/// One per test run.</summary>
public static class S3Server
{
    public const string Bucket = "sfera";
    private static readonly Lazy<Task<string>> Started = new(StartAsync);

    /// <summary>The service URL of the running server.</summary>
    public static Task<string> UrlAsync() => Started.Value;

    private static async Task<string> StartAsync()
    {
        var tools = Path.Combine(ExternalServers.RepoRoot, "tests", "tools");
        var script = Path.Combine(tools, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"s3rver is not installed: run `npm ci` in {tools} (the test command does).");
        var dir = Path.Combine(Path.GetTempPath(), "sfera-s3rver", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var port = ExternalServers.FreePort();
        var process = ExternalServers.Start("node", [script, "-d", dir, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--silent", "--configure-bucket", Bucket]);
        await ExternalServers.WaitForPortAsync(port, process, "s3rver");
        return $"http://127.0.0.1:{port}";
    }

    /// <summary>Settings that point a Sfera server's file store at this S3 server.</summary>
    public static async Task<Dictionary<string, string?>> SettingsAsync() => new()
    {
        ["Files:Storage"] = "s3",
        ["Files:S3:ServiceUrl"] = await UrlAsync(),
        ["Files:S3:Bucket"] = Bucket,
        ["Files:S3:AccessKey"] = "S3RVER",
        ["Files:S3:SecretKey"] = "S3RVER",
        ["Files:S3:PartSizeBytes"] = (5L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// ClamAV's daemon with a signature database made here: a hash signature of the EICAR test file (signature updates
/// cannot be downloaded on these machines). Each instance is its own clamd, so a test can stop it.
/// </summary>
public sealed class Clamd : IAsyncDisposable
{
    private readonly Process process;
    private readonly string dir;

    private Clamd(Process process, string dir, int port)
    {
        this.process = process;
        this.dir = dir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The EICAR anti-virus test file, assembled at run time so the repository itself holds no "virus".</summary>
    public static byte[] Eicar { get; } = System.Text.Encoding.ASCII.GetBytes(
        string.Concat(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$", "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"));

    public static string Binary => new[] { "/usr/sbin/clamd", "/usr/bin/clamd" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("clamd is not installed (Debian package clamav-daemon; the test command installs it).");

    public static async Task<Clamd> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sfera-clamd", Guid.NewGuid().ToString("N"));
        var db = Path.Combine(dir, "db");
        Directory.CreateDirectory(db);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Eicar));
        await File.WriteAllTextAsync(Path.Combine(db, "sfera-test.hsb"), $"{sha}:{Eicar.Length}:Sfera.Test.EICAR\n");
        var port = ExternalServers.FreePort();
        var config = Path.Combine(dir, "clamd.conf");
        await File.WriteAllTextAsync(config, string.Join('\n',
            "Foreground yes", $"DatabaseDirectory {db}", "TCPAddr 127.0.0.1", $"TCPSocket {port}", "LogFile " + Path.Combine(dir, "clamd.log"),
            "LogVerbose no", "Bytecode no", "StreamMaxLength 200M", "MaxScanSize 200M", "MaxFileSize 200M", "User root",
            $"PidFile {Path.Combine(dir, "clamd.pid")}", ""));
        var process = ExternalServers.Start(Binary, ["--config-file=" + config]);
        await ExternalServers.WaitForPortAsync(port, process, "clamd", seconds: 60);
        return new Clamd(process, dir, port);
    }

    public void Stop() => ExternalServers.Stop(process);

    public ValueTask DisposeAsync()
    {
        Stop();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}

/// <summary>redis-server (Debian package redis-server; the test command installs it) on loopback, without persistence.
/// One per test run; tests keep apart by using accounts of their own.</summary>
public static class RedisServer
{
    private static readonly Lazy<Task<string>> Started = new(StartAsync);

    /// <summary>"127.0.0.1:port" of the running server.</summary>
    public static Task<string> ConnectionStringAsync() => Started.Value;

    private static async Task<string> StartAsync()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed (Debian package redis-server; the test command installs it).");
        var port = ExternalServers.FreePort();
        // Its process title marks it as ours, so the test command can stop it should this process not.
        var dir = Path.Combine(Path.GetTempPath(), "sfera-redis", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var process = ExternalServers.Start(binary, ["--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--dir", dir, "--proc-title-template", "sfera-redis {listen-addr}"]);
        await ExternalServers.WaitForPortAsync(port, process, "redis-server");
        return $"127.0.0.1:{port}";
    }
}

/// <summary>maildev (npm, installed in tests/tools by the test command): an SMTP server on loopback whose received
/// letters are read through its REST API. One per test run; tests tell their letters apart by recipient.</summary>
public static class MailDev
{
    private static readonly Lazy<Task<(int Smtp, int Web)>> Started = new(StartAsync);

    public sealed record Mailbox(string Address);
    public sealed record Envelope(List<Mailbox> To);
    public sealed record Letter(string Subject, string Text, Envelope Envelope);

    private static async Task<(int, int)> StartAsync()
    {
        var tools = Path.Combine(ExternalServers.RepoRoot, "tests", "tools");
        var script = Path.Combine(tools, "node_modules", "maildev", "dist", "bin", "maildev.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"maildev is not installed: run `npm ci` in {tools} (the test command does).");
        // The folder's name marks the process as ours, so the test command can stop it should this process not.
        var dir = Path.Combine(Path.GetTempPath(), "sfera-maildev", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var smtp = ExternalServers.FreePort();
        var web = ExternalServers.FreePort();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var process = ExternalServers.Start("node", [script, "--smtp", smtp.ToString(inv), "--ip", "127.0.0.1", "--web", web.ToString(inv),
            "--web-ip", "127.0.0.1", "--mail-directory", dir, "--silent"]);
        await ExternalServers.WaitForPortAsync(smtp, process, "maildev (SMTP)");
        await ExternalServers.WaitForPortAsync(web, process, "maildev (web)");
        return (smtp, web);
    }

    /// <summary>Settings that make a Sfera server send its mail here.</summary>
    public static async Task<Dictionary<string, string?>> SettingsAsync() => new()
    {
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = (await Started.Value).Smtp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Smtp:UseTls"] = "false",
        ["Mail:Smtp:From"] = "Сфера <sfera@school.test>",
    };

    /// <summary>The letters received for <paramref name="to"/>, waiting a little for at least one to arrive.</summary>
    public static async Task<List<Letter>> LettersToAsync(string to, int seconds = 10)
    {
        var web = (await Started.Value).Web;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{web}/") };
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var all = await http.GetFromJsonAsync<List<Letter>>("api/email", Http.Json) ?? [];
            var mine = all.Where(l => l.Envelope.To.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase))).ToList();
            if (mine.Count > 0 || DateTime.UtcNow > deadline) return mine;
            await Task.Delay(200);
        }
    }
}
