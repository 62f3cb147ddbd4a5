using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Sfera.Data;

namespace Sfera.Auth;

public static class AuthSetup
{
    public const string CookieName = "sfera.session";
    public const string OperatorPolicy = "operator";
    private const string CookieOrBearer = "cookie-or-bearer";

    /// <summary>The request authenticates with a bearer token rather than the session cookie.</summary>
    public static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal);

    public static IServiceCollection AddSferaAuth(this IServiceCollection services)
    {
        services.AddAuthentication(CookieOrBearer)
            .AddPolicyScheme(CookieOrBearer, CookieOrBearer, o => o.ForwardDefaultSelector = context =>
                HasBearerToken(context.Request)
                    || (context.Request.Path.StartsWithSegments(Realtime.ChatHub.Path) && context.Request.Query.ContainsKey("access_token"))
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromHours(1);
                o.RefreshTokenExpiration = TimeSpan.FromDays(30);
                // WebSockets cannot carry headers from a browser: the hub accepts the token in the query string.
                o.Events.OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments(Realtime.ChatHub.Path) && context.Request.Query["access_token"] is { Count: 1 } token)
                        context.Token = token;
                    return Task.CompletedTask;
                };
            })
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                o.SlidingExpiration = true;
                // An API answers 401/403; it never redirects to a login page.
                o.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = c => { c.Response.StatusCode = 401; return Task.CompletedTask; },
                    OnRedirectToAccessDenied = c => { c.Response.StatusCode = 403; return Task.CompletedTask; },
                };
            });

        services.AddIdentityCore<Account>(o =>
            {
                o.User.RequireUniqueEmail = false; // young children have no e-mail; uniqueness is an index
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789.-_@+";
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<SferaDb>()
            .AddSignInManager<SessionSignInManager>()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(null)
            .AddPolicy(OperatorPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                c.Resource is HttpContext http && http.RequestServices.GetRequiredService<CurrentUser>().Account?.IsOperator == true));

        services.AddAntiforgery(o => o.HeaderName = CsrfGuard.HeaderName);
        // Behind a proxy that ends TLS the request is plain HTTP, yet people use HTTPS: cookies must say Secure.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IConfiguration>((o, config) =>
        {
            if (Hosting.PublicUrl.IsHttps(config)) o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        // (Antiforgery's own cookie stays SameAsRequest: it refuses to work over HTTP with Always. It is Secure once
        // Sfera:TrustedProxies lets X-Forwarded-Proto say the request is HTTPS.)
        services.AddScoped<CurrentUser>();
        services.AddMemoryCache();
        services.AddSingleton<SignInThrottle>();
        return services;
    }
}
