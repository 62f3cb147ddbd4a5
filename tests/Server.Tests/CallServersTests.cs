using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sfera.Calls.Janus;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>
/// The call servers as calls will use them, inside the network namespace the test command makes
/// (scripts/calls-netns): Janus gathers ICE candidates on the namespace's address and answers a publisher's offer;
/// coturn hands out relays for time-limited credentials and refuses wrong or expired ones.
/// </summary>
[Trait("Category", "Calls")]
public sealed class CallServersTests
{
    [Fact]
    public async Task Janus_answers_a_publisher_offer_with_candidates_on_the_namespace_address()
    {
        Assert.True(CallsNetwork.InNamespace, "Janus does no ICE on loopback: run the Calls tests through scripts/calls-netns.");
        var server = await JanusServer.SharedAsync();
        await using var servers = new JanusServers(Options.Create(new JanusOptions { Servers = [server.Options] }), NullLoggerFactory.Instance);
        var ct = CancellationToken.None;
        await using var session = await servers.All.Single().CreateSessionAsync(ct);
        await using var control = await session.AttachVideoRoomAsync(ct);
        var room = await control.CreateRoomAsync(new VideoRoomSettings { Secret = "s" }, ct);
        await using var teacher = await session.AttachVideoRoomAsync(ct);
        var joined = await teacher.JoinAsPublisherAsync(room, 0, "Учитель", ct);

        var answer = await teacher.PublishAsync(new Jsep("offer", Offer), new PublisherConfiguration { Display = "Учитель" }, ct);

        Assert.Equal("answer", answer.Type);
        var candidates = answer.Sdp.Split("\r\n").Where(l => l.StartsWith("a=candidate:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(candidates);
        Assert.All(candidates, c => Assert.Contains($" {CallsNetwork.Address} ", c, StringComparison.Ordinal));
        Assert.Contains("a=rtpmap:111 opus/48000/2", answer.Sdp, StringComparison.Ordinal);
        Assert.Contains("VP8/90000", answer.Sdp, StringComparison.Ordinal);
        await teacher.TrickleCompletedAsync(ct);
        // The offer's streams exist now: the microphone (mid 0) can be muted by the room's secret; mid 7 is no stream.
        await control.ModerateAsync(room, "s", joined.Id, "0", mute: true, ct);
        var unknown = await Assert.ThrowsAsync<JanusException>(() => control.ModerateAsync(room, "s", joined.Id, "7", mute: true, ct));
        Assert.Equal(VideoRoomErrors.NoSuchFeed, unknown.Code);
        await control.DestroyRoomAsync(room, "s", ct);
    }

    [Fact]
    public async Task Coturn_relays_for_a_time_limited_credential_on_the_test_address()
    {
        var turn = await Coturn.SharedAsync();
        var username = $"{DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds()}:student";

        var relay = await AllocateAsync(turn, username, Password(turn.Secret, username));

        Assert.Equal(IPAddress.Parse(CallsNetwork.Address), relay.Address);
        Assert.InRange(relay.Port, Coturn.MinRelayPort, Coturn.MaxRelayPort);
    }

    [Fact]
    public async Task Coturn_refuses_a_wrong_password_and_an_expired_credential()
    {
        var turn = await Coturn.SharedAsync();
        var username = $"{DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds()}:student";
        var expired = $"{DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds()}:student";

        var wrong = await Assert.ThrowsAsync<TurnRefusedException>(() => AllocateAsync(turn, username, Password("not-the-secret", username)));
        var late = await Assert.ThrowsAsync<TurnRefusedException>(() => AllocateAsync(turn, expired, Password(turn.Secret, expired)));

        Assert.Equal(401, wrong.Code);
        Assert.Equal(401, late.Code);
    }

    // A Chromium-like offer: Opus and VP8, sending, bundled, with made-up ICE credentials and DTLS fingerprint (Janus
    // checks their form only until a browser connects).
    internal static readonly string Offer = string.Join("\r\n",
        "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0 1", "a=msid-semantic: WMS",
        "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0", "a=ice-ufrag:sfer", "a=ice-pwd:sferatestpasswordofcalls1",
        "a=ice-options:trickle", $"a=fingerprint:sha-256 {Fingerprint}", "a=setup:actpass", "a=mid:0",
        "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "a=sendonly", "a=msid:s a", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2",
        "a=fmtp:111 minptime=10;useinbandfec=1", "a=ssrc:1001 cname:sfera",
        "m=video 9 UDP/TLS/RTP/SAVPF 96", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0", "a=ice-ufrag:sfer", "a=ice-pwd:sferatestpasswordofcalls1",
        "a=ice-options:trickle", $"a=fingerprint:sha-256 {Fingerprint}", "a=setup:actpass", "a=mid:1", "a=sendonly", "a=msid:s v", "a=rtcp-mux",
        "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 nack", "a=rtcp-fb:96 nack pli", "a=rtcp-fb:96 ccm fir", "a=ssrc:2002 cname:sfera", "");

    private static string Fingerprint => string.Join(':', Enumerable.Range(0, 32).Select(i => (i * 7 % 256).ToString("X2", CultureInfo.InvariantCulture)));

    // coturn's REST scheme (use-auth-secret); HMAC-SHA1 is what the scheme is defined with.
#pragma warning disable CA5350
    private static string Password(string secret, string username) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username)));
#pragma warning restore CA5350

    private sealed class TurnRefusedException(int code, string reason) : Exception($"TURN error {code}: {reason}")
    {
        public int Code { get; } = code;
    }

    /// <summary>A TURN Allocate over UDP (RFC 8656): unauthenticated first, for the realm and nonce, then with the
    /// long-term credential (MESSAGE-INTEGRITY keyed with MD5(username:realm:password)).</summary>
    private static async Task<IPEndPoint> AllocateAsync(Coturn turn, string username, string password)
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Parse(CallsNetwork.Address), 0));
        var server = new IPEndPoint(IPAddress.Parse(turn.Host), turn.Port);
        var transport = (Type: (ushort)0x0019, Value: new byte[] { 17, 0, 0, 0 });
        var challenge = await ExchangeAsync(udp, server, [transport], null);
        if (challenge.Type != 0x0113 || ErrorCode(challenge) != 401) throw new InvalidOperationException("coturn did not ask for credentials.");
        var realm = challenge.Attributes[0x0014];
        var nonce = challenge.Attributes[0x0015];
#pragma warning disable CA5351 // MD5 is what TURN's long-term credential key is defined with.
        var key = MD5.HashData(Encoding.UTF8.GetBytes($"{username}:{Encoding.UTF8.GetString(realm)}:{password}"));
#pragma warning restore CA5351
        var answer = await ExchangeAsync(udp, server, [(0x0006, Encoding.UTF8.GetBytes(username)), (0x0014, realm), (0x0015, nonce), transport], key);
        if (answer.Type == 0x0113) throw new TurnRefusedException(ErrorCode(answer), Encoding.UTF8.GetString(answer.Attributes[0x0009], 4, answer.Attributes[0x0009].Length - 4));
        var relayed = answer.Attributes[0x0016];
        var port = BinaryPrimitives.ReadUInt16BigEndian(relayed.AsSpan(2)) ^ 0x2112;
        var address = new byte[4];
        for (var i = 0; i < 4; i++) address[i] = (byte)(relayed[4 + i] ^ MagicCookie[i]);
        return new IPEndPoint(new IPAddress(address), port);
    }

    private static readonly byte[] MagicCookie = [0x21, 0x12, 0xA4, 0x42];

    private static int ErrorCode((int Type, Dictionary<int, byte[]> Attributes) message)
    {
        var value = message.Attributes[0x0009];
        return (value[2] & 7) * 100 + value[3];
    }

    private static async Task<(int Type, Dictionary<int, byte[]> Attributes)> ExchangeAsync(UdpClient udp, IPEndPoint server,
        IEnumerable<(ushort Type, byte[] Value)> attributes, byte[]? integrityKey)
    {
        var body = new List<byte>();
        foreach (var (type, value) in attributes) Attribute(body, type, value);
        var header = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(header, 0x0003);
        MagicCookie.CopyTo(header, 4);
        RandomNumberGenerator.Fill(header.AsSpan(8, 12));
        if (integrityKey is not null)
        {
            // The HMAC covers the message with its length already counting the MESSAGE-INTEGRITY attribute (24 bytes).
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(body.Count + 24));
#pragma warning disable CA5350 // STUN's MESSAGE-INTEGRITY is HMAC-SHA1 by definition.
            byte[] signed = [.. header, .. body];
            Attribute(body, 0x0008, HMACSHA1.HashData(integrityKey, signed));
#pragma warning restore CA5350
        }
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)body.Count);
        byte[] datagram = [.. header, .. body];
        await udp.SendAsync(datagram, datagram.Length, server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var reply = (await udp.ReceiveAsync(timeout.Token)).Buffer;
        var parsed = new Dictionary<int, byte[]>();
        for (var at = 20; at + 4 <= reply.Length;)
        {
            int type = BinaryPrimitives.ReadUInt16BigEndian(reply.AsSpan(at)), length = BinaryPrimitives.ReadUInt16BigEndian(reply.AsSpan(at + 2));
            parsed[type] = reply[(at + 4)..(at + 4 + length)];
            at += 4 + (length + 3) / 4 * 4;
        }
        return (BinaryPrimitives.ReadUInt16BigEndian(reply), parsed);
    }

    private static void Attribute(List<byte> body, ushort type, byte[] value)
    {
        var head = new byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(head, type);
        BinaryPrimitives.WriteUInt16BigEndian(head.AsSpan(2), (ushort)value.Length);
        body.AddRange(head);
        body.AddRange(value);
        body.AddRange(new byte[(4 - value.Length % 4) % 4]);
    }
}
