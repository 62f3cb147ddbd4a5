using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Web;
using Sfera.Auth;

namespace Sfera.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider on loopback: npm oidc-provider (installed in tests/tools by the test command) run by
/// tests/tools/oidc-provider.mjs, standing in for VK ID. Whatever login is typed at it is the account and its subject;
/// it also holds an e-mail for it (<c>{login}@id.example</c>). One per test run; tests use logins of their own.
/// </summary>
public static class OidcProvider
{
    public const string ClientId = "sfera";
    public const string ClientSecret = "sfera-test-secret";
    public const string Key = "vk";
    public const string Name = "VK ID";
    private static readonly Lazy<Task<int>> Started = new(StartAsync);

    public static string EmailOf(string login) => $"{login}@id.example";

    private static async Task<int> StartAsync()
    {
        var tools = Path.Combine(ExternalServers.RepoRoot, "tests", "tools");
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "oidc-provider")))
            throw new InvalidOperationException($"oidc-provider is not installed: run `npm ci` in {tools} (the test command does).");
        var port = ExternalServers.FreePort();
        var process = ExternalServers.Start("node", [Path.Combine(tools, "oidc-provider.mjs"), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--client-id", ClientId, "--client-secret", ClientSecret, "--redirect-path", "/signin-oidc-vk", "--redirect-path", "/signin-oidc-other"], tools);
        await ExternalServers.WaitForPortAsync(port, process, "oidc-provider");
        return port;
    }

    public static async Task<string> IssuerAsync() => $"http://127.0.0.1:{await Started.Value}";

    /// <summary>Settings that give a Sfera server this provider as "VK ID" (and, with <paramref name="unreachable"/>,
    /// a second one, "Госуслуги", on a port where nothing listens).</summary>
    public static async Task<Dictionary<string, string?>> SettingsAsync(bool unreachable = false)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"ExternalSignIn:Providers:{Key}:DisplayName"] = Name,
            [$"ExternalSignIn:Providers:{Key}:Authority"] = await IssuerAsync(),
            [$"ExternalSignIn:Providers:{Key}:ClientId"] = ClientId,
            [$"ExternalSignIn:Providers:{Key}:ClientSecret"] = ClientSecret,
            [$"ExternalSignIn:Providers:{Key}:RequireHttps"] = "false",
        };
        if (unreachable)
        {
            settings["ExternalSignIn:Providers:down:DisplayName"] = "Госуслуги";
            settings["ExternalSignIn:Providers:down:Authority"] = $"http://127.0.0.1:{ExternalServers.FreePort()}";
            settings["ExternalSignIn:Providers:down:ClientId"] = ClientId;
            settings["ExternalSignIn:Providers:down:RequireHttps"] = "false";
        }
        return settings;
    }
}

/// <summary>
/// One browser going through external sign-in without a browser: a cookie-keeping client of the Sfera server and one
/// of the provider, redirects followed by hand so a test can stop, look at and tamper with each step.
/// </summary>
public sealed class OidcBrowser(SferaApp app) : IDisposable
{
    private CookieContainer providerCookies = new();
    private HttpClient? provider;

    /// <summary>The Sfera side: cookies kept, redirects not followed, the anti-forgery header sent once signed in.</summary>
    public HttpClient Sfera { get; } = app.WithCookies();

    private HttpClient Provider => provider ??= new HttpClient(new HttpClientHandler { CookieContainer = providerCookies, AllowAutoRedirect = false });

    public void Dispose()
    {
        Sfera.Dispose();
        provider?.Dispose();
    }

    /// <summary>Signs out at the provider (forgets its cookies), so the next visit asks who is there.</summary>
    public void ForgetProviderSession()
    {
        provider?.Dispose();
        provider = null;
        providerCookies = new CookieContainer();
    }

    /// <summary>Navigates to the start of the flow; returns where Sfera sent the browser.</summary>
    public async Task<Uri> StartAsync(string purpose = "sign-in", string key = OidcProvider.Key)
    {
        var response = await Sfera.GetAsync($"/api/v1/auth/external/{key}/start?purpose={purpose}");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"start: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!;
    }

    /// <summary>Signs in at the provider as <paramref name="login"/> (or cancels there) and returns the redirect back
    /// to Sfera's callback, not yet followed.</summary>
    public async Task<Uri> AuthorizeAsync(Uri authorize, string login, bool cancel = false)
    {
        var next = authorize;
        for (var hop = 0; hop < 12; hop++)
        {
            if (next.AbsolutePath.StartsWith("/signin-oidc-", StringComparison.Ordinal)) return next;
            HttpResponseMessage response;
            if (next.AbsolutePath.StartsWith("/interaction/", StringComparison.Ordinal) && !next.AbsolutePath.EndsWith("/login", StringComparison.Ordinal))
            {
                var page = await Provider.GetAsync(next);
                if (page.StatusCode != HttpStatusCode.OK)
                {
                    response = page; // consent is given at once: a redirect
                }
                else
                {
                    var action = cancel ? next.AbsolutePath + "/abort" : next.AbsolutePath + "/login";
                    response = await Provider.PostAsync(new Uri(next, action), new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = login }));
                }
            }
            else
            {
                response = await Provider.GetAsync(next);
            }
            Assert.True((int)response.StatusCode is >= 300 and < 400, $"provider at {next}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            next = new Uri(next, response.Headers.Location!);
        }
        throw new InvalidOperationException("The provider never sent the browser back.");
    }

    /// <summary>Follows the provider's redirect into Sfera's callback; returns where Sfera sends the browser next
    /// (/external, with ?error= when refused).</summary>
    public async Task<string> CallbackAsync(Uri callback)
    {
        var response = await Sfera.GetAsync(callback.PathAndQuery);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"callback: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>The whole way: start, the provider, the callback.</summary>
    public async Task<string> ThroughProviderAsync(string login, string purpose = "sign-in") =>
        await CallbackAsync(await AuthorizeAsync(await StartAsync(purpose), login));

    public Task<HttpResponseMessage> CompleteAsync(string? totpCode = null) =>
        Sfera.PostAsJsonAsync("/api/v1/auth/external/complete", new CompleteExternalRequest(totpCode), Http.Json);

    /// <summary>Signs in with a password, as the sign-in page does: a session cookie and the anti-forgery pair.</summary>
    public async Task SignInWithPasswordAsync(string login, string password)
    {
        await Sfera.PostAsJsonAsync("/api/v1/auth/sign-in", new SignInRequest(login, password), Http.Json).Expect(HttpStatusCode.OK);
        await RefreshCsrfAsync();
    }

    /// <summary>After a sign-in: the anti-forgery token the web app would echo.</summary>
    public async Task RefreshCsrfAsync()
    {
        var token = (await Sfera.GetJson<CsrfResponse>("/api/v1/auth/csrf")).Token;
        Sfera.DefaultRequestHeaders.Remove(CsrfGuard.HeaderName);
        Sfera.DefaultRequestHeaders.Add(CsrfGuard.HeaderName, token);
    }

    /// <summary>The problem's key, from its type (…/problems/external-not-linked).</summary>
    public static async Task<string> ProblemKeyAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("type").GetString()!.Split('/').Last();
    }

    public static string Query(string url, string name) => HttpUtility.ParseQueryString(new Uri(new Uri("http://x"), url).Query)[name] ?? "";
}
