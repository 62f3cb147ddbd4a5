using System.Net;
using System.Text;
using Sfera.Auth;
using Sfera.Classes;
using Sfera.Data;
using Sfera.People;
using Sfera.Roster;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

public sealed class RosterTests
{
    private readonly SferaApp app = SferaApp.Shared;

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task A_roster_creates_classes_people_and_guardians_with_one_time_codes_per_class_sheet()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var teacherPhone = Cast.NewPhone();
        var csv = $"""
            role,class,name,phone,email,children
            teacher,5А,Мария Ивановна Петрова,{teacherPhone},,
            student,5А,Иван Сидоров,,,
            student,5 а,Пётр Смирнов,,,
            student,6Б,Анна Кузнецова,,,
            parent,,Ольга Сидорова,{Cast.NewPhone()},,Иван Сидоров
            parent,,Елена Смирнова,,{Cast.Unique("mama")}@example.org,"Пётр Смирнов; Анна Кузнецова (6Б)"
            staff,,Нина Завхозова,,,
            """;
        var result = await school.Admin.Client.PostAsync(school.Url("/roster-import"), Csv(csv)).Read<RosterImportResponse>();

        Assert.Equal(7, result.Created);
        Assert.Equal(["5А", "6Б", null], result.Sheets.Select(s => s.ClassName));
        var sheet5A = result.Sheets[0];
        Assert.Equal(["Мария Ивановна Петрова", "Иван Сидоров", "Пётр Смирнов", "Елена Смирнова", "Ольга Сидорова"],
            sheet5A.People.Select(p => p.DisplayName));
        Assert.All(result.Sheets.SelectMany(s => s.People), p => Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", p.ActivationCode));

        var classes = await school.Admin.Client.GetJson<List<ClassResponse>>(school.Url("/classes"));
        Assert.Equal([("5А", 2, "Мария Ивановна Петрова"), ("6Б", 1, null)],
            classes.Select(c => (c.Name, c.StudentCount, c.ClassTeacher?.DisplayName)));
        var parents = await school.Admin.Client.GetJson<List<PersonResponse>>(school.Url("/people?role=Parent"));
        Assert.Equal(["Анна Кузнецова", "Пётр Смирнов"], parents.Single(p => p.DisplayName == "Елена Смирнова").Children.Select(c => c.DisplayName).Order());

        // A child activates with the printed code and is in class 5А.
        var ivan = sheet5A.People.Single(p => p.DisplayName == "Иван Сидоров");
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(ivan.ActivationCode!, Cast.Password)).Expect(HttpStatusCode.OK);
        var client = await Cast.SignInAsync(app, ivan.Login!, Cast.Password);
        Assert.Equal("5А", Assert.Single((await client.GetJson<MeResponse>("/api/v1/me")).Memberships).ClassName);
        // Imported people are in their automatic chats: the class chat of 5А with the class teacher and classmate.
        var chats = await client.GetJson<List<Sfera.Chats.ChatSummaryResponse>>(school.Url("/chats"));
        var classChat = chats.Single(c => c.Kind == ChatKind.Class);
        Assert.Equal(("5А", 3), (classChat.Title, classChat.MemberCount));
        Assert.Contains(chats, c => c.Kind == ChatKind.Announcements);
        // The teacher signs in with the phone from the file.
        var teacher = sheet5A.People[0];
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(teacher.ActivationCode!, Cast.Password)).Expect(HttpStatusCode.OK);
        await Cast.SignInAsync(app, teacherPhone, Cast.Password);
    }

    [Fact]
    public async Task Excel_style_semicolons_and_russian_headers_are_understood()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var csv = "\uFEFFРоль;Класс;ФИО;Телефон;Почта;Дети\r\nученик;1А;Маша Иванова;;;\r\nродитель;;Светлана Иванова;;;Маша Иванова\r\n";
        var result = await school.Admin.Client.PostAsync(school.Url("/roster-import"), Csv(csv)).Read<RosterImportResponse>();
        Assert.Equal(2, result.Created);
        Assert.Equal("1А", Assert.Single(result.Sheets).ClassName);
    }

    [Fact]
    public async Task Any_invalid_row_is_reported_with_its_line_and_field_and_nothing_is_imported()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var phone = Cast.NewPhone();
        var csv = $"""
            role,class,name,phone,email,children
            student,5А,Иван Сидоров,,,
            wizard,5А,Гарри Поттер,,,
            student,,Без Класса,,,
            teacher,,Учитель Телефонный,12345,,
            parent,,Мама Никого,{phone},,Несуществующий Ребёнок
            parent,,Папа Двойник,{phone},,Иван Сидоров
            staff,,Сотрудник Почтовый,,плохая-почта,
            """;
        var problem = await school.Admin.Client.PostAsync(school.Url("/roster-import"), Csv(csv)).Problem(HttpStatusCode.BadRequest);
        var rows = problem.GetProperty("rowErrors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(3, "role"), (4, "class"), (5, "phone"), (6, "children"), (7, "phone"), (8, "email")], rows.Order());
        Assert.Contains("rows[3].role", problem.Fields());

        var people = await school.Admin.Client.GetJson<List<PersonResponse>>(school.Url("/people"));
        Assert.Equal([Role.Admin], people.Select(p => p.Role));
        Assert.Empty(await school.Admin.Client.GetJson<List<ClassResponse>>(school.Url("/classes")));
    }

    [Fact]
    public async Task Only_an_administrator_imports_a_roster()
    {
        var cast = await SchoolCast.CreateAsync(app);
        await cast.ClassTeacher.Client.PostAsync(cast.School.Url("/roster-import"), Csv("role,class,name\nstudent,5А,Тайный Ученик\n"))
            .Expect(HttpStatusCode.Forbidden);
        var people = await cast.Admin.Client.GetJson<List<PersonResponse>>(cast.School.Url("/people"));
        Assert.DoesNotContain(people, p => p.DisplayName == "Тайный Ученик");
    }
}
