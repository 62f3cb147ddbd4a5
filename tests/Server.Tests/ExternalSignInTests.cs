using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OtpNet;
using Sfera.Auth;
using Sfera.Data;
using Sfera.Invites;
using Sfera.Moderation;
using Sfera.People;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>Every line any logger of the server writes, to look for what must never be logged.</summary>
public sealed class LogLines : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Line(this, categoryName);

    public void Dispose() { }

    private sealed class Line(LogLines sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>A server with the test provider as "VK ID" (and "Госуслуги" that never answers), logging the
/// authentication handlers down to Trace, as an administrator chasing a sign-in problem would.</summary>
public sealed class ExternalSignInFixture : IAsyncLifetime
{
    public SferaApp App { get; private set; } = null!;
    public LogLines Logs { get; } = new();

    public async Task InitializeAsync()
    {
        var settings = await OidcProvider.SettingsAsync(unreachable: true);
        settings["Logging:LogLevel:Microsoft.AspNetCore.Authentication"] = "Trace";
        settings["Logging:LogLevel:Sfera"] = "Trace";
        App = new SferaApp(settings, configure: b => b.ConfigureLogging(l => l.AddProvider(Logs)));
        _ = App.BaseAddress;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// Signing in with an external OpenID Connect identity against a real provider (oidc-provider): link, sign in,
/// unlink; nothing made for an unlinked identity; the protocol's checks; nothing of the external account shown to
/// anyone; and getting back in after a lost password.
/// </summary>
public sealed class ExternalSignInTests(ExternalSignInFixture fixture) : IClassFixture<ExternalSignInFixture>
{
    private SferaApp App => fixture.App;

    private static string NewLogin(string stem) => Cast.Unique($"vk{stem}-");

    [Fact]
    public async Task With_no_provider_configured_nothing_of_external_sign_in_appears()
    {
        var settings = await SferaApp.Shared.Anonymous().GetJson<Sfera.Hosting.PublicSettingsResponse>("/api/v1/settings");
        Assert.Empty(settings.SignInProviders);
        await SferaApp.Shared.Anonymous().GetAsync("/api/v1/auth/external/vk/start").Expect(HttpStatusCode.NotFound);

        var here = await App.Anonymous().GetJson<Sfera.Hosting.PublicSettingsResponse>("/api/v1/settings");
        Assert.Equal(new HashSet<string> { "VK ID", "Госуслуги" }, here.SignInProviders.Select(p => p.Name).ToHashSet());
    }

    [Fact]
    public async Task The_provider_is_asked_for_openid_only_with_pkce_state_and_nonce_and_nothing_about_the_server()
    {
        using var browser = new OidcBrowser(App);
        var authorize = await browser.StartAsync();
        var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
        Assert.StartsWith(await OidcProvider.IssuerAsync(), authorize.ToString(), StringComparison.Ordinal);
        Assert.Equal("openid", query["scope"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        Assert.EndsWith("/signin-oidc-vk", query["redirect_uri"], StringComparison.Ordinal);
        Assert.DoesNotContain(query.AllKeys, k => k!.StartsWith("x-client", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_unlinked_identity_creates_nothing_and_joins_nothing_until_an_activation_code_or_an_invite_links_it()
    {
        var cast = await SchoolCast.CreateAsync(App);
        var (accounts, memberships) = await CountsAsync();
        var login = NewLogin("new");

        using var stranger = new OidcBrowser(App);
        Assert.Equal(ExternalSignIn.ReturnPath, await stranger.ThroughProviderAsync(login));
        var refused = await stranger.CompleteAsync();
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("external-not-linked", await OidcBrowser.ProblemKeyAsync(refused));
        await stranger.Sfera.GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        Assert.Equal((accounts, memberships), await CountsAsync());
        var waiting = await stranger.Sfera.GetJson<PendingExternalResponse>("/api/v1/auth/external/pending");
        Assert.Equal(OidcProvider.Name, waiting.ProviderName);

        // The school gives a code; with linkExternal the identity goes with it.
        var added = await cast.Admin.Client.PostJsonAsync(cast.School.Url("/people"), new AddPersonRequest("Вера Новикова", Role.Parent, null, null, null))
            .Read<AddPersonResponse>(HttpStatusCode.Created);
        // Without an identity waiting, linkExternal is refused and the code is not used up.
        await App.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(added.ActivationCode!, "Novyi-parol-8", LinkExternal: true))
            .Expect(HttpStatusCode.NotFound);
        var activated = await stranger.Sfera.PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(added.ActivationCode!, "Novyi-parol-8", LinkExternal: true))
            .Read<ActivateResponse>();
        await stranger.Sfera.GetAsync("/api/v1/auth/external/pending").Expect(HttpStatusCode.NotFound);

        using var later = new OidcBrowser(App);
        await later.ThroughProviderAsync(login);
        var outcome = await later.CompleteAsync().Read<ExternalOutcomeResponse>();
        Assert.Equal(("signedIn", OidcProvider.Name), (outcome.Outcome, outcome.ProviderName));
        await later.RefreshCsrfAsync();
        var me = await later.Sfera.GetJson<MeResponse>("/api/v1/me");
        Assert.Equal((added.Person!.AccountId, activated.Login), (me.Id, me.Login));

        // Or an invite link: the new account asks to join, and takes the identity.
        var token = await JoinFlowTests.InviteTokenAsync(cast.ClassTeacher, cast, Role.Student);
        var second = NewLogin("invited");
        using var invited = new OidcBrowser(App);
        await invited.ThroughProviderAsync(second);
        await invited.CompleteAsync().Expect(HttpStatusCode.NotFound);
        var studentLogin = Cast.Unique("invited");
        await invited.Sfera.PostJsonAsync($"/api/v1/invites/{token}/join",
            new JoinRequest("Новый Ученик", studentLogin, null, null, Cast.Password, LinkExternal: true)).Expect(HttpStatusCode.OK);
        using var again = new OidcBrowser(App);
        await again.ThroughProviderAsync(second);
        await again.CompleteAsync().Expect(HttpStatusCode.OK);
        await again.RefreshCsrfAsync();
        var joined = await again.Sfera.GetJson<MeResponse>("/api/v1/me");
        Assert.Equal(studentLogin, joined.Login);
        Assert.Equal(MembershipStatus.Pending, Assert.Single(joined.Memberships).Status);
    }

    [Fact]
    public async Task A_person_links_signs_in_with_it_and_unlinks_and_nobody_else_can_take_that_identity()
    {
        var cast = await SchoolCast.CreateAsync(App);
        var login = NewLogin("parent");
        using var parent = new OidcBrowser(App);
        await parent.SignInWithPasswordAsync(cast.Parent.Login, Cast.Password);
        Assert.Equal(ExternalSignIn.ReturnPath, await parent.ThroughProviderAsync(login, "link"));
        var linked = await parent.CompleteAsync().Read<ExternalOutcomeResponse>();
        Assert.Equal("linked", linked.Outcome);
        var mine = await parent.Sfera.GetJson<SignInLinksResponse>("/api/v1/me/sign-in-links");
        var link = Assert.Single(mine.Links);
        Assert.Equal((OidcProvider.Key, OidcProvider.Name), (link.Provider, link.ProviderName));
        Assert.DoesNotContain(mine.Available, p => p.Key == OidcProvider.Key);
        Assert.True(mine.HasPassword);
        Assert.Null(mine.PasswordRecoveryUntil);

        // The administrator sees "linked: VK ID"; other staff see nothing of it.
        var byAdmin = await cast.Admin.Client.GetJson<List<PersonResponse>>(cast.School.Url("/people"));
        Assert.Equal([OidcProvider.Name], byAdmin.Single(p => p.AccountId == cast.Parent.AccountId).SignInLinks);
        var byTeacher = await cast.ClassTeacher.Client.GetJson<List<PersonResponse>>(cast.School.Url("/people"));
        Assert.Empty(byTeacher.Single(p => p.AccountId == cast.Parent.AccountId).SignInLinks);

        // Another account cannot take the same identity, nor touch this link.
        using var other = new OidcBrowser(App);
        await other.SignInWithPasswordAsync(cast.OtherParent.Login, Cast.Password);
        await other.ThroughProviderAsync(login, "link");
        var taken = await other.CompleteAsync();
        Assert.Equal((HttpStatusCode.Conflict, "external-linked-elsewhere"), (taken.StatusCode, await OidcBrowser.ProblemKeyAsync(taken)));
        Assert.Empty((await other.Sfera.GetJson<SignInLinksResponse>("/api/v1/me/sign-in-links")).Links);
        await other.Sfera.DeleteAsync($"/api/v1/me/sign-in-links/{link.Id}").Expect(HttpStatusCode.NotFound);
        await cast.Admin.Client.DeleteAsync($"/api/v1/me/sign-in-links/{link.Id}").Expect(HttpStatusCode.NotFound);
        // One identity per provider on an account.
        parent.ForgetProviderSession();
        await parent.ThroughProviderAsync(NewLogin("second"), "link");
        var twice = await parent.CompleteAsync();
        Assert.Equal((HttpStatusCode.Conflict, "external-provider-linked"), (twice.StatusCode, await OidcBrowser.ProblemKeyAsync(twice)));

        // Sign out, then in with the identity alone.
        await parent.Sfera.PostJsonAsync("/api/v1/auth/sign-out").Expect(HttpStatusCode.NoContent);
        using var phone = new OidcBrowser(App);
        await phone.ThroughProviderAsync(login);
        Assert.Equal("signedIn", (await phone.CompleteAsync().Read<ExternalOutcomeResponse>()).Outcome);
        await phone.RefreshCsrfAsync();
        Assert.Equal(cast.Parent.AccountId, (await phone.Sfera.GetJson<MeResponse>("/api/v1/me")).Id);

        await phone.Sfera.DeleteAsync($"/api/v1/me/sign-in-links/{link.Id}").Expect(HttpStatusCode.NoContent);
        using var afterwards = new OidcBrowser(App);
        await afterwards.ThroughProviderAsync(login);
        Assert.Equal("external-not-linked", await OidcBrowser.ProblemKeyAsync(await afterwards.CompleteAsync()));

        var audit = await cast.Admin.Client.GetJson<List<AuditEntryResponse>>(cast.School.Url("/audit"));
        Assert.Contains(audit, a => a.Action == "account.sign_in_linked" && a.TargetId == cast.Parent.AccountId && a.Details == OidcProvider.Name);
        Assert.Contains(audit, a => a.Action == "account.sign_in_unlinked" && a.TargetId == cast.Parent.AccountId && a.Details == OidcProvider.Name);
    }

    [Fact]
    public async Task A_tampered_state_a_replayed_code_a_wrong_nonce_and_a_wrong_issuer_are_refused()
    {
        var cast = await SchoolCast.CreateAsync(App);
        var login = NewLogin("student");
        using (var owner = new OidcBrowser(App))
        {
            await owner.SignInWithPasswordAsync(cast.Student.Login, Cast.Password);
            await owner.ThroughProviderAsync(login, "link");
            await owner.CompleteAsync().Expect(HttpStatusCode.OK);
        }

        async Task RefusedAsync(OidcBrowser browser, Uri callback)
        {
            Assert.Equal(ExternalSignIn.ReturnPath + "?error=failed", await browser.CallbackAsync(callback));
            var nothing = await browser.CompleteAsync();
            Assert.Equal((HttpStatusCode.NotFound, "external-expired"), (nothing.StatusCode, await OidcBrowser.ProblemKeyAsync(nothing)));
            await browser.Sfera.GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        }

        // A state changed on the way back.
        using (var browser = new OidcBrowser(App))
        {
            var callback = await browser.AuthorizeAsync(await browser.StartAsync(), login);
            var state = OidcBrowser.Query(callback.ToString(), "state");
            var flipped = state[..^2] + (state[^2] == 'A' ? 'B' : 'A') + state[^1];
            await RefusedAsync(browser, new Uri(callback.ToString().Replace(state, flipped, StringComparison.Ordinal)));
        }

        // The response names another issuer (a mix-up), or none while the provider promises it.
        using (var browser = new OidcBrowser(App))
        {
            var callback = await browser.AuthorizeAsync(await browser.StartAsync(), login);
            var iss = OidcBrowser.Query(callback.ToString(), "iss");
            Assert.Equal(await OidcProvider.IssuerAsync(), iss);
            await RefusedAsync(browser, new Uri(callback.ToString().Replace(Uri.EscapeDataString(iss), Uri.EscapeDataString("http://127.0.0.1:9"), StringComparison.Ordinal)));
        }
        using (var browser = new OidcBrowser(App))
        {
            var callback = await browser.AuthorizeAsync(await browser.StartAsync(), login);
            var without = System.Text.RegularExpressions.Regex.Replace(callback.ToString(), "&iss=[^&]*|iss=[^&]*&", "");
            await RefusedAsync(browser, new Uri(without));
        }

        // A code from an authorization request with another nonce (an injected code).
        using (var browser = new OidcBrowser(App))
        {
            var authorize = (await browser.StartAsync()).ToString();
            var nonce = OidcBrowser.Query(authorize, "nonce");
            var callback = await browser.AuthorizeAsync(new Uri(authorize.Replace("nonce=" + nonce, "nonce=attacker-" + Guid.NewGuid().ToString("N"), StringComparison.Ordinal)), login);
            await RefusedAsync(browser, callback);
        }

        // A code used once is refused the second time, in the same browser or anyone else's.
        using (var browser = new OidcBrowser(App))
        {
            var callback = await browser.AuthorizeAsync(await browser.StartAsync(), login);
            Assert.Equal(ExternalSignIn.ReturnPath, await browser.CallbackAsync(callback));
            Assert.Equal(ExternalSignIn.ReturnPath + "?error=failed", await browser.CallbackAsync(callback));
            using var attacker = new OidcBrowser(App);
            await RefusedAsync(attacker, callback);
            Assert.Equal("signedIn", (await browser.CompleteAsync().Read<ExternalOutcomeResponse>()).Outcome);
        }
    }

    [Fact]
    public async Task What_happens_at_the_provider_is_said_plainly()
    {
        using var browser = new OidcBrowser(App);
        var cancelled = await browser.AuthorizeAsync(await browser.StartAsync(), NewLogin("cancel"), cancel: true);
        Assert.Equal(ExternalSignIn.ReturnPath + "?error=cancelled", await browser.CallbackAsync(cancelled));
        Assert.Equal("/external?error=unreachable", (await browser.StartAsync(key: "down")).OriginalString);
        Assert.Equal("/external?error=signed_out", (await browser.StartAsync("link")).OriginalString);
        await browser.Sfera.GetAsync("/api/v1/auth/external/nobody/start").Expect(HttpStatusCode.NotFound);
        await browser.Sfera.GetAsync("/api/v1/auth/external/vk/start?purpose=everything").Expect(HttpStatusCode.BadRequest);
        await browser.Sfera.GetAsync("/api/v1/auth/external/pending").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Nothing_anyone_reads_carries_the_external_subject_its_hash_or_the_providers_email()
    {
        var boundary = await BoundaryTests.Fixture.CreateAsync(App);
        var cast = boundary.Cast;
        var subject = NewLogin("secret");
        await using var adminEvents = await HubProbe.ConnectAsync(App, cast.Admin);
        await using var classmateEvents = await HubProbe.ConnectAsync(App, cast.Classmate);
        using (var student = new OidcBrowser(App))
        {
            await student.SignInWithPasswordAsync(cast.Student.Login, Cast.Password);
            await student.ThroughProviderAsync(subject, "link");
            await student.CompleteAsync().Expect(HttpStatusCode.OK);
        }
        using (var student = new OidcBrowser(App))
        {
            await student.ThroughProviderAsync(subject);
            await student.CompleteAsync().Expect(HttpStatusCode.OK);
            await student.RefreshCsrfAsync();
            // Something happens that others hear of: a message from the student signed in through the identity.
            var chat = await cast.ChatAsync(cast.Student, ChatKind.Class, "5А");
            await student.Sfera.PostJsonAsync(cast.School.Url($"/chats/{chat.Id}/messages"), new Sfera.Messages.SendMessageRequest("ext-1", "Привет"))
                .Expect(HttpStatusCode.Created);
        }
        string hash;
        await using (var scope = App.Services.CreateAsyncScope())
            hash = (await scope.ServiceProvider.GetRequiredService<SferaDb>().ExternalLogins.SingleAsync(e => e.AccountId == cast.Student.AccountId)).SubjectHash;
        string[] secrets = [subject, hash, OidcProvider.EmailOf(subject)];

        var doc = await App.Anonymous().GetJson<JsonElement>("/openapi/v1.json");
        var gets = doc.GetProperty("paths").EnumerateObject().Where(p => p.Value.TryGetProperty("get", out _)).Select(p => p.Name)
            .Where(p => !p.Contains("/start", StringComparison.Ordinal)).ToList();
        Assert.True(gets.Count > 30, $"only {gets.Count} GET operations");
        var leaks = new List<string>();
        var read = 0;
        foreach (var (who, client) in new[] { ("admin", cast.Admin.Client), ("classmate", cast.Classmate.Client), ("class teacher", cast.ClassTeacher.Client), ("parent", cast.Parent.Client) })
            foreach (var template in gets)
            {
                var response = await client.GetAsync(boundary.Fill(template));
                var body = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode) read++;
                leaks.AddRange(secrets.Where(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"GET {template} as {who} carries {s}"));
            }
        Assert.True(read > 60, $"only {read} answers read");
        var events = adminEvents.Drain().Concat(classmateEvents.Drain()).Select(e => JsonSerializer.Serialize(e.Event, e.Event.GetType())).ToList();
        Assert.NotEmpty(events);
        leaks.AddRange(events.SelectMany(e => secrets.Where(s => e.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"hub event carries {s}: {e}")));
        // The handlers did log (down to Trace), so the search below had lines to read.
        Assert.Contains(fixture.Logs.Lines, l => l.Contains("OpenIdConnect", StringComparison.Ordinal));
        leaks.AddRange(fixture.Logs.Lines.SelectMany(l => secrets.Where(s => l.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"log line carries {s}: {l}")));
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Distinct()));
    }

    [Fact]
    public async Task A_lost_password_is_set_again_through_the_linked_identity_past_the_second_factor_and_every_old_session_ends()
    {
        var cast = await SchoolCast.CreateAsync(App);
        var teacher = cast.ClassTeacher;
        var setup = await teacher.Client.PostJsonAsync("/api/v1/auth/totp/setup").Read<TotpSetupResponse>();
        var totp = new Totp(Base32Encoding.ToBytes(setup.SharedKey));
        await teacher.Client.PostJsonAsync("/api/v1/auth/totp/enable", new TotpCodeRequest(totp.ComputeTotp())).Expect(HttpStatusCode.NoContent);
        var old = await App.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(teacher.Login, Cast.Password, totp.ComputeTotp(), UseTokens: true))
            .Read<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>();
        var oldSession = App.Anonymous();
        oldSession.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", old.AccessToken);

        var login = NewLogin("teacher");
        using (var linking = new OidcBrowser(App))
        {
            await linking.Sfera.PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(teacher.Login, Cast.Password, totp.ComputeTotp())).Expect(HttpStatusCode.OK);
            await linking.RefreshCsrfAsync();
            await linking.ThroughProviderAsync(login, "link");
            await linking.CompleteAsync().Expect(HttpStatusCode.OK);
        }

        // She forgot the password: the identity gets her in, but only with her second factor.
        using var lost = new OidcBrowser(App);
        await lost.ThroughProviderAsync(login);
        var asked = await lost.CompleteAsync();
        Assert.Equal((HttpStatusCode.Unauthorized, "totp-required"), (asked.StatusCode, await OidcBrowser.ProblemKeyAsync(asked)));
        Assert.Equal("totp-wrong", await OidcBrowser.ProblemKeyAsync(await lost.CompleteAsync("000000")));
        await lost.Sfera.GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        await lost.CompleteAsync(totp.ComputeTotp()).Expect(HttpStatusCode.OK);
        await lost.RefreshCsrfAsync();

        var links = await lost.Sfera.GetJson<SignInLinksResponse>("/api/v1/me/sign-in-links");
        Assert.NotNull(links.PasswordRecoveryUntil);
        var weak = await lost.Sfera.PostJsonAsync("/api/v1/auth/recover-password", new RecoverPasswordRequest("qwerty123"));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("newPassword", out _));
        await lost.Sfera.PostJsonAsync("/api/v1/auth/recover-password", new RecoverPasswordRequest("Vspomnila-parol-3")).Expect(HttpStatusCode.NoContent);

        // Every other session is over; this one goes on; the new password works, still with the second factor.
        await teacher.Client.GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        await oldSession.GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        await lost.Sfera.GetAsync("/api/v1/me").Expect(HttpStatusCode.OK);
        await App.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(teacher.Login, Cast.Password, totp.ComputeTotp())).Expect(HttpStatusCode.Unauthorized);
        var noCode = await App.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(teacher.Login, "Vspomnila-parol-3"));
        Assert.Equal("totp-required", await OidcBrowser.ProblemKeyAsync(noCode));
        await App.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(teacher.Login, "Vspomnila-parol-3", totp.ComputeTotp())).Expect(HttpStatusCode.OK);
        // The recovery was once: the session now holds an ordinary sign-in.
        await lost.RefreshCsrfAsync();
        Assert.Null((await lost.Sfera.GetJson<SignInLinksResponse>("/api/v1/me/sign-in-links")).PasswordRecoveryUntil);
        await lost.Sfera.PostJsonAsync("/api/v1/auth/recover-password", new RecoverPasswordRequest("Eshche-odin-4")).Expect(HttpStatusCode.Forbidden);

        var audit = await cast.Admin.Client.GetJson<List<AuditEntryResponse>>(cast.School.Url("/audit"));
        Assert.Contains(audit, a => a.Action == "account.password_recovered" && a.TargetId == teacher.AccountId && a.Details == OidcProvider.Name);
    }

    [Fact]
    public async Task Setting_a_password_without_the_old_one_is_open_for_fifteen_minutes_after_the_identity_sign_in()
    {
        await using var app = new SferaApp(await OidcProvider.SettingsAsync());
        var school = await Cast.CreateSchoolAsync(app);
        var parent = await school.AddPersonAsync(Role.Parent);
        var login = NewLogin("late");
        using (var linking = new OidcBrowser(app))
        {
            await linking.SignInWithPasswordAsync(parent.Login, parent.Password);
            await linking.ThroughProviderAsync(login, "link");
            await linking.CompleteAsync().Expect(HttpStatusCode.OK);
        }
        using var browser = new OidcBrowser(app);
        await browser.ThroughProviderAsync(login);
        await browser.CompleteAsync().Expect(HttpStatusCode.OK);
        await browser.RefreshCsrfAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Null((await browser.Sfera.GetJson<SignInLinksResponse>("/api/v1/me/sign-in-links")).PasswordRecoveryUntil);
        var late = await browser.Sfera.PostJsonAsync("/api/v1/auth/recover-password", new RecoverPasswordRequest("Pozdno-parol-5"));
        Assert.Equal((HttpStatusCode.Forbidden, "recovery-expired"), (late.StatusCode, await OidcBrowser.ProblemKeyAsync(late)));
        await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(parent.Login, parent.Password)).Expect(HttpStatusCode.OK);
    }

    private async Task<(int Accounts, int Memberships)> CountsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
        return (await db.Users.CountAsync(), await db.Memberships.IgnoreQueryFilters().CountAsync());
    }
}
