using System.Net;
using System.Net.Http.Json;
using Sfera.Auth;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>Sfera behind a reverse proxy. These run on a real loopback socket: the client's address is 127.0.0.1,
/// as a proxy on the same machine would be.</summary>
public sealed class ProxyTests
{
    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_sign_in_limit()
    {
        await using var app = new SferaApp(new() { ["Sfera:SignInPermitsPerMinute"] = "2", ["Sfera:TrustedProxies"] = "10.0.0.0/8, 127.0.0.1" }, kestrel: true);
        using var proxy = new HttpClient { BaseAddress = app.BaseAddress };
        await SignIn(proxy, "203.0.113.5").Expect(HttpStatusCode.Unauthorized);
        await SignIn(proxy, "203.0.113.5").Expect(HttpStatusCode.Unauthorized);
        await SignIn(proxy, "203.0.113.5").Problem(HttpStatusCode.TooManyRequests);
        // Another pupil's home, through the same proxy.
        await SignIn(proxy, "198.51.100.7").Expect(HttpStatusCode.Unauthorized);
        // A client that writes its own header in front of the proxy's is still known by the address the proxy saw.
        await SignIn(proxy, "192.0.2.1, 203.0.113.5").Problem(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Without_trusted_proxies_a_forged_forwarded_header_does_not_escape_the_limit()
    {
        await using var app = new SferaApp(new() { ["Sfera:SignInPermitsPerMinute"] = "2" }, kestrel: true);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        await SignIn(client, "203.0.113.5").Expect(HttpStatusCode.Unauthorized);
        await SignIn(client, "203.0.113.6").Expect(HttpStatusCode.Unauthorized);
        await SignIn(client, "203.0.113.7").Problem(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task With_an_https_public_address_the_session_and_xsrf_cookies_are_secure()
    {
        // The proxy ends TLS and speaks plain HTTP to Sfera; the browser is on HTTPS all the same.
        await using var app = new SferaApp(new() { ["Sfera:PublicUrl"] = "https://sfera.school5.ru" });
        var school = await Cast.CreateSchoolAsync(app);
        var csrf = await app.Anonymous().GetAsync("/api/v1/auth/csrf").Expect(HttpStatusCode.OK);
        var signIn = await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(school.Admin.Login, Cast.Password)).Expect(HttpStatusCode.OK);
        var cookies = csrf.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith(AuthSetup.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(CsrfGuard.CookieName + "=", StringComparison.Ordinal));
        foreach (var cookie in cookies.Where(c => c.StartsWith(AuthSetup.CookieName + "=", StringComparison.Ordinal) || c.StartsWith(CsrfGuard.CookieName + "=", StringComparison.Ordinal)))
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private static Task<HttpResponseMessage> SignIn(HttpClient client, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/sign-in")
        {
            Content = JsonContent.Create(new SignInRequest(Cast.Unique("nobody"), "wrong-password-1"), options: Http.Json),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }
}
