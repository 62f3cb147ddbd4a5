using System.Net;
using Sfera.Classes;
using Sfera.Data;
using Sfera.Invites;
using Sfera.People;
using Sfera.Schools;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>The foundation's main path, through the API alone.</summary>
public sealed class JoinFlowTests
{
    private readonly SferaApp app = SferaApp.Shared;

    [Fact]
    public async Task A_student_and_their_parent_join_a_new_school_only_after_the_class_teacher_approves()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var teacher = await school.AddPersonAsync(Role.Teacher, name: "Мария Ивановна Петрова");
        var class5A = await school.CreateClassAsync("5А", teacher);
        Assert.Equal("Мария Ивановна Петрова", class5A.ClassTeacher?.DisplayName);

        var invite = await school.Admin.Client.PostJsonAsync(school.Url("/invites"), new InviteRequest(Role.Student, class5A.Id, 7, 30))
            .Read<InviteResponse>(HttpStatusCode.Created);
        var token = invite.Url.Split("/join/")[1];

        var preview = await app.Anonymous().GetJson<InvitePreviewResponse>($"/api/v1/invites/{token}");
        Assert.Equal((school.Name, Role.Student, "5А"), (preview.SchoolName, preview.Role, preview.ClassName));

        // The student registers through the link and waits.
        var studentLogin = Cast.Unique("ivan.sidorov");
        var joined = await app.Anonymous().PostJsonAsync($"/api/v1/invites/{token}/join",
            new JoinRequest("Иван Сидоров", studentLogin, null, null, Cast.Password)).Read<JoinResponse>();
        Assert.Equal(MembershipStatus.Pending, joined.Status);
        var student = await Cast.SignInAsync(app, studentLogin, Cast.Password);
        var pending = Assert.Single((await student.GetJson<MeResponse>("/api/v1/me")).Memberships);
        Assert.Equal((MembershipStatus.Pending, "5А"), (pending.Status, pending.ClassName));
        await student.GetAsync(school.Url("/")).Expect(HttpStatusCode.NotFound);
        await student.GetAsync(school.Url("/classes")).Expect(HttpStatusCode.NotFound);

        // The class teacher sees the request and approves it.
        var requests = await teacher.Client.GetJson<List<JoinRequestResponse>>(school.Url("/join-requests"));
        var request = Assert.Single(requests);
        Assert.Equal(("Иван Сидоров", Role.Student, "5А"), (request.DisplayName, request.Role, request.ClassName));
        await teacher.Client.PostJsonAsync(school.Url($"/join-requests/{request.Id}/approve")).Expect(HttpStatusCode.NoContent);

        var me = await student.GetJson<MeResponse>("/api/v1/me");
        Assert.Equal(MembershipStatus.Confirmed, Assert.Single(me.Memberships).Status);
        var visible = await student.GetJson<List<ClassResponse>>(school.Url("/classes"));
        Assert.Equal("5А", Assert.Single(visible).Name);
        Assert.Equal(1, Assert.Single(visible).StudentCount);

        // The student's "invite my parent" link: the parent registers, waits, the class teacher confirms.
        var parentInvite = await student.PostJsonAsync(school.Url("/parent-invite")).Read<InviteResponse>(HttpStatusCode.Created);
        var parentToken = parentInvite.Url.Split("/join/")[1];
        var parentPreview = await app.Anonymous().GetJson<InvitePreviewResponse>($"/api/v1/invites/{parentToken}");
        Assert.Equal((Role.Parent, "Иван"), (parentPreview.Role, parentPreview.ChildName));
        var parentPhone = Cast.NewPhone();
        await app.Anonymous().PostJsonAsync($"/api/v1/invites/{parentToken}/join",
            new JoinRequest("Ольга Сидорова", null, parentPhone, null, Cast.Password)).Expect(HttpStatusCode.OK);
        var parent = await Cast.SignInAsync(app, parentPhone, Cast.Password);
        await parent.GetAsync(school.Url("/")).Expect(HttpStatusCode.NotFound);

        var parentRequest = Assert.Single(await teacher.Client.GetJson<List<JoinRequestResponse>>(school.Url("/join-requests")));
        Assert.Equal((Role.Parent, "Иван Сидоров"), (parentRequest.Role, parentRequest.ChildName));
        await teacher.Client.PostJsonAsync(school.Url($"/join-requests/{parentRequest.Id}/approve")).Expect(HttpStatusCode.NoContent);

        var school4Parent = await parent.GetJson<SchoolResponse>(school.Url("/"));
        Assert.Equal([Role.Parent], school4Parent.MyRoles);
        Assert.Equal("5А", Assert.Single(await parent.GetJson<List<ClassResponse>>(school.Url("/classes"))).Name);
        var people = await school.Admin.Client.GetJson<List<PersonResponse>>(school.Url("/people?role=Parent"));
        Assert.Equal("Иван Сидоров", Assert.Single(Assert.Single(people).Children).DisplayName);
    }

    [Fact]
    public async Task A_rejected_joiner_stays_outside()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var token = await InviteTokenAsync(cast.ClassTeacher, cast, Role.Student);
        var login = Cast.Unique("stranger");
        await app.Anonymous().PostJsonAsync($"/api/v1/invites/{token}/join", new JoinRequest("Чужой Человек", login, null, null, Cast.Password))
            .Expect(HttpStatusCode.OK);
        var request = Assert.Single(await cast.ClassTeacher.Client.GetJson<List<JoinRequestResponse>>(cast.School.Url("/join-requests")));
        await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/join-requests/{request.Id}/reject")).Expect(HttpStatusCode.NoContent);
        var stranger = await Cast.SignInAsync(app, login, Cast.Password);
        await stranger.GetAsync(cast.School.Url("/")).Expect(HttpStatusCode.NotFound);
        Assert.Empty((await stranger.GetJson<MeResponse>("/api/v1/me")).Memberships);
        Assert.Empty(await cast.ClassTeacher.Client.GetJson<List<JoinRequestResponse>>(cast.School.Url("/join-requests")));
    }

    [Fact]
    public async Task A_class_teacher_invites_only_to_their_own_class_and_decides_only_its_requests()
    {
        var cast = await SchoolCast.CreateAsync(app);
        await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url("/invites"), new InviteRequest(Role.Student, cast.Class6B.Id, null, null))
            .Expect(HttpStatusCode.Forbidden);
        await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url("/invites"), new InviteRequest(Role.Teacher, null, null, null))
            .Expect(HttpStatusCode.Forbidden);
        await cast.SubjectTeacher.Client.PostJsonAsync(cast.School.Url("/invites"), new InviteRequest(Role.Student, cast.Class5A.Id, null, null))
            .Expect(HttpStatusCode.Forbidden);

        var token6B = await InviteTokenAsync(cast.Admin, cast, Role.Student, cast.Class6B.Id);
        await app.Anonymous().PostJsonAsync($"/api/v1/invites/{token6B}/join",
            new JoinRequest("Ученик Шестого", Cast.Unique("six"), null, null, Cast.Password)).Expect(HttpStatusCode.OK);
        Assert.Empty(await cast.ClassTeacher.Client.GetJson<List<JoinRequestResponse>>(cast.School.Url("/join-requests")));
        var request = Assert.Single(await cast.Admin.Client.GetJson<List<JoinRequestResponse>>(cast.School.Url("/join-requests")));
        await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/join-requests/{request.Id}/approve")).Expect(HttpStatusCode.NotFound);
        await cast.Admin.Client.PostJsonAsync(cast.School.Url($"/join-requests/{request.Id}/approve")).Expect(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_student_cannot_become_their_own_parent()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var invite = await cast.Student.Client.PostJsonAsync(cast.School.Url("/parent-invite")).Read<InviteResponse>(HttpStatusCode.Created);
        var token = invite.Url.Split("/join/")[1];

        // Opened in the student's own signed-in session.
        var problem = await cast.Student.Client.PostJsonAsync($"/api/v1/invites/{token}/join").Problem((HttpStatusCode)422);
        Assert.Contains("родителем самому себе", problem.GetProperty("title").GetString(), StringComparison.Ordinal);

        // Registering a "parent" with the student's own phone is the same person.
        var phone = Cast.NewPhone();
        var withPhone = await cast.Admin.Client.PostJsonAsync(cast.School.Url("/people"), new AddPersonRequest("Ребёнок С Телефоном", Role.Student, cast.Class5A.Id, phone, null))
            .Read<AddPersonResponse>(HttpStatusCode.Created);
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new Sfera.Auth.ActivateRequest(withPhone.ActivationCode!, Cast.Password)).Expect(HttpStatusCode.OK);
        var child = await Cast.SignInAsync(app, phone, Cast.Password);
        var childInvite = await child.PostJsonAsync(cast.School.Url("/parent-invite")).Read<InviteResponse>(HttpStatusCode.Created);
        var selfRegistration = await app.Anonymous().PostJsonAsync($"/api/v1/invites/{childInvite.Url.Split("/join/")[1]}/join",
            new JoinRequest("Мама", null, phone, null, Cast.Password)).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["phone"], selfRegistration.Fields());

        // Nothing was requested; the link still works for the real parent.
        Assert.Empty(await cast.ClassTeacher.Client.GetJson<List<JoinRequestResponse>>(cast.School.Url("/join-requests")));
        await app.Anonymous().PostJsonAsync($"/api/v1/invites/{token}/join", new JoinRequest("Настоящая Мама", Cast.Unique("mama"), null, null, Cast.Password))
            .Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Registering_with_someones_phone_answers_like_any_registration_and_creates_nothing()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var class5A = await school.CreateClassAsync("5А");
        var pupilPhone = Cast.NewPhone();
        var pupil = await school.Admin.Client.PostJsonAsync(school.Url("/people"), new AddPersonRequest("Ученик С Телефоном", Role.Student, class5A.Id, pupilPhone, null))
            .Read<AddPersonResponse>(HttpStatusCode.Created);
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new Sfera.Auth.ActivateRequest(pupil.ActivationCode!, Cast.Password)).Expect(HttpStatusCode.OK);
        var invite = await school.Admin.Client.PostJsonAsync(school.Url("/invites"), new InviteRequest(Role.Parent, class5A.Id, null, null))
            .Read<InviteResponse>(HttpStatusCode.Created);
        var url = $"/api/v1/invites/{invite.Url.Split("/join/")[1]}/join";

        async Task<(HttpStatusCode, string, bool)> Register(string phone)
        {
            var response = await app.Anonymous().PostJsonAsync(url, new JoinRequest("Мама Ученика", null, phone, null, "Other-pass-7", ChildName: "Ученик С Телефоном"));
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Contains("Set-Cookie"));
        }
        var fresh = await Register(Cast.NewPhone());
        var taken = await Register(pupilPhone);
        Assert.Equal(fresh, taken);
        Assert.Equal(HttpStatusCode.OK, taken.Item1);

        // No second account: the phone still signs in with the pupil's password only, and only one request waits.
        await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new Sfera.Auth.SignInRequest(pupilPhone, "Other-pass-7")).Expect(HttpStatusCode.Unauthorized);
        var me = await (await Cast.SignInAsync(app, pupilPhone, Cast.Password)).GetJson<MeResponse>("/api/v1/me");
        Assert.Equal(pupil.Person!.AccountId, me.Id);
        Assert.Equal("Мама Ученика", Assert.Single(await school.Admin.Client.GetJson<List<JoinRequestResponse>>(school.Url("/join-requests"))).DisplayName);
    }

    [Fact]
    public async Task A_parent_from_a_class_link_names_the_child_and_is_approved_only_with_children_picked_from_the_class()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var token = await InviteTokenAsync(cast.Admin, cast, Role.Parent);
        Assert.True((await app.Anonymous().GetJson<InvitePreviewResponse>($"/api/v1/invites/{token}")).AsksChildName);

        // Without the child's name the form is sent back, naming the field.
        var login = Cast.Unique("mama.sidorova");
        var nameless = await app.Anonymous().PostJsonAsync($"/api/v1/invites/{token}/join",
            new JoinRequest("Мария Сидорова", login, null, null, Cast.Password)).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["childName"], nameless.Fields());
        await app.Anonymous().PostJsonAsync($"/api/v1/invites/{token}/join",
            new JoinRequest("Мария Сидорова", login, null, null, Cast.Password, ChildName: "Иван Сидоров, 5А")).Expect(HttpStatusCode.OK);
        var parent = await Cast.SignInAsync(app, login, Cast.Password);

        var request = Assert.Single(await cast.ClassTeacher.Client.GetJson<List<JoinRequestResponse>>(cast.School.Url("/join-requests")));
        Assert.Equal(("Иван Сидоров, 5А", true), (request.RequestedChildName, request.ChildRequired));

        // Approving with no child is refused with a clear problem, and the parent still waits.
        var refused = await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/join-requests/{request.Id}/approve")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["childIds"], refused.Fields());
        Assert.Contains("Выберите ребёнка", refused.GetProperty("errors").GetProperty("childIds")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(MembershipStatus.Pending, Assert.Single((await parent.GetJson<MeResponse>("/api/v1/me")).Memberships).Status);
        // A child of another class is not the class teacher's to link.
        await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/join-requests/{request.Id}/approve"),
            new ApproveJoinRequest([cast.OtherStudent.AccountId])).Problem(HttpStatusCode.BadRequest);

        // With two children picked, the parent is in, linked to both, and in the class's parents' chat.
        await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/join-requests/{request.Id}/approve"),
            new ApproveJoinRequest([cast.Student.AccountId, cast.Classmate.AccountId])).Expect(HttpStatusCode.NoContent);
        var people = await cast.Admin.Client.GetJson<List<PersonResponse>>(cast.School.Url("/people?role=Parent"));
        var linked = people.Single(p => p.DisplayName == "Мария Сидорова");
        Assert.Equal(["Иван Сидоров", "Пётр Смирнов"], linked.Children.Select(c => c.DisplayName).Order());
        var chats = await parent.GetJson<List<Sfera.Chats.ChatSummaryResponse>>(cast.School.Url("/chats"));
        Assert.Contains(chats, c => c.Kind == ChatKind.Parents);
    }

    [Fact]
    public async Task A_joiner_hears_the_decision_live_and_approvers_see_what_waits_for_them()
    {
        var cast = await SchoolCast.CreateAsync(app);
        Assert.Equal(new Sfera.Schools.WaitingResponse(cast.School.Id, 0, 0),
            await cast.ClassTeacher.Client.GetJson<Sfera.Schools.WaitingResponse>(cast.School.Url("/waiting")));
        await using var teacherHub = await HubProbe.ConnectAsync(app, cast.ClassTeacher);
        await using var adminHub = await HubProbe.ConnectAsync(app, cast.Admin);

        var token = await InviteTokenAsync(cast.ClassTeacher, cast, Role.Student);
        var login = Cast.Unique("novenkiy");
        await app.Anonymous().PostJsonAsync($"/api/v1/invites/{token}/join", new JoinRequest("Новый Ученик", login, null, null, Cast.Password))
            .Expect(HttpStatusCode.OK);
        // The class teacher and the administrator are told at once that one request waits.
        var waiting = await teacherHub.NextOfAsync<Sfera.Schools.WaitingResponse>("WaitingChanged");
        Assert.Equal(1, waiting.JoinRequests);
        Assert.Equal(waiting, await cast.ClassTeacher.Client.GetJson<Sfera.Schools.WaitingResponse>(cast.School.Url("/waiting")));
        Assert.Equal(1, (await adminHub.NextOfAsync<Sfera.Schools.WaitingResponse>("WaitingChanged")).JoinRequests);
        // Nothing waits for a teacher who leads no class.
        Assert.Equal(0, (await cast.SubjectTeacher.Client.GetJson<Sfera.Schools.WaitingResponse>(cast.School.Url("/waiting"))).JoinRequests);

        var joiner = await Cast.SignInAsync(app, login, Cast.Password);
        var me = await joiner.GetJson<MeResponse>("/api/v1/me");
        await using var joinerHub = await HubProbe.ConnectAsync(app, new Person(joiner, me.Id, Guid.Empty, login, Cast.Password, me.DisplayName));
        var request = Assert.Single(await cast.ClassTeacher.Client.GetJson<List<JoinRequestResponse>>(cast.School.Url("/join-requests")));
        await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/join-requests/{request.Id}/approve")).Expect(HttpStatusCode.NoContent);

        // The joiner learns it without reloading, with the membership as /me now lists it.
        var decided = await joinerHub.NextOfAsync<Sfera.Realtime.MembershipDecidedEvent>("MembershipDecided");
        Assert.Equal((cast.School.Id, MembershipStatus.Confirmed, "5А"), (decided.SchoolId, decided.Membership.Status, decided.Membership.ClassName));
        Assert.Equal(decided.Membership, Assert.Single((await joiner.GetJson<MeResponse>("/api/v1/me")).Memberships));
        Assert.Equal(0, (await teacherHub.NextOfAsync<Sfera.Schools.WaitingResponse>("WaitingChanged")).JoinRequests);
    }

    [Fact]
    public async Task Only_a_student_can_make_an_invite_my_parent_link()
    {
        var cast = await SchoolCast.CreateAsync(app);
        await cast.Parent.Client.PostJsonAsync(cast.School.Url("/parent-invite")).Expect(HttpStatusCode.Forbidden);
        await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url("/parent-invite")).Expect(HttpStatusCode.Forbidden);
    }

    internal static async Task<string> InviteTokenAsync(Person by, SchoolCast cast, Role role, Guid? classId = null, int? days = null, int? uses = null)
    {
        var invite = await by.Client.PostJsonAsync(cast.School.Url("/invites"), new InviteRequest(role, classId ?? cast.Class5A.Id, days, uses))
            .Read<InviteResponse>(HttpStatusCode.Created);
        return invite.Url.Split("/join/")[1];
    }
}
