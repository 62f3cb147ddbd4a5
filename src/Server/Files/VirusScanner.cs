using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Sfera.Files;

public enum ScanVerdict { Clean, Infected, Unavailable }

public sealed record ScanResult(ScanVerdict Verdict, string? Signature = null);

public interface IVirusScanner
{
    Task<ScanResult> ScanAsync(string path, CancellationToken ct);
}

/// <summary>Scanning is off: every file counts as clean.</summary>
public sealed class NoVirusScanner : IVirusScanner
{
    public Task<ScanResult> ScanAsync(string path, CancellationToken ct) => Task.FromResult(new ScanResult(ScanVerdict.Clean));
}

/// <summary>
/// ClamAV's daemon over TCP with the INSTREAM command: the file is sent in chunks, clamd answers "stream: OK" or
/// "stream: &lt;signature&gt; FOUND". Anything else (no answer, an error, a size limit) is
/// <see cref="ScanVerdict.Unavailable"/>, and the upload fails closed.
/// </summary>
public sealed class ClamdScanner(ClamAvOptions options, ILogger<ClamdScanner> log) : IVirusScanner
{
    private const int ChunkSize = 64 * 1024;

    public async Task<ScanResult> ScanAsync(string path, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(options.Host, options.Port, timeout.Token);
            await using var stream = tcp.GetStream();
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), timeout.Token);
            await using (var file = File.OpenRead(path))
            {
                var buffer = new byte[4 + ChunkSize];
                int read;
                while ((read = await file.ReadAsync(buffer.AsMemory(4, ChunkSize), timeout.Token)) > 0)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)read);
                    await stream.WriteAsync(buffer.AsMemory(0, 4 + read), timeout.Token);
                }
            }
            await stream.WriteAsync(new byte[4], timeout.Token);
            var reply = await ReadReplyAsync(stream, timeout.Token);
            if (reply.EndsWith(" OK", StringComparison.Ordinal)) return new ScanResult(ScanVerdict.Clean);
            if (reply.EndsWith(" FOUND", StringComparison.Ordinal))
            {
                var signature = reply["stream: ".Length..^" FOUND".Length];
                log.LogWarning("Upload refused: clamd found {Signature}", signature);
                return new ScanResult(ScanVerdict.Infected, signature);
            }
            log.LogError("clamd answered {Reply}; the upload is refused", reply);
            return new ScanResult(ScanVerdict.Unavailable);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            log.LogError(e, "clamd at {Host}:{Port} cannot be reached; the upload is refused", options.Host, options.Port);
            return new ScanResult(ScanVerdict.Unavailable);
        }
    }

    private static async Task<string> ReadReplyAsync(NetworkStream stream, CancellationToken ct)
    {
        var reply = new List<byte>();
        var buffer = new byte[256];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            var end = Array.IndexOf(buffer, (byte)0, 0, read);
            reply.AddRange(buffer.Take(end >= 0 ? end : read));
            if (end >= 0 || reply.Count > 4096) break;
        }
        return Encoding.UTF8.GetString([.. reply]).Trim();
    }
}
