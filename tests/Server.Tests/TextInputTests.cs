using System.Net;
using System.Text;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Invites;
using Sfera.Messages;
using Sfera.People;
using Sfera.Polls;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>Text people type: control characters, invisible characters in names, lengths counted in characters.</summary>
public sealed class TextInputTests
{
    private readonly SferaApp app = SferaApp.Shared;

    private static async Task<(TestSchool School, Guid ChatId)> StaffRoomAsync(SferaApp app)
    {
        var school = await Cast.CreateSchoolAsync(app);
        var chats = await school.Admin.Client.GetJson<List<ChatSummaryResponse>>(school.Url("/chats"));
        return (school, chats.Single(c => c.Kind == ChatKind.Staff).Id);
    }

    private static Task<HttpResponseMessage> Say(TestSchool school, Guid chatId, string text, PollRequest? poll = null) =>
        school.Admin.Client.PostJsonAsync(school.Url($"/chats/{chatId}/messages"), new SendMessageRequest(Guid.NewGuid().ToString(), text, Poll: poll));

    [Fact]
    public async Task A_search_for_a_control_character_is_refused_naming_q()
    {
        var school = await Cast.CreateSchoolAsync(app);
        foreach (var q in new[] { "%00", "%D1%83%D1%80%D0%BE%D0%BA%07" })
        {
            var problem = await school.Admin.Client.GetAsync(school.Url($"/search?q={q}")).Problem(HttpStatusCode.BadRequest);
            Assert.Equal(["q"], problem.Fields());
        }
        await school.Admin.Client.GetAsync(school.Url("/search?q=%D1%83%D1%80%D0%BE%D0%BA")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Message_text_may_hold_newlines_and_tabs_but_no_other_control_characters()
    {
        var (school, chat) = await StaffRoomAsync(app);
        foreach (var text in new[] { "до\u0000после", "звонок\u0007", "\u001b[31mкрасный" })
        {
            var problem = await Say(school, chat, text).Problem(HttpStatusCode.BadRequest);
            Assert.Equal(["text"], problem.Fields());
        }
        var poll = await Say(school, chat, "Когда?", new PollRequest(["Во вторник", "В среду\u0000"])).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["poll.options"], poll.Fields());

        var sent = await Say(school, chat, "Список:\n\t1. тетрадь\r\n\t2. ручка").Read<MessageResponse>(HttpStatusCode.Created);
        Assert.Equal("Список:\n\t1. тетрадь\r\n\t2. ручка", sent.Text);
        var edit = await school.Admin.Client.PatchJsonAsync(school.Url($"/chats/{chat}/messages/{sent.Id}"), new EditMessageRequest("без\u0000нуля"))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["text"], edit.Fields());
    }

    [Fact]
    public async Task School_settings_refuse_control_characters_naming_the_field()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var name = await school.Admin.Client.PutJsonAsync(school.Url("/settings"), new Sfera.Schools.SchoolSettingsRequest("Полное\u0000имя", "Короткое", null))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["fullName"], name.Fields());
        var journal = await school.Admin.Client.PutJsonAsync(school.Url("/settings"),
            new Sfera.Schools.SchoolSettingsRequest("Полное имя", "Короткое", "https://journal.example.org/a\u0000b")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["journalUrl"], journal.Fields());
    }

    [Fact]
    public async Task The_message_limit_counts_characters_so_4096_emoji_fit()
    {
        var (school, chat) = await StaffRoomAsync(app);
        var fits = string.Concat(Enumerable.Repeat("😀", 4096));
        var sent = await Say(school, chat, fits).Read<MessageResponse>(HttpStatusCode.Created);
        Assert.Equal(fits, sent.Text);
        var problem = await Say(school, chat, fits + "😀").Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["text"], problem.Fields());
    }

    [Fact]
    public async Task Display_names_are_tidied_and_refused_with_control_invisible_or_direction_characters()
    {
        var school = await Cast.CreateSchoolAsync(app);
        foreach (var bad in new[]
                 {
                     "Иван\u0000Петров", "Иван\tПетров", "Иван \u202EвортеП", "Мария\u200BИванова", "\u2066Анна\u2069",
                     "\u200B\u200B\u200B", "\u3164", "\u2800\u2800", "12345", "🙂",
                 })
        {
            var problem = await school.Admin.Client.PostJsonAsync(school.Url("/people"), new AddPersonRequest(bad, Role.Teacher, null, null, null))
                .Problem(HttpStatusCode.BadRequest);
            Assert.Equal(["displayName"], problem.Fields());
        }

        // NFC, trimmed, one space between words: "й" typed as и + combining breve is the same letter.
        var added = await school.Admin.Client.PostJsonAsync(school.Url("/people"),
                new AddPersonRequest("  Андреи\u0306 \u00A0  Петров ", Role.Teacher, null, null, null))
            .Read<AddPersonResponse>(HttpStatusCode.Created);
        Assert.Equal("Андрей Петров", added.Person!.DisplayName);
    }

    [Fact]
    public async Task Every_other_way_in_refuses_such_names_too()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var invite = await school.Admin.Client.PostJsonAsync(school.Url("/invites"), new InviteRequest(Role.Teacher, null, null, null))
            .Read<InviteResponse>(HttpStatusCode.Created);
        var join = await app.Anonymous().PostJsonAsync($"/api/v1/invites/{invite.Url.Split("/join/")[1]}/join",
            new JoinRequest("\u202EИван", Cast.Unique("rtl"), null, null, Cast.Password)).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["displayName"], join.Fields());

        var application = Cast.Application(Cast.Unique("Школа №")) with { AdminName = "Анна\u200B" };
        var applied = await app.Anonymous().PostJsonAsync("/api/v1/school-applications", application).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["adminName"], applied.Fields());

        var csv = "role,class,name,phone,email,children\nteacher,,Мария\u200FПетрова,,,\nstudent,5А\u0000,Иван Сидоров,,,\n";
        var roster = await school.Admin.Client.PostAsync(school.Url("/roster-import"), new StringContent(csv, Encoding.UTF8, "text/csv"))
            .Problem(HttpStatusCode.BadRequest);
        var rows = roster.GetProperty("rowErrors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString()));
        Assert.Equal([(2, "name"), (3, "class")], rows.Order());
    }
}
