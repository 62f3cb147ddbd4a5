using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sfera.Calls;

/// <summary>
/// The install's own STUN/TURN servers (coturn), from configuration: <c>Calls:Turn:Urls</c> (e.g.
/// <c>turn:turn.school.example:3478?transport=udp</c>), <c>Calls:Turn:Secret</c> (coturn's <c>static-auth-secret</c>)
/// and <c>Calls:Turn:CredentialMinutes</c> (10). Credentials follow coturn's REST scheme (<c>use-auth-secret</c>):
/// the username is "expiry:person", the password base64(HMAC-SHA1(secret, username)), so they stop working within
/// minutes and coturn needs no database of users. With nothing configured the list is empty: calls then use the
/// devices' own addresses (a school's own network), and no public server is ever named.
/// </summary>
public sealed class IceServers(IConfiguration configuration, TimeProvider clock)
{
    private readonly string[] urls = configuration.GetSection("Calls:Turn:Urls").Get<string[]>() ?? [];
    private readonly string? secret = configuration["Calls:Turn:Secret"];
    private readonly TimeSpan lifetime = TimeSpan.FromMinutes(configuration.GetValue("Calls:Turn:CredentialMinutes", 10));

    public List<IceServerResponse> For(Guid accountId)
    {
        if (urls.Length == 0) return [];
        if (string.IsNullOrEmpty(secret)) return [new IceServerResponse([.. urls], null, null)];
        var expiry = clock.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var username = expiry.ToString(CultureInfo.InvariantCulture) + ":" + accountId.ToString("N");
        // HMAC-SHA1 is what coturn's REST scheme (and the TURN long-term credential) is defined with; the secret is long.
#pragma warning disable CA5350
        var password = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username)));
#pragma warning restore CA5350
        return [new IceServerResponse([.. urls], username, password)];
    }
}
