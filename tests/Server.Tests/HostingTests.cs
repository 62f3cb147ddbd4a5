using System.Net;
using System.Text.Json;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

public sealed class HostingTests
{
    private readonly SferaApp app = SferaApp.Shared;

    [Fact]
    public async Task Links_handed_out_use_the_configured_public_address()
    {
        await using var behindProxy = new SferaApp(new() { ["Sfera:PublicUrl"] = "https://sfera.school5.ru/" });
        var school = await Cast.CreateSchoolAsync(behindProxy);
        var invite = await school.Admin.Client.PostJsonAsync(school.Url("/invites"), new Sfera.Invites.InviteRequest(Sfera.Data.Role.Teacher, null, null, null))
            .Read<Sfera.Invites.InviteResponse>(HttpStatusCode.Created);
        Assert.StartsWith("https://sfera.school5.ru/join/", invite.Url, StringComparison.Ordinal);
        var added = await school.Admin.Client.PostJsonAsync(school.Url("/people"), new Sfera.People.AddPersonRequest("Анна Новая", Sfera.Data.Role.Staff, null, null, null))
            .Read<Sfera.People.AddPersonResponse>(HttpStatusCode.Created);
        Assert.StartsWith("https://sfera.school5.ru/activate?code=", added.ActivationUrl, StringComparison.Ordinal);

    }

    [Fact]
    public async Task Without_a_public_address_links_use_the_servers_own_never_the_requests_host_header()
    {
        var local = await SchoolCast.CreateAsync(app);
        // Whoever sends the request chooses its Host header: a forged one must not end up in a link with a secret.
        var forged = app.CreateClient(new() { BaseAddress = new Uri("http://evil.example/"), AllowAutoRedirect = false });
        forged.DefaultRequestHeaders.Authorization = local.Admin.Client.DefaultRequestHeaders.Authorization;
        var invite = await forged.PostJsonAsync(local.School.Url("/invites"), new Sfera.Invites.InviteRequest(Sfera.Data.Role.Teacher, null, null, null))
            .Read<Sfera.Invites.InviteResponse>(HttpStatusCode.Created);
        var added = await forged.PostJsonAsync(local.School.Url("/people"), new Sfera.People.AddPersonRequest("Анна Новая", Sfera.Data.Role.Staff, null, null, null))
            .Read<Sfera.People.AddPersonResponse>(HttpStatusCode.Created);
        foreach (var link in new[] { invite.Url, added.ActivationUrl! })
        {
            Assert.DoesNotContain("evil.example", link, StringComparison.OrdinalIgnoreCase);
            Assert.StartsWith("http://127.0.0.1:5080/", link, StringComparison.Ordinal); // the Urls setting
        }
    }

    [Theory]
    [InlineData("/api/v1/me", true)]
    [InlineData("/api/v1/no-such-thing", false)]
    public async Task Api_answers_are_never_stored_by_browsers_or_proxies(string path, bool signedIn)
    {
        var client = signedIn ? (await Cast.CreateSchoolAsync(app)).Admin.Client : app.Anonymous();
        var response = await client.GetAsync(path);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control is '{response.Headers.CacheControl}'");
        var negotiate = await client.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", null);
        Assert.True(negotiate.Headers.CacheControl?.NoStore, $"negotiate: Cache-Control is '{negotiate.Headers.CacheControl}'");
    }

    [Fact]
    public async Task The_hub_refuses_pages_of_other_sites()
    {
        var school = await Cast.CreateSchoolAsync(app);
        async Task<HttpResponseMessage> Negotiate(string? origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/chat/negotiate?negotiateVersion=1");
            if (origin is not null) request.Headers.Add("Origin", origin);
            return await school.Admin.Client.SendAsync(request);
        }
        await Negotiate("https://evil.example").Problem(HttpStatusCode.Forbidden);
        await Negotiate("http://localhost.evil.example").Problem(HttpStatusCode.Forbidden);
        await Negotiate("http://localhost").Expect(HttpStatusCode.OK); // the install's own page
        await Negotiate(null).Expect(HttpStatusCode.OK); // not a browser: no origin to check
    }

    [Fact]
    public async Task Health_answers_ok_without_a_session()
    {
        var body = await app.Anonymous().GetJson<JsonElement>("/health");
        Assert.Equal("ok", body.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/")]
    [InlineData("/api/v1/me")]
    [InlineData("/api/v1/no-such-thing")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await app.Anonymous().GetAsync(path);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline' 'self'; script", csp, StringComparison.Ordinal);
        Assert.DoesNotMatch("script-src[^;]*unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task The_web_app_is_served_for_client_routes_and_unknown_api_paths_are_problem_404s()
    {
        var page = await app.Anonymous().GetAsync("/school/abc/admin").Expect(HttpStatusCode.OK);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"root\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var problem = await app.Anonymous().GetAsync("/api/v1/no-such-thing").Problem(HttpStatusCode.NotFound);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_sign_in_page_is_its_own_document_without_the_app_revalidated_and_under_the_same_policy()
    {
        var page = await app.Anonymous().GetAsync("/signin?next=%2F").Expect(HttpStatusCode.OK);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.True(page.Headers.CacheControl?.NoCache, $"signin.html: Cache-Control is '{page.Headers.CacheControl}'");
        Assert.Contains("script-src 'self'", string.Join(";", page.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Matches("<script type=\"module\" crossorigin src=\"/assets/signin-[^\"]+\\.js\"", html);
        Assert.DoesNotContain("/assets/index-", html, StringComparison.Ordinal);

        var appPage = await app.Anonymous().GetStringAsync("/signin/more");
        Assert.Contains("/assets/index-", appPage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br", "br")]
    public async Task The_web_apps_scripts_come_precompressed_and_cached_for_good_while_the_page_is_revalidated(string accept, string encoding)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd(accept);
        var page = await client.GetAsync("/school/abc/chats").Expect(HttpStatusCode.OK);
        Assert.True(page.Headers.CacheControl?.NoCache, $"index.html: Cache-Control is '{page.Headers.CacheControl}'");
        Assert.Null(page.Headers.CacheControl?.MaxAge);
        var html = await page.Content.ReadAsStringAsync();
        var script = System.Text.RegularExpressions.Regex.Match(html, "<script type=\"module\" crossorigin src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(script), $"no entry script in index.html: {html}");

        using var request = new HttpRequestMessage(HttpMethod.Get, script);
        var response = await client.SendAsync(request).Expect(HttpStatusCode.OK);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.Contains(response.Headers.CacheControl!.Extensions, e => e.Name == "immutable");
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Contains("script-src 'self'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        var plain = await app.Anonymous().GetByteArrayAsync(script);
        Assert.True(compressed.Length * 2 < plain.Length, $"{script}: {compressed.Length} bytes {encoding}, {plain.Length} plain");

        // A browser that has it revalidates (if ever) with its ETag and gets no body.
        using var again = new HttpRequestMessage(HttpMethod.Get, script);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task The_api_is_described_by_an_openapi_document_with_a_browsable_page()
    {
        var doc = await app.Anonymous().GetJson<JsonElement>("/openapi/v1.json");
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/school-applications", out _));
        var page = await app.Anonymous().GetAsync("/api/docs/index.html").Expect(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("swagger-ui", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script>[^<]", html); // no inline script: the page must work under the CSP
    }

    [Fact]
    public async Task Messages_are_russian_by_default_and_english_on_request()
    {
        var ru = await app.Anonymous().PostJsonAsync("/api/v1/school-applications", new { }).Problem(HttpStatusCode.BadRequest);
        var en = await app.Anonymous("en").PostJsonAsync("/api/v1/school-applications", new { }).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("Заполните это поле.", ru.GetProperty("errors").GetProperty("fullName")[0].GetString());
        Assert.Equal("This field is required.", en.GetProperty("errors").GetProperty("fullName")[0].GetString());
    }

    [Fact]
    public async Task The_database_model_matches_its_migrations()
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(app.Services);
        var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Sfera.Data.SferaDb>(scope.ServiceProvider);
        Assert.False(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.HasPendingModelChanges(db.Database),
            "The model has changes that no migration describes: add a migration for both providers.");
    }
}
