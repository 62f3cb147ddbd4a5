using System.Net;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Sfera.Auth;
using Sfera.Data;
using Sfera.Messages;
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

    // Under a chat the session is checked in the same query as the chat membership: the answers must stay exactly
    // those of the session check alone (401 for an ended session or a changed password, 404 for a stranger).
    [Fact]
    public async Task Chat_and_hub_routes_end_with_the_session_and_the_password_and_chats_stay_closed_to_strangers()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        var messages = cast.School.Url($"/chats/{chat.Id}/messages");
        Task<HttpResponseMessage> SendAs(HttpClient client) => client.PostJsonAsync(messages, new SendMessageRequest(Guid.NewGuid().ToString(), "Домашнее задание"));

        var ended = WithToken((await TokensAsync(cast.ClassTeacher.Login)).AccessToken);
        await SendAs(ended).Expect(HttpStatusCode.Created);
        await ended.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", null).Expect(HttpStatusCode.OK);
        await ended.PostJsonAsync("/api/v1/auth/sign-out").Expect(HttpStatusCode.NoContent);
        await SendAs(ended).Expect(HttpStatusCode.Unauthorized);
        await ended.GetAsync(messages).Expect(HttpStatusCode.Unauthorized);
        // The hub checks the session in a scope of its own (its requests last as long as their connections): the same answer.
        await ended.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", null).Expect(HttpStatusCode.Unauthorized);

        var student = WithToken((await TokensAsync(cast.Student.Login)).AccessToken);
        await student.GetAsync(messages).Expect(HttpStatusCode.OK);
        await cast.Student.Client.PostJsonAsync("/api/v1/auth/change-password", new ChangePasswordRequest(Cast.Password, "Brand-new-pass-3"))
            .Expect(HttpStatusCode.NoContent);
        await student.GetAsync(messages).Expect(HttpStatusCode.Unauthorized);
        await SendAs(student).Expect(HttpStatusCode.Unauthorized);

        // A live session of someone outside the chat: not found, as before; the member's own still works.
        var parent = WithToken((await TokensAsync(cast.Parent.Login)).AccessToken);
        await parent.GetAsync(messages).Expect(HttpStatusCode.NotFound);
        await SendAs(parent).Expect(HttpStatusCode.NotFound);
        await SendAs(cast.SubjectTeacher.Client).Expect(HttpStatusCode.Created);
        var page = await cast.SubjectTeacher.Client.GetJson<MessagePageResponse>(messages);
        Assert.Equal(2, page.Items.Count);
    }

    // Under a school the session is checked in the same query as the school membership and the classes led: the
    // answers must stay those of separate checks (401 for an ended session or a changed password, 404 for anyone not
    // confirmed in the school, 403 for a member without the right).
    [Fact]
    public async Task School_routes_end_with_the_session_and_the_password_and_stay_closed_to_other_schools()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chats = cast.School.Url("/chats");
        var requests = cast.School.Url("/join-requests");

        var teacher = WithToken((await TokensAsync(cast.ClassTeacher.Login)).AccessToken);
        await teacher.GetAsync(chats).Expect(HttpStatusCode.OK);
        // The class teacher's class comes with the membership: they may see their class's join requests.
        await teacher.GetAsync(requests).Expect(HttpStatusCode.OK);
        await teacher.PostJsonAsync("/api/v1/auth/sign-out").Expect(HttpStatusCode.NoContent);
        await teacher.GetAsync(chats).Expect(HttpStatusCode.Unauthorized);
        await teacher.GetAsync(requests).Expect(HttpStatusCode.Unauthorized);

        // A teacher who leads no class, and a parent: members without the right.
        var subjectTeacher = WithToken((await TokensAsync(cast.SubjectTeacher.Login)).AccessToken);
        await subjectTeacher.GetAsync(chats).Expect(HttpStatusCode.OK);
        await subjectTeacher.GetAsync(requests).Expect(HttpStatusCode.Forbidden);
        await cast.Parent.Client.GetAsync(requests).Expect(HttpStatusCode.Forbidden);
        await cast.SubjectTeacher.Client.PostJsonAsync("/api/v1/auth/change-password", new ChangePasswordRequest(Cast.Password, "Brand-new-pass-4"))
            .Expect(HttpStatusCode.NoContent);
        await subjectTeacher.GetAsync(chats).Expect(HttpStatusCode.Unauthorized);

        // Another school's administrator, signed in and live: this school does not exist for them.
        var other = await Cast.CreateSchoolAsync(app);
        var outsider = WithToken((await TokensAsync(other.Admin.Login)).AccessToken);
        await outsider.GetAsync(chats).Expect(HttpStatusCode.NotFound);
        await outsider.GetAsync(requests).Expect(HttpStatusCode.NotFound);
        await outsider.GetAsync(other.Url("/join-requests")).Expect(HttpStatusCode.OK);
        await cast.Admin.Client.GetAsync(requests).Expect(HttpStatusCode.OK);
    }
}
