using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sfera.Tests.Infrastructure;

/// <summary>A push received by the stand-in, checked and decrypted as the device would.</summary>
public sealed record ReceivedPush(string DeviceId, JsonElement Payload, string Topic, string Urgency, string Audience)
{
    public string Title => Payload.GetProperty("title").GetString()!;
    public string Body => Payload.GetProperty("body").GetString()!;
    public string? Text => Payload.GetProperty("text").GetString();
    public string Kind => Payload.GetProperty("kind").GetString()!;
    public string ChatName => Payload.GetProperty("chatName").GetString()!;
    public string SenderName => Payload.GetProperty("senderName").GetString()!;
    public int Count => Payload.GetProperty("count").GetInt32();
}

/// <summary>One browser's push subscription: its own P-256 key pair and auth secret, as PushManager makes them.</summary>
public sealed class PushDevice(PushService service, string id) : IDisposable
{
    public string Id => id;
    internal ECDiffieHellman Key { get; } = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
    internal byte[] AuthSecret { get; } = RandomNumberGenerator.GetBytes(16);
    public string Endpoint => $"{service.Address}push/{id}";

    public byte[] PublicKey
    {
        get
        {
            var p = Key.ExportParameters(false);
            return [0x04, .. p.Q.X!, .. p.Q.Y!];
        }
    }

    /// <summary>What the web app posts to /api/v1/me/devices.</summary>
    public object Subscription(string device = "Тестовый браузер", string language = "ru") =>
        new { endpoint = Endpoint, p256dh = PushService.Base64Url(PublicKey), auth = PushService.Base64Url(AuthSecret), device, language };

    /// <summary>The status the push service answers for this device (201 Created by default; 410 Gone once the browser dropped it).</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.Created;

    public IReadOnlyList<ReceivedPush> Received => service.Pushes.Where(p => p.DeviceId == id).ToList();

    public async Task<ReceivedPush> NextAsync(int index = 0, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var mine = Received;
            if (mine.Count > index) return mine[index];
            await Task.Delay(50);
        }
        throw new TimeoutException($"No push number {index + 1} reached device {id} in {seconds} s ({Received.Count} came; refused: {string.Join("; ", service.Refusals)}).");
    }

    public void Dispose() => Key.Dispose();
}

/// <summary>
/// A Web Push service stand-in over real HTTP on loopback, checking what a push service checks: a VAPID token
/// (RFC 8292: an ES256 JWT for this origin, signed with the key sent beside it, not expired) and an aes128gcm body
/// (RFC 8188) that decrypts, with the device's key, to the payload (RFC 8291). Anything else is refused with 400/401
/// and recorded in <see cref="Refusals"/>.
/// </summary>
public sealed class PushService : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, PushDevice> devices = new();
    private readonly ConcurrentQueue<ReceivedPush> pushes = new();
    private readonly ConcurrentQueue<string> refusals = new();

    private PushService(WebApplication app) => this.app = app;

    public Uri Address { get; private set; } = null!;
    public IReadOnlyList<ReceivedPush> Pushes => pushes.ToList();
    public IReadOnlyList<string> Refusals => refusals.ToList();

    /// <summary>The VAPID public key pushes must be signed with (the server's, from /api/v1/me/push-key).</summary>
    public string? ExpectedKey { get; set; }

    /// <summary>The settings a Sfera server needs to post to this stand-in.</summary>
    public static Dictionary<string, string?> ServerSettings => new()
    {
        ["Push:AllowedHosts:0"] = "127.0.0.1", ["Push:AllowHttp"] = "true", ["Push:PollSeconds"] = "0.1", ["Push:GatherMilliseconds"] = "20", ["Push:RetrySeconds"] = "1",
    };

    public static async Task<PushService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var service = new PushService(app);
        app.MapPost("/push/{id}", service.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        service.Address = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return service;
    }

    public PushDevice NewDevice()
    {
        var device = new PushDevice(this, Guid.NewGuid().ToString("N"));
        devices[device.Id] = device;
        return device;
    }

    private async Task<IResult> ReceiveAsync(string id, HttpRequest request)
    {
        if (!devices.TryGetValue(id, out var device)) return Refuse(404, $"unknown device {id}");
        if (device.Answer != HttpStatusCode.Created) return Results.StatusCode((int)device.Answer);
        var audience = $"{Address.Scheme}://{Address.Authority}";
        if (VerifyVapid(request.Headers.Authorization.ToString(), audience) is { } vapidProblem) return Refuse(401, vapidProblem);
        if (request.Headers.ContentEncoding.ToString() != "aes128gcm") return Refuse(400, "not aes128gcm");
        if (!int.TryParse(request.Headers["TTL"], out _)) return Refuse(400, "no TTL");
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        byte[] plain;
        try { plain = Decrypt(body.ToArray(), device); }
        catch (CryptographicException e) { return Refuse(400, "does not decrypt: " + e.Message); }
        pushes.Enqueue(new ReceivedPush(id, JsonSerializer.Deserialize<JsonElement>(plain), request.Headers["Topic"].ToString(),
            request.Headers["Urgency"].ToString(), audience));
        return Results.StatusCode(201);
    }

    private IResult Refuse(int status, string why)
    {
        refusals.Enqueue(why);
        return Results.StatusCode(status);
    }

    /// <summary>"vapid t=JWT, k=key" (RFC 8292): null when valid, else what is wrong.</summary>
    private string? VerifyVapid(string header, string audience)
    {
        if (!header.StartsWith("vapid ", StringComparison.Ordinal)) return $"not a vapid authorization: '{header}'";
        var parts = header[6..].Split(',', StringSplitOptions.TrimEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var token) || !parts.TryGetValue("k", out var key)) return "t or k missing";
        if (ExpectedKey is not null && key != ExpectedKey) return "signed with another key than the server's";
        var pieces = token.Split('.');
        if (pieces.Length != 3) return "not a JWT";
        var header0 = JsonSerializer.Deserialize<JsonElement>(FromBase64Url(pieces[0]));
        if (header0.GetProperty("alg").GetString() != "ES256") return "not ES256";
        var point = FromBase64Url(key);
        using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..65] } });
        if (!ecdsa.VerifyData(Encoding.ASCII.GetBytes(pieces[0] + "." + pieces[1]), FromBase64Url(pieces[2]), HashAlgorithmName.SHA256))
            return "the signature does not verify";
        var claims = JsonSerializer.Deserialize<JsonElement>(FromBase64Url(pieces[1]));
        if (claims.GetProperty("aud").GetString() != audience) return $"aud {claims.GetProperty("aud")} is not {audience}";
        var exp = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
        if (exp < DateTimeOffset.UtcNow || exp > DateTimeOffset.UtcNow.AddHours(24)) return $"exp {exp} out of range";
        if (claims.GetProperty("sub").GetString() is not { Length: > 0 } sub || !(sub.StartsWith("mailto:", StringComparison.Ordinal) || sub.StartsWith("https:", StringComparison.Ordinal)))
            return "no sub";
        return null;
    }

    /// <summary>RFC 8291 with RFC 8188's aes128gcm: one record, as a push carries.</summary>
    private static byte[] Decrypt(byte[] body, PushDevice device)
    {
        var salt = body[..16];
        var recordSize = (body[16] << 24) | (body[17] << 16) | (body[18] << 8) | body[19];
        var idLength = body[20];
        var serverPublic = body[21..(21 + idLength)];
        var cipher = body[(21 + idLength)..];
        if (idLength != 65 || cipher.Length > recordSize) throw new CryptographicException("unexpected header");
        using var server = ECDiffieHellman.Create(new ECParameters
            { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = serverPublic[1..33], Y = serverPublic[33..65] } });
        var shared = device.Key.DeriveRawSecretAgreement(server.PublicKey);
        var keyInfo = (byte[])[.. "WebPush: info\0"u8, .. device.PublicKey, .. serverPublic];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, device.AuthSecret, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var cek = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, "Content-Encoding: nonce\0"u8.ToArray());
        var plain = new byte[cipher.Length - 16];
        using var aes = new AesGcm(cek, 16);
        aes.Decrypt(nonce, cipher[..^16], cipher[^16..], plain);
        var end = Array.FindLastIndex(plain, b => b != 0);
        if (end < 0 || plain[end] != 2) throw new CryptographicException("no last-record delimiter");
        return plain[..end];
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight((s.Length + 3) / 4 * 4, '='));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var device in devices.Values) device.Dispose();
        await app.DisposeAsync();
    }
}
