using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Sfera.Auth;
using Sfera.Classes;
using Sfera.Data;
using Sfera.Operator;
using Sfera.People;

namespace Sfera.Tests.Infrastructure;

/// <summary>A signed-in person with a bearer-token client.</summary>
public sealed record Person(HttpClient Client, Guid AccountId, Guid MembershipId, string Login, string Password, string DisplayName);

/// <summary>Intent methods that build state through the public API, as people would.</summary>
public static class Cast
{
    public const string Password = "Secret-pass-1";
    private static readonly ConditionalWeakTable<SferaApp, Lazy<Task<HttpClient>>> Operators = [];
    private static int counter;

    public static string Unique(string stem) => $"{stem}{Interlocked.Increment(ref counter)}{Random.Shared.Next(1000, 9999)}";

    /// <summary>The platform operator of this app, created through the one-time set-up link on first use.</summary>
    /// (GetValue may build two values when two tests ask at once and keeps one: a Lazy, so only the kept one runs.)
    public static Task<HttpClient> OperatorAsync(SferaApp app) => Operators.GetValue(app, a => new Lazy<Task<HttpClient>>(async () =>
    {
        var login = Unique("operator");
        await a.Anonymous().PostJsonAsync("/api/v1/setup/operator",
            new OperatorSetupRequest(a.SetupToken, "Оператор Платформы", login, Password)).Expect(HttpStatusCode.NoContent);
        return await SignInAsync(a, login, Password);
    })).Value;

    public static async Task<HttpClient> SignInAsync(SferaApp app, string login, string password)
    {
        var token = await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(login, password, UseTokens: true))
            .Read<AccessTokenResponse>();
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    /// <summary>A 10-digit INN with valid check digit.</summary>
    public static string NewInn()
    {
        int[] weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
        var digits = Enumerable.Range(0, 9).Select(_ => Random.Shared.Next(10)).ToArray();
        var check = weights.Select((w, i) => w * digits[i]).Sum() % 11 % 10;
        return string.Concat(digits) + check;
    }

    public static SchoolApplicationRequest Application(string shortName) => new(
        $"Муниципальное бюджетное общеобразовательное учреждение «{shortName}»", shortName, SchoolType.School, "Москва", NewInn(),
        "Анна Сергеевна Администраторова", NewPhone(), $"{Unique("admin")}@example.org");

    public static string NewPhone() => "+7916" + Random.Shared.Next(1_000_000, 9_999_999);

    /// <summary>Apply, approve as the operator, activate the administrator: a school with its signed-in admin.</summary>
    public static async Task<TestSchool> CreateSchoolAsync(SferaApp app, string? shortName = null)
    {
        shortName ??= Unique("Школа №");
        var application = Application(shortName);
        var created = await app.Anonymous().PostJsonAsync("/api/v1/school-applications", application)
            .Read<SchoolApplicationCreated>(HttpStatusCode.Created);
        var op = await OperatorAsync(app);
        var approved = await op.PostJsonAsync($"/api/v1/operator/applications/{created.Id}/approve").Read<ApproveResponse>();
        var code = new Uri(approved.ActivationUrl!).Query.Split("code=")[1];
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(code, Password)).Expect(HttpStatusCode.OK);
        var client = await SignInAsync(app, approved.AdminLogin!, Password);
        var me = await client.GetJson<MeResponse>("/api/v1/me");
        var admin = new Person(client, me.Id, me.Memberships.Single().MembershipId, approved.AdminLogin!, Password, me.DisplayName);
        return new TestSchool(app, approved.SchoolId, shortName, admin);
    }
}

public sealed class TestSchool(SferaApp app, Guid id, string name, Person admin)
{
    public SferaApp App => app;
    public Guid Id => id;
    public string Name => name;
    public Person Admin => admin;
    public string Url(string path) => $"/api/v1/schools/{id}{path}";

    /// <summary>The administrator adds a person, who then activates their account and signs in.</summary>
    public async Task<Person> AddPersonAsync(Role role, Guid? classId = null, string? name = null, string? phone = null)
    {
        name ??= Cast.Unique(role + " ");
        var added = await admin.Client.PostJsonAsync(Url("/people"), new AddPersonRequest(name, role, classId, phone, null))
            .Read<AddPersonResponse>(HttpStatusCode.Created);
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(added.ActivationCode!, Cast.Password))
            .Expect(HttpStatusCode.OK);
        var client = await Cast.SignInAsync(app, added.Person!.Login!, Cast.Password);
        return new Person(client, added.Person!.AccountId, added.Person.MembershipId, added.Person!.Login!, Cast.Password, name);
    }

    public async Task<ClassResponse> CreateClassAsync(string name, Person? classTeacher = null) =>
        await admin.Client.PostJsonAsync(Url("/classes"), new ClassRequest(name, null, classTeacher?.AccountId))
            .Read<ClassResponse>(HttpStatusCode.Created);

    public async Task LinkGuardianAsync(Person parent, Person child) =>
        await admin.Client.PostJsonAsync(Url("/guardians"), new GuardianLinkRequest(parent.AccountId, child.AccountId)).Expect(HttpStatusCode.OK);
}

/// <summary>The named cast of one school: admin, class teacher of 5А, subject teacher, staff, two students of 5А,
/// a student of 6Б, the first student's parent and the classmate's parent.</summary>
public sealed record SchoolCast(
    TestSchool School, ClassResponse Class5A, ClassResponse Class6B, Person Admin, Person ClassTeacher, Person SubjectTeacher, Person Staff,
    Person Student, Person Classmate, Person OtherStudent, Person Parent, Person OtherParent)
{
    /// <summary>A chat as <paramref name="who"/> sees it in their list, by kind (and title: "5А" for class chats).</summary>
    public async Task<Sfera.Chats.ChatSummaryResponse> ChatAsync(Person who, Sfera.Data.ChatKind kind, string? title = null) =>
        (await who.Client.GetJson<List<Sfera.Chats.ChatSummaryResponse>>(School.Url("/chats"))).Single(c => c.Kind == kind && (title is null || c.Title == title));

    public static async Task<SchoolCast> CreateAsync(SferaApp app)
    {
        var school = await Cast.CreateSchoolAsync(app);
        var classTeacher = await school.AddPersonAsync(Role.Teacher, name: "Мария Ивановна Петрова");
        var subjectTeacher = await school.AddPersonAsync(Role.Teacher, name: "Олег Петрович Физиков");
        var staff = await school.AddPersonAsync(Role.Staff, name: "Нина Завхозова");
        var class5A = await school.CreateClassAsync("5А", classTeacher);
        var class6B = await school.CreateClassAsync("6Б");
        await school.Admin.Client.PostJsonAsync(school.Url($"/classes/{class5A.Id}/subject-teachers"),
            new SubjectTeacherRequest(subjectTeacher.AccountId, "Физика")).Expect(HttpStatusCode.Created);
        var student = await school.AddPersonAsync(Role.Student, class5A.Id, "Иван Сидоров");
        var classmate = await school.AddPersonAsync(Role.Student, class5A.Id, "Пётр Смирнов");
        var otherStudent = await school.AddPersonAsync(Role.Student, class6B.Id, "Анна Кузнецова");
        var parent = await school.AddPersonAsync(Role.Parent, name: "Ольга Сидорова");
        var otherParent = await school.AddPersonAsync(Role.Parent, name: "Елена Смирнова");
        await school.LinkGuardianAsync(parent, student);
        await school.LinkGuardianAsync(otherParent, classmate);
        return new SchoolCast(school, class5A, class6B, school.Admin, classTeacher, subjectTeacher, staff, student, classmate, otherStudent, parent, otherParent);
    }
}
