using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.BearerToken;
using OtpNet;
using Sfera.Auth;
using Sfera.Data;
using Sfera.People;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

public sealed class AuthTests
{
    private readonly SferaApp app = SferaApp.Shared;

    [Fact]
    public async Task A_person_signs_in_with_phone_email_or_login()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var phone = Cast.NewPhone();
        var email = $"{Cast.Unique("teacher")}@example.org";
        var added = await school.Admin.Client.PostJsonAsync(school.Url("/people"), new AddPersonRequest("Учитель Почтовый", Role.Teacher, null, phone, email))
            .Read<AddPersonResponse>(HttpStatusCode.Created);
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(added.ActivationCode!, Cast.Password)).Expect(HttpStatusCode.OK);

        var spokenPhone = "8 (" + phone[2..5] + ") " + phone[5..8] + "-" + phone[8..10] + "-" + phone[10..];
        foreach (var login in new[] { added.Person!.Login!, email.ToUpperInvariant(), phone, spokenPhone })
        {
            var client = await Cast.SignInAsync(app, login, Cast.Password);
            Assert.Equal(added.Person!.AccountId, (await client.GetJson<MeResponse>("/api/v1/me")).Id);
        }
    }

    [Fact]
    public async Task A_person_chooses_their_own_login_instead_of_the_generated_one()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var teacher = await school.AddPersonAsync(Role.Teacher, name: "Мария Ивановна Петрова");
        var other = await school.AddPersonAsync(Role.Teacher);
        Assert.StartsWith("mariya.ivanovna.petrova", teacher.Login, StringComparison.Ordinal);

        var bad = await teacher.Client.PutJsonAsync("/api/v1/me/login", new ChooseLoginRequest("мария")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["login"], bad.Fields());
        var taken = await teacher.Client.PutJsonAsync("/api/v1/me/login", new ChooseLoginRequest(other.Login.ToUpperInvariant())).Problem(HttpStatusCode.Conflict);
        Assert.Equal(["login"], taken.Fields());

        var chosen = Cast.Unique("m.petrova");
        var me = await teacher.Client.PutJsonAsync("/api/v1/me/login", new ChooseLoginRequest(" " + chosen.ToUpperInvariant() + " ")).Read<MeResponse>();
        Assert.Equal(chosen, me.Login);
        // This session goes on; the new login signs in, the old one no longer does.
        Assert.Equal(chosen, (await teacher.Client.GetJson<MeResponse>("/api/v1/me")).Login);
        await Cast.SignInAsync(app, chosen, Cast.Password);
        await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(teacher.Login, Cast.Password)).Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_an_unknown_login_looks_the_same()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var teacher = await school.AddPersonAsync(Role.Teacher);
        var unknown = Cast.Unique("nobody");
        foreach (var login in new[] { teacher.Login, unknown })
        {
            for (var i = 0; i < 4; i++)
                await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(login, "wrong-password-1")).Expect(HttpStatusCode.Unauthorized);
            await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(login, "wrong-password-1")).Expect(HttpStatusCode.TooManyRequests);
        }
        // Even the right password is refused during the lockout.
        var locked = await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(teacher.Login, Cast.Password))
            .Problem(HttpStatusCode.TooManyRequests);
        var lockedUnknown = await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(unknown, Cast.Password))
            .Problem(HttpStatusCode.TooManyRequests);
        Assert.Equal(locked.GetProperty("title").GetString(), lockedUnknown.GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_activation_code_works_once()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var added = await school.Admin.Client.PostJsonAsync(school.Url("/people"), new AddPersonRequest("Новый Учитель", Role.Teacher, null, null, null))
            .Read<AddPersonResponse>(HttpStatusCode.Created);
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", added.ActivationCode);

        // Codes are typed by hand from paper: case and dashes do not matter.
        var typed = added.ActivationCode!.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal);
        var activated = await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(typed, Cast.Password)).Read<ActivateResponse>();
        Assert.Equal(added.Person!.Login, activated.Login);
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(added.ActivationCode!, "Another-pass-2"))
            .Problem(HttpStatusCode.NotFound);
        await Cast.SignInAsync(app, activated.Login, Cast.Password);
        await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(activated.Login, "Another-pass-2")).Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_weak_password_is_refused_naming_the_field_and_the_code_stays_usable()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var added = await school.Admin.Client.PostJsonAsync(school.Url("/people"), new AddPersonRequest("Учитель Слабый", Role.Teacher, null, null, null))
            .Read<AddPersonResponse>(HttpStatusCode.Created);
        var problem = await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(added.ActivationCode!, "short")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["password"], problem.Fields());
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(added.ActivationCode!, Cast.Password)).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sign_out_everywhere_and_a_password_change_end_other_sessions()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var teacher = await school.AddPersonAsync(Role.Teacher);
        var laptop = await Cast.SignInAsync(app, teacher.Login, Cast.Password);

        await teacher.Client.PostJsonAsync("/api/v1/auth/sign-out-everywhere").Expect(HttpStatusCode.NoContent);
        await laptop.GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        await teacher.Client.GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);

        var phone = await Cast.SignInAsync(app, teacher.Login, Cast.Password);
        var tablet = await Cast.SignInAsync(app, teacher.Login, Cast.Password);
        var wrong = await phone.PostJsonAsync("/api/v1/auth/change-password", new ChangePasswordRequest("not-it-1", "Brand-new-pass-3")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["currentPassword"], wrong.Fields());
        await phone.PostJsonAsync("/api/v1/auth/change-password", new ChangePasswordRequest(Cast.Password, "Brand-new-pass-3")).Expect(HttpStatusCode.NoContent);
        await tablet.GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        await Cast.SignInAsync(app, teacher.Login, "Brand-new-pass-3");
    }

    [Fact]
    public async Task Staff_can_turn_on_a_second_factor_and_then_need_it()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var teacher = await school.AddPersonAsync(Role.Teacher);
        var setup = await teacher.Client.PostJsonAsync("/api/v1/auth/totp/setup").Read<TotpSetupResponse>();
        var totp = new Totp(Base32Encoding.ToBytes(setup.SharedKey));
        await teacher.Client.PostJsonAsync("/api/v1/auth/totp/enable", new TotpCodeRequest("000000")).Expect(HttpStatusCode.BadRequest);
        await teacher.Client.PostJsonAsync("/api/v1/auth/totp/enable", new TotpCodeRequest(totp.ComputeTotp())).Expect(HttpStatusCode.NoContent);

        var noCode = await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(teacher.Login, Cast.Password, UseTokens: true))
            .Problem(HttpStatusCode.Unauthorized);
        Assert.True(noCode.GetProperty("totpRequired").GetBoolean());
        await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(teacher.Login, Cast.Password, "123456", UseTokens: true))
            .Expect(HttpStatusCode.Unauthorized);
        var token = await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(teacher.Login, Cast.Password, totp.ComputeTotp(), UseTokens: true))
            .Read<AccessTokenResponse>();
        Assert.False(string.IsNullOrEmpty(token.AccessToken));

        // Turning it on ended the sessions that were open without it. Students are not offered it.
        await teacher.Client.GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        var student = await school.AddPersonAsync(Role.Student, (await school.CreateClassAsync("1А")).Id);
        await student.Client.PostJsonAsync("/api/v1/auth/totp/setup").Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_refresh_token_gives_a_new_access_token_until_sign_out_everywhere()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var tokens = await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(school.Admin.Login, Cast.Password, UseTokens: true))
            .Read<AccessTokenResponse>();
        var renewed = await app.Anonymous().PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest(tokens.RefreshToken)).Read<AccessTokenResponse>();
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", renewed.AccessToken);
        await client.GetAsync("/api/v1/me").Expect(HttpStatusCode.OK);

        await client.PostJsonAsync("/api/v1/auth/sign-out-everywhere").Expect(HttpStatusCode.NoContent);
        await app.Anonymous().PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest(tokens.RefreshToken)).Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_cookie_session_needs_the_anti_forgery_header_on_unsafe_requests()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var browser = app.WithCookies();
        await browser.GetAsync("/api/v1/auth/csrf").Expect(HttpStatusCode.OK);
        await browser.PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(school.Admin.Login, Cast.Password)).Expect(HttpStatusCode.OK);
        await browser.GetAsync("/api/v1/me").Expect(HttpStatusCode.OK);

        var settings = new Sfera.Schools.SchoolSettingsRequest("Полное имя", "Короткое", "https://journal.example.org/school");
        var forged = await browser.PutJsonAsync(school.Url("/settings"), settings).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("csrf", forged.GetProperty("type").GetString(), StringComparison.Ordinal);

        var token = (await browser.GetJson<CsrfResponse>("/api/v1/auth/csrf")).Token;
        browser.DefaultRequestHeaders.Add(CsrfGuard.HeaderName, token);
        var saved = await browser.PutJsonAsync(school.Url("/settings"), settings).Read<Sfera.Schools.SchoolResponse>();
        Assert.Equal("https://journal.example.org/school", saved.JournalUrl);
    }

    [Fact]
    public async Task An_authorization_header_that_is_not_a_bearer_token_does_not_switch_the_anti_forgery_check_off()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var browser = app.WithCookies();
        await browser.PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(school.Admin.Login, Cast.Password)).Expect(HttpStatusCode.OK);
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "eHh4Onl5eQ==");
        var settings = new Sfera.Schools.SchoolSettingsRequest("Полное имя", "Короткое", "https://evil.example/journal");
        var forged = await browser.PutJsonAsync(school.Url("/settings"), settings).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("csrf", forged.GetProperty("type").GetString(), StringComparison.Ordinal);
        var saved = await school.Admin.Client.GetJson<Sfera.Schools.SchoolResponse>(school.Url("/"));
        Assert.NotEqual("https://evil.example/journal", saved.JournalUrl);
    }

    [Fact]
    public async Task Sign_in_is_rate_limited_per_address()
    {
        await using var limited = new SferaApp(new() { ["Sfera:SignInPermitsPerMinute"] = "3" });
        for (var i = 0; i < 3; i++)
            await limited.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(Cast.Unique("x"), "whatever-1")).Expect(HttpStatusCode.Unauthorized);
        var problem = await limited.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(Cast.Unique("x"), "whatever-1"))
            .Problem(HttpStatusCode.TooManyRequests);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
    }
}
