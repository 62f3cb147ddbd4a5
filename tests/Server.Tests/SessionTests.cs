using System.Net;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Sfera.Auth;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>Sessions end on the server: copies of a cookie or token stop working with the original.</summary>
public sealed class SessionTests
{
    private readonly SferaApp app = SferaApp.Shared;

    private HttpClient WithHeader(string name, string value)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        return client;
    }

    private HttpClient WithToken(string accessToken) => WithHeader("Authorization", "Bearer " + accessToken);

    private async Task<AccessTokenResponse> TokensAsync(string login) =>
        await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(login, Cast.Password, UseTokens: true)).Read<AccessTokenResponse>();

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        app.Anonymous().PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest(refreshToken));

    [Fact]
    public async Task Signing_out_ends_that_session_for_a_copied_cookie_too()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var browser = app.WithCookies();
        await browser.GetAsync("/api/v1/auth/csrf").Expect(HttpStatusCode.OK);
        var signedIn = await browser.PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(school.Admin.Login, Cast.Password)).Expect(HttpStatusCode.OK);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthSetup.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
        var copy = WithHeader("Cookie", cookie);
        await copy.GetAsync("/api/v1/me").Expect(HttpStatusCode.OK);

        var otherDevice = await Cast.SignInAsync(app, school.Admin.Login, Cast.Password);
        browser.DefaultRequestHeaders.Add(CsrfGuard.HeaderName, (await browser.GetJson<CsrfResponse>("/api/v1/auth/csrf")).Token);
        await browser.PostJsonAsync("/api/v1/auth/sign-out").Expect(HttpStatusCode.NoContent);

        await copy.GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        await browser.GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        // Only that session: the person's other devices stay signed in.
        await otherDevice.GetAsync("/api/v1/me").Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_out_with_a_bearer_token_ends_its_session_and_its_refresh_token()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var tokens = await TokensAsync(school.Admin.Login);
        var client = WithToken(tokens.AccessToken);
        await client.PostJsonAsync("/api/v1/auth/sign-out").Expect(HttpStatusCode.NoContent);

        await WithToken(tokens.AccessToken).GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        await RefreshAsync(tokens.RefreshToken).Expect(HttpStatusCode.Unauthorized);
        await school.Admin.Client.GetAsync("/api/v1/me").Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_its_reuse_ends_the_whole_session()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var first = await TokensAsync(school.Admin.Login);
        var second = await RefreshAsync(first.RefreshToken).Read<AccessTokenResponse>();
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        await WithToken(second.AccessToken).GetAsync("/api/v1/me").Expect(HttpStatusCode.OK);

        // The old refresh token again: a copy is in someone else's hands.
        await RefreshAsync(first.RefreshToken).Expect(HttpStatusCode.Unauthorized);
        await RefreshAsync(second.RefreshToken).Expect(HttpStatusCode.Unauthorized);
        await WithToken(second.AccessToken).GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        await WithToken(first.AccessToken).GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        // Other sessions of the person are not touched.
        await school.Admin.Client.GetAsync("/api/v1/me").Expect(HttpStatusCode.OK);
    }
}
