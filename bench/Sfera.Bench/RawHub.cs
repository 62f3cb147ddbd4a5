using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace Sfera.Bench;

/// <summary>
/// The least a SignalR client can be, for holding many idle connections: a socket bound to a chosen 127.0.0.x (the
/// .NET client cannot choose its source address, and one address has only ~28,000 ephemeral ports), an HTTP/1.1
/// WebSocket upgrade straight to /hubs/chat (no negotiate: the server accepts a WebSocket without one), the JSON
/// protocol handshake, then pings. What arrives is dropped, or handed record by record (the JSON protocol's
/// 0x1e-separated messages) to a callback: the fan-out's lean listener, which reads a clientId out of MessageCreated
/// without deserializing the rest.
/// </summary>
public sealed class RawHub : IAsyncDisposable
{
    private const int SolIp = 0;
    private const int IpBindAddressNoPort = 24; // Linux: pick the port at connect(), so the 4-tuple, not the port, must be unique
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
    private readonly WebSocket socket;
    private readonly Task reading;
    private readonly Action<ReadOnlySpan<byte>>? onRecord;

    private RawHub(WebSocket socket, Action<ReadOnlySpan<byte>>? onRecord)
    {
        this.socket = socket;
        this.onRecord = onRecord;
        reading = ReadAsync();
    }

    public bool IsOpen => socket.State == WebSocketState.Open && !reading.IsCompleted;

    public static async Task<RawHub> ConnectAsync(IPEndPoint server, IPAddress source, string token, Action<ReadOnlySpan<byte>>? onRecord = null,
        CancellationToken ct = default)
    {
        var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            tcp.SetRawSocketOption(SolIp, IpBindAddressNoPort, BitConverter.GetBytes(1));
            tcp.Bind(new IPEndPoint(source, 0));
            await tcp.ConnectAsync(server, ct);
            var stream = new NetworkStream(tcp, ownsSocket: true);
            var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
            var request = $"GET /hubs/chat?access_token={Uri.EscapeDataString(token)} HTTP/1.1\r\nHost: {server}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), ct);
            // The server says nothing after its 101 until the handshake, so reading up to the blank line takes no frame bytes.
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(one, ct) == 0) throw new IOException("closed during the upgrade");
                head.Append((char)one[0]);
            }
            if (!head.ToString().StartsWith("HTTP/1.1 101", StringComparison.Ordinal)) throw new IOException("upgrade refused: " + head.ToString().Split('\r')[0]);
            var ws = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
            await ws.SendAsync(Handshake, WebSocketMessageType.Text, true, ct);
            var answer = new byte[64];
            var got = await ws.ReceiveAsync(answer, ct);
            if (got.Count == 0 || answer[0] != (byte)'{' || answer.AsSpan(0, got.Count).IndexOf("error"u8) >= 0)
                throw new IOException("handshake refused: " + Encoding.UTF8.GetString(answer, 0, got.Count));
            return new RawHub(ws, onRecord);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>The server drops a client it has not heard from for 30 s: call this every ~15 s.</summary>
    public Task PingAsync() => socket.SendAsync(Ping, WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task ReadAsync()
    {
        var buffer = new byte[onRecord is null ? 512 : 4096];
        var filled = 0;
        try
        {
            while (true)
            {
                var r = await socket.ReceiveAsync(buffer.AsMemory(filled), CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close) return;
                if (onRecord is null) continue;
                filled += r.Count;
                // Whole records go to the callback; a record cut by the buffer's end waits for the rest.
                var start = 0;
                for (int end; (end = buffer.AsSpan(start, filled - start).IndexOf((byte)0x1e)) >= 0; start += end + 1)
                    onRecord(buffer.AsSpan(start, end));
                filled -= start;
                buffer.AsSpan(start, filled).CopyTo(buffer);
                if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
        catch (WebSocketException) { }
        catch (IOException) { }
    }

    public async ValueTask DisposeAsync()
    {
        try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); }
        catch (WebSocketException) { }
        catch (IOException) { }
        socket.Dispose();
    }
}
