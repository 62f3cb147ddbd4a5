using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sfera.Data;

namespace Sfera.Auth;

/// <summary>One-time "set your password" codes, printable (XXXX-XXXX-XXXX) and stored only as a hash.</summary>
public static class ActivationCodes
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>Voids the account's unused codes at once and adds a new one to the context (saved by the caller, in the
    /// caller's transaction); returns it in clear.</summary>
    public static async Task<string> IssueAsync(SferaDb db, Guid accountId, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        await db.ActivationCodes.Where(c => c.AccountId == accountId && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now));
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        var code = $"{chars[..4]}-{chars[4..8]}-{chars[8..]}";
        db.ActivationCodes.Add(new ActivationCode
        {
            Id = Guid.CreateVersion7(),
            AccountId = accountId,
            CodeHash = Hash(code),
            ExpiresAt = now + Lifetime,
        });
        return code;
    }

    /// <summary>Marks the code used and returns its account, or null when unknown, used or expired.
    /// The update is conditional, so two concurrent uses cannot both succeed.</summary>
    public static async Task<Guid?> RedeemAsync(SferaDb db, string code, TimeProvider clock)
    {
        var hash = Hash(code);
        var now = clock.GetUtcNow();
        var found = await db.ActivationCodes.AsNoTracking().FirstOrDefaultAsync(c => c.CodeHash == hash);
        if (found is null || found.UsedAt is not null || found.ExpiresAt <= now) return null;
        var claimed = await db.ActivationCodes
            .Where(c => c.Id == found.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now));
        return claimed == 1 ? found.AccountId : null;
    }

    public static string Link(HttpRequest request, string code) => $"{Hosting.PublicUrl.Base(request)}/activate?code={code}";

    private static string Hash(string code)
    {
        var normalized = new string(code.ToUpperInvariant().Where(char.IsLetterOrDigit).ToArray());
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
