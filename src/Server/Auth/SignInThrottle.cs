using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Sfera.Data;

namespace Sfera.Auth;

/// <summary>
/// Counts failed sign-ins for logins that do not exist, with the same threshold and window as Identity's
/// lockout, so that "locked out" cannot be used to learn which logins are real.
/// </summary>
public sealed class SignInThrottle(IMemoryCache cache, TimeProvider clock)
{
    private const int MaxFailures = 5;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private sealed class Entry { public int Failures; public DateTimeOffset Until; }

    public bool IsLockedOut(string login) =>
        cache.TryGetValue(Key(login), out Entry? e) && e!.Failures >= MaxFailures && e.Until > clock.GetUtcNow();

    public void Fail(string login)
    {
        var entry = cache.GetOrCreate(Key(login), c => { c.SlidingExpiration = Window; return new Entry(); })!;
        lock (entry)
        {
            entry.Failures++;
            if (entry.Failures >= MaxFailures) entry.Until = clock.GetUtcNow() + Window;
        }
    }

    private string? dummyHash;

    /// <summary>Checks the password against a fixed hash, so a login that does not exist costs the same time as a
    /// real one with a wrong password and the answer's timing does not tell them apart.</summary>
    public void VerifyAgainstDummy(IPasswordHasher<Account> hasher, string password)
    {
        var account = new Account();
        dummyHash ??= hasher.HashPassword(account, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(account, dummyHash, password);
    }

    private static string Key(string login) => "sign-in-fail:" + login.Trim().ToUpperInvariant();
}
