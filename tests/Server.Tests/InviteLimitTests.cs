using System.Net;
using Sfera.Data;
using Sfera.Invites;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>Expiry moves the clock, so these tests have a server of their own.</summary>
public sealed class InviteLimitTests : IAsyncLifetime
{
    private readonly SferaApp app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<HttpResponseMessage> Join(string token, string name) =>
        app.Anonymous().PostJsonAsync($"/api/v1/invites/{token}/join", new JoinRequest(name, Cast.Unique("joiner"), null, null, Cast.Password));

    [Fact]
    public async Task An_expired_invite_looks_like_no_invite_at_all()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var token = await JoinFlowTests.InviteTokenAsync(cast.ClassTeacher, cast, Role.Student, days: 1);
        await app.Anonymous().GetAsync($"/api/v1/invites/{token}").Expect(HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        var expired = await app.Anonymous().GetAsync($"/api/v1/invites/{token}").Problem(HttpStatusCode.NotFound);
        var unknown = await app.Anonymous().GetAsync("/api/v1/invites/no-such-token").Problem(HttpStatusCode.NotFound);
        Assert.Equal(unknown.GetProperty("title").GetString(), expired.GetProperty("title").GetString());
        await Join(token, "Опоздавший Ученик").Expect(HttpStatusCode.NotFound);
        var teacher = await Cast.SignInAsync(app, cast.ClassTeacher.Login, Cast.Password); // a day on, the old access token has expired
        Assert.Empty(await teacher.GetJson<List<JoinRequestResponse>>(cast.School.Url("/join-requests")));
    }

    [Fact]
    public async Task An_invite_stops_at_its_use_limit_even_under_concurrent_joins()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var token = await JoinFlowTests.InviteTokenAsync(cast.ClassTeacher, cast, Role.Student, uses: 2);

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Join(token, $"Ученик Номер {i}")));
        Assert.Equal(2, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(2, (await cast.ClassTeacher.Client.GetJson<List<JoinRequestResponse>>(cast.School.Url("/join-requests"))).Count);
        var listed = Assert.Single(await cast.ClassTeacher.Client.GetJson<List<InviteResponse>>(cast.School.Url("/invites")));
        Assert.Equal((2, 2), (listed.Uses, listed.MaxUses));
    }

    [Fact]
    public async Task A_revoked_invite_no_longer_admits_anyone()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var token = await JoinFlowTests.InviteTokenAsync(cast.ClassTeacher, cast, Role.Student);
        var invite = Assert.Single(await cast.ClassTeacher.Client.GetJson<List<InviteResponse>>(cast.School.Url("/invites")));

        // Another class's teacher cannot even see it; the class teacher revokes it.
        var other = await cast.School.AddPersonAsync(Role.Teacher);
        await cast.School.Admin.Client.PutJsonAsync(cast.School.Url($"/classes/{cast.Class6B.Id}"), new Sfera.Classes.ClassRequest("6Б", null, other.AccountId))
            .Expect(HttpStatusCode.OK);
        await other.Client.DeleteAsync(cast.School.Url($"/invites/{invite.Id}")).Expect(HttpStatusCode.NotFound);
        await cast.ClassTeacher.Client.DeleteAsync(cast.School.Url($"/invites/{invite.Id}")).Expect(HttpStatusCode.NoContent);

        await app.Anonymous().GetAsync($"/api/v1/invites/{token}").Expect(HttpStatusCode.NotFound);
        await Join(token, "Поздний Ученик").Expect(HttpStatusCode.NotFound);
        Assert.True(Assert.Single(await cast.ClassTeacher.Client.GetJson<List<InviteResponse>>(cast.School.Url("/invites"))).Revoked);
    }

    [Fact]
    public async Task The_qr_code_is_a_png_of_the_link()
    {
        var cast = await SchoolCast.CreateAsync(app);
        await JoinFlowTests.InviteTokenAsync(cast.Admin, cast, Role.Student);
        var invite = Assert.Single(await cast.Admin.Client.GetJson<List<InviteResponse>>(cast.School.Url("/invites")));
        var response = await cast.Admin.Client.GetAsync(cast.School.Url($"/invites/{invite.Id}/qr")).Expect(HttpStatusCode.OK);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
    }
}
