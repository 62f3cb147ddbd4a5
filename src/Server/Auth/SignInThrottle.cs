using Microsoft.Extensions.Caching.Memory;

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

    private static string Key(string login) => "sign-in-fail:" + login.Trim().ToUpperInvariant();
}
