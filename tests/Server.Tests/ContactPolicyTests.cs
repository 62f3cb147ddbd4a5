using System.Net;
using Sfera.Chats;
using Sfera.Classes;
using Sfera.Data;
using Sfera.Schools;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>PRODUCT.md's contact-policy matrix, cell by cell, through every path that asks it.</summary>
public sealed class ContactPolicyTests
{
    private readonly SferaApp app = SferaApp.Shared;

    private sealed record World(SchoolCast Cast, Person Teacher6B, Person Parent6B, Dictionary<string, Person> People);

    private async Task<World> CreateAsync()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var teacher6B = await cast.School.AddPersonAsync(Role.Teacher, name: "Учитель Шестого");
        await cast.Admin.Client.PutJsonAsync(cast.School.Url($"/classes/{cast.Class6B.Id}"), new ClassRequest("6Б", null, teacher6B.AccountId)).Expect(HttpStatusCode.OK);
        var parent6B = await cast.School.AddPersonAsync(Role.Parent, name: "Родитель Шестого");
        await cast.School.LinkGuardianAsync(parent6B, cast.OtherStudent);
        var people = new Dictionary<string, Person>
        {
            ["admin"] = cast.Admin, ["class teacher 5А"] = cast.ClassTeacher, ["subject teacher 5А"] = cast.SubjectTeacher,
            ["staff"] = cast.Staff, ["class teacher 6Б"] = teacher6B, ["student 5А"] = cast.Student, ["classmate 5А"] = cast.Classmate,
            ["student 6Б"] = cast.OtherStudent, ["parent of student"] = cast.Parent, ["parent of classmate"] = cast.OtherParent,
            ["parent of 6Б student"] = parent6B,
        };
        return new World(cast, teacher6B, parent6B, people);
    }

    /// <summary>Whom each person may reach with the default settings, written out by hand from PRODUCT.md.</summary>
    private static readonly Dictionary<string, string[]> Reach = new()
    {
        ["student 5А"] = ["admin", "class teacher 5А", "subject teacher 5А", "classmate 5А", "parent of student"],
        ["classmate 5А"] = ["admin", "class teacher 5А", "subject teacher 5А", "student 5А", "parent of classmate"],
        ["student 6Б"] = ["admin", "class teacher 6Б", "parent of 6Б student"],
        ["parent of student"] = ["admin", "class teacher 5А", "subject teacher 5А", "student 5А", "parent of classmate"],
        ["parent of classmate"] = ["admin", "class teacher 5А", "subject teacher 5А", "classmate 5А", "parent of student"],
        ["parent of 6Б student"] = ["admin", "class teacher 6Б", "student 6Б"],
    };

    private static bool Expected(World world, string from, string to) =>
        Reach.TryGetValue(from, out var allowed) ? allowed.Contains(to) : true; // staff reach everyone in their school

    [Fact]
    public async Task Every_cell_of_the_matrix_holds_for_chats_profiles_and_the_contact_list()
    {
        var world = await CreateAsync();
        var failures = new List<string>();
        foreach (var (fromName, from) in world.People)
        {
            var contacts = (await from.Client.GetJson<List<ContactResponse>>(world.Cast.School.Url("/contacts"))).Select(c => c.AccountId).ToHashSet();
            foreach (var (toName, to) in world.People.Where(p => p.Key != fromName))
            {
                var expected = Expected(world, fromName, toName);
                if (contacts.Contains(to.AccountId) != expected) failures.Add($"{fromName} -> {toName}: contact list says {!expected}");
                var profile = await from.Client.GetAsync(world.Cast.School.Url($"/profiles/{to.AccountId}"));
                if ((profile.StatusCode == HttpStatusCode.OK) != expected) failures.Add($"{fromName} -> {toName}: profile {(int)profile.StatusCode}");
                var chat = await from.Client.PostJsonAsync(world.Cast.School.Url("/chats/personal"), new PersonalChatRequest(to.AccountId));
                var started = chat.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK;
                if (started != expected || (!started && chat.StatusCode != HttpStatusCode.NotFound))
                    failures.Add($"{fromName} -> {toName}: start chat {(int)chat.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Staff_add_anyone_to_a_group_but_students_and_parents_cannot_make_groups()
    {
        var world = await CreateAsync();
        var everyone = world.People.Values.Select(p => p.AccountId).Where(id => id != world.Cast.SubjectTeacher.AccountId).ToList();
        var group = await world.Cast.SubjectTeacher.Client.PostJsonAsync(world.Cast.School.Url("/chats/groups"), new GroupRequest("Все вместе", everyone))
            .Read<ChatDetailResponse>(HttpStatusCode.Created);
        Assert.Equal(world.People.Count, group.Members.Count);
        foreach (var name in new[] { "student 5А", "parent of student" })
            await world.People[name].Client.PostJsonAsync(world.Cast.School.Url("/chats/groups"), new GroupRequest("Своя", [world.Cast.Admin.AccountId]))
                .Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_school_may_open_or_close_the_setting_cells_but_never_the_cells_that_protect_minors()
    {
        var world = await CreateAsync();
        var school = world.Cast.School;
        Task<HttpResponseMessage> Start(Person from, Person to) =>
            from.Client.PostJsonAsync(school.Url("/chats/personal"), new PersonalChatRequest(to.AccountId));

        await Start(world.Cast.Student, world.Cast.OtherStudent).Expect(HttpStatusCode.NotFound);
        await Start(world.Cast.Parent, world.Cast.OtherParent).Expect(HttpStatusCode.Created);
        var saved = await world.Cast.Admin.Client.PutJsonAsync(school.Url("/settings"),
            new SchoolSettingsRequest("Полное", "Краткое", null, StudentsMayWriteOtherStudents: true, ParentsMayWriteClassParents: false))
            .Read<SchoolResponse>();
        Assert.True(saved.StudentsMayWriteOtherStudents);
        Assert.False(saved.ParentsMayWriteClassParents);

        await Start(world.Cast.Student, world.Cast.OtherStudent).Expect(HttpStatusCode.Created);
        await Start(world.Cast.OtherParent, world.Cast.Parent).Expect(HttpStatusCode.NotFound);
        // "Never" stays never whatever the settings say.
        await Start(world.Cast.Parent, world.Cast.Classmate).Expect(HttpStatusCode.NotFound);
        await Start(world.Cast.Parent, world.Cast.OtherStudent).Expect(HttpStatusCode.NotFound);
        await Start(world.Cast.Student, world.Cast.OtherParent).Expect(HttpStatusCode.NotFound);
        await Start(world.Cast.Student, world.Cast.Staff).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Nobody_reaches_a_person_of_another_school()
    {
        var mine = await SchoolCast.CreateAsync(app);
        var theirs = await SchoolCast.CreateAsync(app);
        await mine.Admin.Client.PostJsonAsync(mine.School.Url("/chats/personal"), new PersonalChatRequest(theirs.Student.AccountId)).Expect(HttpStatusCode.NotFound);
        await mine.Admin.Client.GetAsync(mine.School.Url($"/profiles/{theirs.Student.AccountId}")).Expect(HttpStatusCode.NotFound);
        await mine.Admin.Client.PostJsonAsync(mine.School.Url("/chats/groups"), new GroupRequest("Смешанная", [mine.Staff.AccountId, theirs.Student.AccountId]))
            .Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_group_with_a_minor_and_a_parent_always_keeps_a_member_of_staff()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var group = await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url("/chats/groups"),
            new GroupRequest("Проект", [cast.Student.AccountId, cast.OtherParent.AccountId])).Read<ChatDetailResponse>(HttpStatusCode.Created);
        var chat = group.Chat.Id;

        var problem = await cast.ClassTeacher.Client.DeleteAsync(cast.School.Url($"/chats/{chat}/members/{cast.ClassTeacher.AccountId}"))
            .Problem((HttpStatusCode)422);
        Assert.Contains("сотрудник", problem.GetProperty("title").GetString(), StringComparison.Ordinal);

        await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/chats/{chat}/members"), new AddMembersRequest([cast.Staff.AccountId]))
            .Expect(HttpStatusCode.OK);
        await cast.ClassTeacher.Client.DeleteAsync(cast.School.Url($"/chats/{chat}/members/{cast.ClassTeacher.AccountId}")).Expect(HttpStatusCode.NoContent);
        await cast.Staff.Client.DeleteAsync(cast.School.Url($"/chats/{chat}/members/{cast.Staff.AccountId}")).Expect((HttpStatusCode)422);

        // The owner left, so the group was handed over rather than orphaned.
        var detail = await cast.Staff.Client.GetJson<ChatDetailResponse>(cast.School.Url($"/chats/{chat}"));
        Assert.Single(detail.Members, m => m.Role == ChatRole.Owner);
    }

    [Fact]
    public void The_supervision_rule_on_its_own()
    {
        static PersonFacts P(Role role) => new(Guid.NewGuid(), new HashSet<Role> { role }, new HashSet<Guid>(), new HashSet<Guid>(), new HashSet<Guid>(), new HashSet<Guid>());
        Assert.True(ContactPolicy.IsSupervised([P(Role.Student), P(Role.Student)]));
        Assert.True(ContactPolicy.IsSupervised([P(Role.Parent), P(Role.Parent)]));
        Assert.False(ContactPolicy.IsSupervised([P(Role.Student), P(Role.Parent)]));
        Assert.True(ContactPolicy.IsSupervised([P(Role.Student), P(Role.Parent), P(Role.Staff)]));
        Assert.True(ContactPolicy.IsSupervised([P(Role.Student), P(Role.Parent), P(Role.Teacher)]));
    }
}
