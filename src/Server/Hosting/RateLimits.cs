using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Sfera.Auth;

namespace Sfera.Hosting;

public static class RateLimits
{
    public const string Messages = "messages";
    public const string Search = "search";
    public const string Uploads = "uploads";
    /// <summary>Changes to one's own account (choosing a login): 10 a minute per person, so nobody can walk the
    /// namespace of logins to learn which are taken.</summary>
    public const string AccountChanges = "account-changes";
    /// <summary>Call signalling (offers, answers, ICE candidates): a call's set-up sends a few dozen; 600 a minute per
    /// person (Calls:SignalsPerMinute) leaves room for renegotiating and stops a flood of another person's tabs.</summary>
    public const string CallSignals = "call-signals";
    /// <summary>What a guest's page does in a call once joined (asking how it goes, media): the same 600 a minute, counted
    /// per guest key (per address for a request without one).</summary>
    public const string GuestCalls = "guest-calls";

    /// <summary>
    /// Sign-in, activation, applications and invite links: a fixed window per client address (Sfera:SignInPermitsPerMinute).
    /// Generous enough for a class signing in at once behind one school address; lockout guards each account.
    /// Sending messages, searching and uploading: a fixed window per signed-in person (Sfera:MessagesPerMinute,
    /// Sfera:SearchesPerMinute, Files:UploadsPerMinute), far above what a person types or clicks, so only a script
    /// or a stuck client meets it.
    /// </summary>
    public static IServiceCollection AddSferaRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var permits = config.GetValue("Sfera:SignInPermitsPerMinute", 100);
        var typing = config.GetValue("Sfera:TypingPerMinute", 30);
        services.AddSingleton(_ => new TypingLimiter(typing));
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Problems.Status(429, "rate_limited").ExecuteAsync(context.HttpContext);
            };
            o.AddPolicy(AuthApi.SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local", _ => PerMinute(permits)));
            PerPerson(o, Messages, config.GetValue("Sfera:MessagesPerMinute", 60));
            PerPerson(o, Search, config.GetValue("Sfera:SearchesPerMinute", 60));
            PerPerson(o, Uploads, config.GetValue("Files:UploadsPerMinute", 60));
            PerPerson(o, AccountChanges, 10);
            PerPerson(o, CallSignals, config.GetValue("Calls:SignalsPerMinute", 600));
            var guestSignals = config.GetValue("Calls:SignalsPerMinute", 600);
            o.AddPolicy(GuestCalls, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Request.Headers[Calls.GuestCallsApi.KeyHeader].ToString() is { Length: > 20 and < 100 } key
                    ? "key:" + key
                    : "address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "local"),
                _ => PerMinute(guestSignals)));
        });
    }

    private static void PerPerson(RateLimiterOptions o, string policy, int permits) =>
        // The limiter runs before authorization: an anonymous call is not counted here and gets its 401 next.
        o.AddPolicy(policy, http => AccountOf(http.User) is { } id
            ? RateLimitPartition.GetFixedWindowLimiter(id, _ => PerMinute(permits))
            : RateLimitPartition.GetNoLimiter(""));

    internal static string? AccountOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    internal static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };
}

/// <summary>"Typing" arrives over the hub, where the HTTP rate limiter does not reach: the same window per person.</summary>
public sealed class TypingLimiter(int permitsPerMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter =
        PartitionedRateLimiter.Create<string, string>(id => RateLimitPartition.GetFixedWindowLimiter(id, _ => RateLimits.PerMinute(permitsPerMinute)));

    public bool TryAcquire(string accountId)
    {
        using var lease = limiter.AttemptAcquire(accountId);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
