using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Sfera.Auth;

/// <summary>One OpenID Connect provider people may sign in with (ExternalSignIn:Providers:{key}).</summary>
public sealed class ExternalProviderOptions
{
    /// <summary>Shown on the buttons: "VK ID", "Госуслуги".</summary>
    public string DisplayName { get; set; } = "";
    /// <summary>The issuer; its discovery document is read from {Authority}/.well-known/openid-configuration.</summary>
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    /// <summary>An icon for the button: a path on this server or a data:image URI, never another host (no request
    /// leaves the page for it).</summary>
    public string? Icon { get; set; }
    /// <summary>Off only for a provider on this machine over plain HTTP (the tests).</summary>
    public bool RequireHttps { get; set; } = true;
}

/// <summary>A configured provider as the rest of Sfera knows it.</summary>
public sealed record ExternalProvider(string Key, string DisplayName, string? Icon)
{
    public string Scheme => SchemePrefix + Key;
    public const string SchemePrefix = "oidc-";
    public string CallbackPath => "/signin-oidc-" + Key;
}

/// <summary>The providers from configuration, by key; none configured means none anywhere.</summary>
public sealed partial class ExternalProviders(IReadOnlyList<ExternalProvider> all)
{
    public IReadOnlyList<ExternalProvider> All => all;

    public ExternalProvider? Find(string? key) => all.FirstOrDefault(p => p.Key == key);

    public string NameOf(string key) => Find(key)?.DisplayName ?? key;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,29}$")]
    public static partial Regex KeyPattern();
}

/// <summary>
/// Sign-in with an external OpenID Connect provider (VK ID, Госуслуги, a region's identity server) through ASP.NET
/// Core's handler: the authorization code flow with PKCE, state and nonce, asking for the <c>openid</c> scope only.
/// The handler's result is cut down at once to the provider's key and the pairwise subject hash, kept for ten
/// minutes in a cookie of its own (<see cref="Scheme"/>) until the web app completes the sign-in or the link
/// (<see cref="ExternalSignInApi"/>). No token is saved, no user-info endpoint called, nothing of the profile read.
/// </summary>
public static class ExternalSignIn
{
    public static readonly string Scheme = IdentityConstants.ExternalScheme;
    public const string CookieName = "sfera.external";
    public const string ProviderClaim = "sfera:provider";
    public const string SubjectClaim = "sfera:subject";
    public const string IssuerClaim = "sfera:issuer";
    /// <summary>Where the web app picks the flow up (and shows what went wrong, with ?error=).</summary>
    public const string ReturnPath = "/external";
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);

    public static IServiceCollection AddSferaExternalSignIn(this IServiceCollection services, IConfiguration config)
    {
        var section = config.GetSection("ExternalSignIn:Providers");
        var providers = new List<ExternalProvider>();
        var auth = services.AddAuthentication();
        auth.AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            // Set on the provider's redirect back (a top-level navigation from another site), read by the web app's
            // own requests next: Lax, not Strict.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = Hosting.PublicUrl.IsHttps(config) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = PendingLifetime;
            o.SlidingExpiration = false;
            o.Events = new CookieAuthenticationEvents
            {
                OnRedirectToLogin = c => { c.Response.StatusCode = 401; return Task.CompletedTask; },
                OnRedirectToAccessDenied = c => { c.Response.StatusCode = 403; return Task.CompletedTask; },
            };
        });

        foreach (var child in section.GetChildren())
        {
            var key = child.Key.ToLowerInvariant();
            var options = child.Get<ExternalProviderOptions>() ?? new ExternalProviderOptions();
            if (!ExternalProviders.KeyPattern().IsMatch(key))
                throw new InvalidOperationException($"ExternalSignIn:Providers:{child.Key}: a key is 1-30 latin letters, digits and dashes.");
            if (string.IsNullOrWhiteSpace(options.Authority) || string.IsNullOrWhiteSpace(options.ClientId))
                throw new InvalidOperationException($"ExternalSignIn:Providers:{child.Key} needs Authority and ClientId.");
            var icon = options.Icon is { } i && (i.StartsWith('/') && !i.StartsWith("//", StringComparison.Ordinal) || i.StartsWith("data:image/", StringComparison.Ordinal)) ? i : null;
            var provider = new ExternalProvider(key, string.IsNullOrWhiteSpace(options.DisplayName) ? key : options.DisplayName.Trim(), icon);
            providers.Add(provider);
            auth.AddOpenIdConnect(provider.Scheme, provider.DisplayName, o => Configure(o, provider, options, config));
        }
        services.AddSingleton(new ExternalProviders(providers));
        services.AddSingleton<PairwiseSubjects>();
        return services;
    }

    private static void Configure(OpenIdConnectOptions o, ExternalProvider provider, ExternalProviderOptions options, IConfiguration config)
    {
        o.Authority = options.Authority.TrimEnd('/');
        o.ClientId = options.ClientId;
        o.ClientSecret = string.IsNullOrEmpty(options.ClientSecret) ? null : options.ClientSecret;
        o.RequireHttpsMetadata = options.RequireHttps;
        o.ResponseType = OpenIdConnectResponseType.Code;
        // The code comes back in the query of a top-level GET, which carries the Lax correlation and nonce cookies;
        // a form post from the provider's site would not.
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.UsePkce = true;
        o.Scope.Clear();
        o.Scope.Add("openid");
        o.GetClaimsFromUserInfoEndpoint = false;
        o.SaveTokens = false;
        o.MapInboundClaims = false;
        // No x-client-SKU / x-client-ver in the requests: the provider learns nothing about the server's software.
        o.DisableTelemetry = true;
        o.CallbackPath = provider.CallbackPath;
        o.SignInScheme = Scheme;
        o.BackchannelTimeout = TimeSpan.FromSeconds(15);
        var secure = Hosting.PublicUrl.IsHttps(config) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = secure;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = secure;
        o.Events = new OpenIdConnectEvents
        {
            OnMessageReceived = CheckIssuerParameterAsync,
            OnTokenValidated = KeepOnlyPairwiseSubjectAsync,
            OnAccessDenied = context =>
            {
                context.Response.Redirect(ReturnPath + "?error=cancelled");
                context.HandleResponse();
                return Task.CompletedTask;
            },
            OnRemoteFailure = context =>
            {
                var reason = IsUnreachable(context.Failure) ? "unreachable"
                    : context.Failure?.Data["error"] as string == "access_denied" ? "cancelled" : "failed";
                context.Response.Redirect(ReturnPath + "?error=" + reason);
                context.HandleResponse();
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>A provider down or not answering, as against a response that failed a check.</summary>
    public static bool IsUnreachable(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
            if (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException) return true;
        return failure?.Message.Contains("IDX20803", StringComparison.Ordinal) == true; // metadata could not be read
    }

    /// <summary>RFC 9207: the authorization response names the issuer that sent it. One that names another issuer
    /// is a mix-up (a response meant for another provider replayed here) and is refused, as is one without it
    /// from a provider that says it always sends it.</summary>
    private static async Task CheckIssuerParameterAsync(MessageReceivedContext context)
    {
        var message = context.ProtocolMessage;
        if (message is null || !string.IsNullOrEmpty(message.Error) || string.IsNullOrEmpty(message.Code)) return;
        var configuration = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
        var sent = message.GetParameter("iss");
        var promised = configuration.AuthorizationResponseIssParameterSupported;
        if (sent is null ? promised : !string.Equals(sent, configuration.Issuer, StringComparison.Ordinal))
            context.Fail("The authorization response names another issuer.");
    }

    /// <summary>Everything the provider said is dropped here but its issuer and the pairwise hash of the subject.</summary>
    private static async Task KeepOnlyPairwiseSubjectAsync(TokenValidatedContext context)
    {
        var subject = context.Principal?.FindFirstValue("sub");
        var issuer = context.SecurityToken?.Issuer;
        if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(issuer))
        {
            context.Fail("The identity token carries no subject.");
            return;
        }
        var key = context.Scheme.Name[ExternalProvider.SchemePrefix.Length..];
        var hash = await context.HttpContext.RequestServices.GetRequiredService<PairwiseSubjects>().HashAsync(issuer, subject);
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ProviderClaim, key), new Claim(IssuerClaim, issuer), new Claim(SubjectClaim, hash)], "external"));
        context.Properties!.RedirectUri = ReturnPath;
        context.Properties.IsPersistent = false;
    }
}
