using System.Net;
using Sfera.Auth;
using Sfera.Data;
using Sfera.Operator;
using Sfera.People;
using Sfera.Roster;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>An account belongs to its owner: a school invites an existing account and never takes it over.</summary>
public sealed class AccountOwnershipTests
{
    private readonly SferaApp app = SferaApp.Shared;

    private static async Task<MeResponse> MeAsync(Person person) => await person.Client.GetJson<MeResponse>("/api/v1/me");

    [Fact]
    public async Task Adding_another_schools_teacher_by_phone_invites_her_and_shows_the_school_only_what_it_typed()
    {
        var home = await Cast.CreateSchoolAsync(app);
        var classTeacher = await home.AddPersonAsync(Role.Teacher, phone: Cast.NewPhone());
        var rogue = await Cast.CreateSchoolAsync(app);
        var teacher = await MeAsync(classTeacher);

        var added = await rogue.Admin.Client.PostJsonAsync(rogue.Url("/people"),
                new AddPersonRequest("Как Бы Учительница", Role.Teacher, null, teacher.Phone, null)).Read<AddPersonResponse>(HttpStatusCode.Created);
        Assert.Null(added.Person);
        Assert.Null(added.ActivationCode);
        var invitation = added.Invitation!;
        Assert.Equal(("Как Бы Учительница", teacher.Phone, (string?)null, InvitationStatus.Pending),
            (invitation.DisplayName, invitation.Phone, invitation.Email, invitation.Status));
        var body = await rogue.Admin.Client.GetStringAsync(rogue.Url("/invitations"));
        Assert.DoesNotContain(teacher.Login, body, StringComparison.Ordinal);
        Assert.DoesNotContain(teacher.DisplayName, body, StringComparison.Ordinal);

        // Nothing changed for the account: no membership in the rogue school, its people list does not have her.
        Assert.Equal([home.Id], (await MeAsync(classTeacher)).Memberships.Select(m => m.SchoolId).Distinct());
        var people = await rogue.Admin.Client.GetJson<List<PersonResponse>>(rogue.Url("/people"));
        Assert.DoesNotContain(people, p => p.AccountId == teacher.Id);
        await Cast.SignInAsync(app, classTeacher.Login, Cast.Password);

        // She sees the invitation and declines it; the school's list empties. Nobody else can answer it.
        var mine = Assert.Single(await classTeacher.Client.GetJson<List<MyInvitationResponse>>("/api/v1/me/invitations"));
        Assert.Equal((rogue.Id, rogue.Name, Role.Teacher), (mine.SchoolId, mine.SchoolName, mine.Role));
        await home.Admin.Client.PostJsonAsync($"/api/v1/me/invitations/{mine.Id}/accept").Expect(HttpStatusCode.NotFound);
        await classTeacher.Client.PostJsonAsync($"/api/v1/me/invitations/{mine.Id}/decline").Expect(HttpStatusCode.NoContent);
        Assert.Empty(await rogue.Admin.Client.GetJson<List<InvitationResponse>>(rogue.Url("/invitations")));
        await classTeacher.Client.PostJsonAsync($"/api/v1/me/invitations/{mine.Id}/accept").Expect(HttpStatusCode.NotFound);
        Assert.Equal([home.Id], (await MeAsync(classTeacher)).Memberships.Select(m => m.SchoolId).Distinct());
    }

    [Fact]
    public async Task An_accepted_invitation_gives_a_membership_whose_contacts_and_password_stay_the_owners()
    {
        var home = await Cast.CreateSchoolAsync(app);
        var homeParent = await home.AddPersonAsync(Role.Parent, phone: Cast.NewPhone());
        var second = await Cast.CreateSchoolAsync(app);
        var parent = await MeAsync(homeParent);
        var oldCode = await home.Admin.Client.PostJsonAsync(home.Url($"/people/{homeParent.MembershipId}/activation-code"))
            .Read<ActivationCodeResponse>();
        // The new code ended her sessions; she still knows her password.
        homeParent = homeParent with { Client = await Cast.SignInAsync(app, homeParent.Login, homeParent.Password) };

        var added = await second.Admin.Client.PostJsonAsync(second.Url("/people"),
            new AddPersonRequest("Родитель Второй Школы", Role.Parent, null, parent.Phone, null)).Read<AddPersonResponse>(HttpStatusCode.Created);
        await homeParent.Client.PostJsonAsync($"/api/v1/me/invitations/{added.Invitation!.Id}/accept").Expect(HttpStatusCode.NoContent);
        Assert.Contains(second.Id, (await MeAsync(homeParent)).Memberships.Select(m => m.SchoolId));

        // The second school sees the member by the name the owner chose, without login, phone or e-mail, and cannot reset.
        var listed = (await second.Admin.Client.GetJson<List<PersonResponse>>(second.Url("/people"))).Single(p => p.AccountId == parent.Id);
        Assert.Equal((parent.DisplayName, (string?)null, (string?)null, (string?)null, false),
            (listed.DisplayName, listed.Login, listed.Phone, listed.Email, listed.Managed));
        var refused = await second.Admin.Client.PostJsonAsync(second.Url($"/people/{listed.MembershipId}/activation-code")).Problem(HttpStatusCode.Forbidden);
        Assert.Contains("not-managed", refused.GetProperty("type").GetString(), StringComparison.Ordinal);

        // The school that made the account no longer may either, and the code it issued earlier no longer works.
        var atHome = (await home.Admin.Client.GetJson<List<PersonResponse>>(home.Url("/people"))).Single(p => p.AccountId == parent.Id);
        Assert.Equal((parent.Phone, false), (atHome.Phone, atHome.Managed));
        await home.Admin.Client.PostJsonAsync(home.Url($"/people/{homeParent.MembershipId}/activation-code")).Expect(HttpStatusCode.Forbidden);
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(oldCode.ActivationCode, "Zakhvat-parolya-9"))
            .Expect(HttpStatusCode.NotFound);
        await Cast.SignInAsync(app, homeParent.Login, Cast.Password);
    }

    [Fact]
    public async Task A_childs_account_found_by_email_is_only_invited_and_keeps_its_password()
    {
        var home = await Cast.CreateSchoolAsync(app);
        var @class = await home.CreateClassAsync("3В");
        var email = $"{Cast.Unique("child")}@example.org";
        var made = await home.Admin.Client.PostJsonAsync(home.Url("/people"), new AddPersonRequest("Ребёнок Почтовый", Role.Student, @class.Id, null, email))
            .Read<AddPersonResponse>(HttpStatusCode.Created);
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(made.ActivationCode!, Cast.Password)).Expect(HttpStatusCode.OK);

        var rogue = await Cast.CreateSchoolAsync(app);
        var added = await rogue.Admin.Client.PostJsonAsync(rogue.Url("/people"), new AddPersonRequest("Учитель", Role.Teacher, null, null, email.ToUpperInvariant()))
            .Read<AddPersonResponse>(HttpStatusCode.Created);
        Assert.NotNull(added.Invitation);
        Assert.Null(added.Person);
        Assert.DoesNotContain(made.Person!.Login!, await rogue.Admin.Client.GetStringAsync(rogue.Url("/people")), StringComparison.Ordinal);
        await Cast.SignInAsync(app, made.Person.Login!, Cast.Password);
    }

    [Fact]
    public async Task A_new_code_voids_the_older_ones()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var added = await school.Admin.Client.PostJsonAsync(school.Url("/people"), new AddPersonRequest("Забывчивый Учитель", Role.Teacher, null, null, null))
            .Read<AddPersonResponse>(HttpStatusCode.Created);
        var second = await school.Admin.Client.PostJsonAsync(school.Url($"/people/{added.Person!.MembershipId}/activation-code")).Read<ActivationCodeResponse>();
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(added.ActivationCode!, Cast.Password)).Expect(HttpStatusCode.NotFound);
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(second.ActivationCode, Cast.Password)).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_operators_account_is_never_taken_in_or_reset_by_a_school()
    {
        await using var isolated = new SferaApp();
        var email = $"{Cast.Unique("operator")}@example.org";
        var login = Cast.Unique("operator");
        await isolated.Anonymous().PostJsonAsync("/api/v1/setup/operator", new OperatorSetupRequest(isolated.SetupToken, "Оператор", login, Cast.Password, email))
            .Expect(HttpStatusCode.NoContent);
        var op = await Cast.SignInAsync(isolated, login, Cast.Password);
        var created = await isolated.Anonymous().PostJsonAsync("/api/v1/school-applications", Cast.Application("Школа оператора"))
            .Read<SchoolApplicationCreated>(HttpStatusCode.Created);
        var approved = await op.PostJsonAsync($"/api/v1/operator/applications/{created.Id}/approve").Read<ApproveResponse>();
        var code = new Uri(approved.ActivationUrl!).Query.Split("code=")[1];
        await isolated.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(code, Cast.Password)).Expect(HttpStatusCode.OK);
        var admin = await Cast.SignInAsync(isolated, approved.AdminLogin!, Cast.Password);

        var added = await admin.PostJsonAsync($"/api/v1/schools/{approved.SchoolId}/people", new AddPersonRequest("Завуч", Role.Staff, null, null, email))
            .Read<AddPersonResponse>(HttpStatusCode.Created);
        Assert.Null(added.Person);
        Assert.Null(added.ActivationCode);
        // Even after the operator accepts, the school cannot issue a code for the account.
        await op.PostJsonAsync($"/api/v1/me/invitations/{added.Invitation!.Id}/accept").Expect(HttpStatusCode.NoContent);
        var staff = (await admin.GetJson<List<PersonResponse>>($"/api/v1/schools/{approved.SchoolId}/people?role=Staff")).Single();
        Assert.False(staff.Managed);
        await admin.PostJsonAsync($"/api/v1/schools/{approved.SchoolId}/people/{staff.MembershipId}/activation-code").Expect(HttpStatusCode.Forbidden);
        await Cast.SignInAsync(isolated, login, Cast.Password);
    }

    [Fact]
    public async Task An_application_with_a_pupils_phone_gets_no_activation_link_and_only_invites_the_pupil()
    {
        var home = await Cast.CreateSchoolAsync(app);
        var @class = await home.CreateClassAsync("2А");
        var phone = Cast.NewPhone();
        // A pupil who has not activated yet: the school holds a printed code for them.
        var pupil = await home.Admin.Client.PostJsonAsync(home.Url("/people"), new AddPersonRequest("Маленький Ученик", Role.Student, @class.Id, phone, null))
            .Read<AddPersonResponse>(HttpStatusCode.Created);

        var created = await app.Anonymous().PostJsonAsync("/api/v1/school-applications", Cast.Application(Cast.Unique("Школа")) with { AdminPhone = phone })
            .Read<SchoolApplicationCreated>(HttpStatusCode.Created);
        var approved = await (await Cast.OperatorAsync(app)).PostJsonAsync($"/api/v1/operator/applications/{created.Id}/approve").Read<ApproveResponse>();
        Assert.Equal((null, null, true), (approved.AdminLogin, approved.ActivationUrl, approved.InvitedExistingAccount));

        // The pupil's own printed code still works, and the new school is an invitation waiting for them.
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(pupil.ActivationCode!, Cast.Password)).Expect(HttpStatusCode.OK);
        var client = await Cast.SignInAsync(app, pupil.Person!.Login!, Cast.Password);
        var invitation = Assert.Single(await client.GetJson<List<MyInvitationResponse>>("/api/v1/me/invitations"));
        Assert.Equal((approved.SchoolId, Role.Admin), (invitation.SchoolId, invitation.Role));
    }

    [Fact]
    public async Task Roster_import_invites_accounts_of_other_schools_and_they_join_their_class_on_accepting()
    {
        var home = await Cast.CreateSchoolAsync(app);
        var homeParent = await home.AddPersonAsync(Role.Parent, phone: Cast.NewPhone());
        var parent = await MeAsync(homeParent);
        var school = await Cast.CreateSchoolAsync(app);
        var newPupilPhone = Cast.NewPhone();
        var csv = $"""
            role,name,class,phone,email,children
            student,Новый Ученик,4Б,{newPupilPhone},,
            parent,Родитель Из Другой Школы,,{parent.Phone},,Новый Ученик
            """;
        var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        var result = await school.Admin.Client.PostAsync(school.Url("/roster-import"), content).Read<RosterImportResponse>();
        Assert.Equal((1, 1), (result.Created, result.Invited));
        var invited = result.Sheets.SelectMany(s => s.People).Single(p => p.Role == Role.Parent);
        Assert.Equal(("Родитель Из Другой Школы", (string?)null, (string?)null, true), (invited.DisplayName, invited.Login, invited.ActivationCode, invited.Invited));
        Assert.DoesNotContain(school.Id, (await MeAsync(homeParent)).Memberships.Select(m => m.SchoolId));

        var invitation = Assert.Single(await homeParent.Client.GetJson<List<MyInvitationResponse>>("/api/v1/me/invitations"));
        await homeParent.Client.PostJsonAsync($"/api/v1/me/invitations/{invitation.Id}/accept").Expect(HttpStatusCode.NoContent);
        var listed = (await school.Admin.Client.GetJson<List<PersonResponse>>(school.Url("/people?role=Parent"))).Single();
        Assert.Equal(["Новый Ученик"], listed.Children.Select(c => c.DisplayName));
        Assert.Null(listed.Phone);
        var chats = await homeParent.Client.GetJson<List<Sfera.Chats.ChatSummaryResponse>>(school.Url("/chats"));
        Assert.Contains(chats, c => c.Kind == ChatKind.Parents && c.Title == "4Б");
    }
}
