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
    public async Task A_new_code_ends_every_session_at_once_and_the_old_password_works_until_the_code_is_used()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var code = await cast.Admin.Client.PostJsonAsync(cast.School.Url($"/people/{cast.Student.MembershipId}/activation-code"))
            .Read<ActivationCodeResponse>();
        // Whoever holds the lost phone's session is out.
        await cast.Student.Client.GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        var again = await Cast.SignInAsync(app, cast.Student.Login, Cast.Password);
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(code.ActivationCode, "Novyi-parol-5")).Expect(HttpStatusCode.OK);
        // Using the code ends the sessions started meanwhile with the old password, too.
        await again.GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(cast.Student.Login, Cast.Password)).Expect(HttpStatusCode.Unauthorized);
        await Cast.SignInAsync(app, cast.Student.Login, "Novyi-parol-5");

        var audit = await cast.Admin.Client.GetJson<List<Sfera.Moderation.AuditEntryResponse>>(cast.School.Url("/audit"));
        Assert.Contains(audit, a => a.Action == "person.activation_code" && a.TargetId == cast.Student.AccountId);
    }

    [Fact]
    public async Task A_class_teacher_issues_codes_to_the_class_s_students_and_their_parents_only()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var forClassmate = await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/people/{cast.Classmate.MembershipId}/activation-code"))
            .Read<ActivationCodeResponse>();
        await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/people/{cast.OtherParent.MembershipId}/activation-code")).Expect(HttpStatusCode.OK);
        await cast.Classmate.Client.GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(forClassmate.ActivationCode, "Novyi-parol-7")).Expect(HttpStatusCode.OK);
        await Cast.SignInAsync(app, cast.Classmate.Login, "Novyi-parol-7");

        // Not a student of another class, not staff, not herself; a subject teacher leads no class.
        foreach (var other in new[] { cast.OtherStudent, cast.Staff, cast.SubjectTeacher, cast.ClassTeacher })
            await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/people/{other.MembershipId}/activation-code")).Expect(HttpStatusCode.Forbidden);
        await cast.SubjectTeacher.Client.PostJsonAsync(cast.School.Url($"/people/{cast.Student.MembershipId}/activation-code")).Expect(HttpStatusCode.Forbidden);
        await cast.Student.Client.GetAsync("/api/v1/me").Expect(HttpStatusCode.OK);

        var audit = await cast.Admin.Client.GetJson<List<Sfera.Moderation.AuditEntryResponse>>(cast.School.Url("/audit"));
        Assert.Contains(audit, a => a.Action == "person.activation_code" && a.TargetId == cast.Classmate.AccountId && a.Actor.AccountId == cast.ClassTeacher.AccountId);
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
