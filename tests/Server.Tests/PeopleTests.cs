using System.Net;
using Sfera.Auth;
using Sfera.Data;
using Sfera.Invites;
using Sfera.People;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

public sealed class PeopleTests
{
    private readonly SferaApp app = SferaApp.Shared;

    [Fact]
    public async Task An_administrator_gives_a_forgetful_person_a_new_code_and_the_old_password_works_until_it_is_used()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var code = await cast.Admin.Client.PostJsonAsync(cast.School.Url($"/people/{cast.Student.MembershipId}/activation-code"))
            .Read<ActivationCodeResponse>();
        await Cast.SignInAsync(app, cast.Student.Login, Cast.Password);
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(code.ActivationCode, "Novyi-parol-5")).Expect(HttpStatusCode.OK);
        await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(cast.Student.Login, Cast.Password)).Expect(HttpStatusCode.Unauthorized);
        await Cast.SignInAsync(app, cast.Student.Login, "Novyi-parol-5");
        await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/people/{cast.Classmate.MembershipId}/activation-code")).Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_guardian_link_can_be_undone_by_its_id()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var parents = await cast.Admin.Client.GetJson<List<PersonResponse>>(cast.School.Url("/people?role=Parent"));
        var link = parents.Single(p => p.AccountId == cast.Parent.AccountId).Children.Single();
        Assert.Equal(cast.Student.AccountId, link.AccountId);
        await cast.Admin.Client.DeleteAsync(cast.School.Url($"/guardians/{link.LinkId}")).Expect(HttpStatusCode.NoContent);
        parents = await cast.Admin.Client.GetJson<List<PersonResponse>>(cast.School.Url("/people?role=Parent"));
        Assert.Empty(parents.Single(p => p.AccountId == cast.Parent.AccountId).Children);
        Assert.Empty(await cast.Parent.Client.GetJson<List<Sfera.Classes.ClassResponse>>(cast.School.Url("/classes")));
    }

    [Fact]
    public async Task A_student_sees_and_revokes_their_own_parent_links_only()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var first = await cast.Student.Client.PostJsonAsync(cast.School.Url("/parent-invite")).Read<InviteResponse>(HttpStatusCode.Created);
        await cast.Student.Client.PostJsonAsync(cast.School.Url("/parent-invite")).Expect(HttpStatusCode.Created);
        await cast.Classmate.Client.PostJsonAsync(cast.School.Url("/parent-invite")).Expect(HttpStatusCode.Created);
        var mine = await cast.Student.Client.GetJson<List<InviteResponse>>(cast.School.Url("/parent-invites"));
        Assert.Equal(2, mine.Count);
        Assert.All(mine, i => Assert.True(i.ForParentOfChild));

        await cast.Classmate.Client.DeleteAsync(cast.School.Url($"/invites/{first.Id}")).Expect(HttpStatusCode.NotFound);
        await cast.Student.Client.DeleteAsync(cast.School.Url($"/invites/{first.Id}")).Expect(HttpStatusCode.NoContent);
        mine = await cast.Student.Client.GetJson<List<InviteResponse>>(cast.School.Url("/parent-invites"));
        Assert.True(mine.Single(i => i.Id == first.Id).Revoked);
        await app.Anonymous().GetAsync($"/api/v1/invites/{first.Url.Split("/join/")[1]}").Expect(HttpStatusCode.NotFound);

        // A signed-in person joins with no body at all.
        var second = mine.Single(i => i.Id != first.Id);
        var joined = await cast.OtherParent.Client.PostAsync($"/api/v1/invites/{second.Url.Split("/join/")[1]}/join", null).Read<JoinResponse>();
        Assert.Equal(MembershipStatus.Pending, joined.Status);
    }
}
