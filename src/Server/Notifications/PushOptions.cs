using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sfera.Data;

namespace Sfera.Notifications;

/// <summary>Settings of Web Push (section "Push").</summary>
public sealed class PushOptions
{
    /// <summary>The VAPID key pair (base64url: the public key an uncompressed P-256 point, the private key its scalar).
    /// Without them the install generates a pair on first start and keeps it in the database, shared by every node.</summary>
    public string? PublicKey { get; set; }
    public string? PrivateKey { get; set; }
    /// <summary>Who push services may contact about this server ("mailto:" or an https address); the public address by default.</summary>
    public string? Subject { get; set; }
    /// <summary>Hosts a subscription's endpoint may be on (the host itself or any name ending in ".host"): the browsers'
    /// push services. The server posts to these addresses and nowhere else.</summary>
    public List<string> AllowedHosts { get; set; } =
        ["fcm.googleapis.com", "push.services.mozilla.com", "notify.windows.com", "push.apple.com"];
    /// <summary>Plain-http endpoints (only for a push service on a test machine).</summary>
    public bool AllowHttp { get; set; }
    /// <summary>How often the queue is looked at when nothing wakes it.</summary>
    public double PollSeconds { get; set; } = 2;
    /// <summary>After a message is stored, how long to wait for more before working out their pushes together.</summary>
    public double GatherMilliseconds { get; set; } = 250;
    /// <summary>The first retry's delay; each next one doubles it, up to an hour.</summary>
    public double RetrySeconds { get; set; } = 30;
    public int MaxAttempts { get; set; } = 8;
    /// <summary>How long a push service keeps a push for a device that is off.</summary>
    public int TimeToLiveSeconds { get; set; } = 24 * 3600;

    public bool IsAllowedEndpoint(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
        && string.IsNullOrEmpty(uri.UserInfo)
        && AllowedHosts.Any(h => uri.Host.Equals(h, StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith("." + h, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The install's VAPID key pair: from configuration, else generated once and stored in the database.</summary>
public sealed class VapidKeys(IOptions<PushOptions> options, IServiceScopeFactory scopes) : IDisposable
{
    public void Dispose() => gate.Dispose();

    private const string PublicName = "vapid.public", PrivateName = "vapid.private";
    private readonly SemaphoreSlim gate = new(1, 1);
    private (string Public, string Private)? keys;

    public async Task<(string Public, string Private)> GetAsync()
    {
        if (keys is { } known) return known;
        await gate.WaitAsync();
        try
        {
            if (keys is { } again) return again;
            var o = options.Value;
            keys = !string.IsNullOrEmpty(o.PublicKey) && !string.IsNullOrEmpty(o.PrivateKey) ? (o.PublicKey, o.PrivateKey) : await StoredAsync();
            return keys.Value;
        }
        finally { gate.Release(); }
    }

    private async Task<(string, string)> StoredAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
        for (var attempt = 0; ; attempt++)
        {
            var stored = await db.ServerSecrets.AsNoTracking().Where(s => s.Name == PublicName || s.Name == PrivateName).ToDictionaryAsync(s => s.Name, s => s.Value);
            if (stored.TryGetValue(PublicName, out var pub) && stored.TryGetValue(PrivateName, out var priv)) return (pub, priv);
            var (newPublic, newPrivate) = Generate();
            db.ServerSecrets.AddRange(new ServerSecret { Name = PublicName, Value = newPublic }, new ServerSecret { Name = PrivateName, Value = newPrivate });
            try
            {
                await db.SaveChangesAsync();
                return (newPublic, newPrivate);
            }
            // Another node stored its pair first: use that one.
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public static (string Public, string Private) Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        return (Base64Url([0x04, .. p.Q.X!, .. p.Q.Y!]), Base64Url(p.D!));
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
