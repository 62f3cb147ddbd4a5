using System.Threading.RateLimiting;
using Sfera.Auth;

namespace Sfera.Hosting;

public static class RateLimits
{
    /// <summary>Sign-in, activation, applications and invite links: a fixed window per client address (Sfera:SignInPermitsPerMinute).
    /// Generous enough for a class signing in at once behind one school address; lockout guards each account.</summary>
    public static IServiceCollection AddSferaRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var permits = config.GetValue("Sfera:SignInPermitsPerMinute", 100);
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Problems.Status(429, "rate_limited").ExecuteAsync(context.HttpContext);
            };
            o.AddPolicy(AuthApi.SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }
}
