using System.Net;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Messages;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

public sealed class SearchTests
{
    private readonly SferaApp app = SferaApp.Shared;

    [Fact]
    public async Task Search_finds_forms_of_a_word_only_in_the_callers_chats()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chats = await cast.ClassTeacher.Client.GetJson<List<ChatSummaryResponse>>(cast.School.Url("/chats"));
        var classChat = chats.Single(c => c.Kind == ChatKind.Class && c.Title == "5А");
        var staffRoom = chats.Single(c => c.Kind == ChatKind.Staff);
        async Task<MessageResponse> Say(Guid chat, string text) =>
            await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/chats/{chat}/messages"), new SendMessageRequest(Guid.NewGuid().ToString(), text))
                .Read<MessageResponse>(HttpStatusCode.Created);
        await Say(classChat.Id, "Завтра три урока");
        await Say(classChat.Id, "Уроки физкультуры отменены");
        var gone = await Say(classChat.Id, "Урок рисования удалён");
        await Say(classChat.Id, "Встреча с родителями в четверг");
        await Say(staffRoom.Id, "Расписание уроков на четверть");
        await cast.ClassTeacher.Client.DeleteAsync(cast.School.Url($"/chats/{classChat.Id}/messages/{gone.Id}")).Expect(HttpStatusCode.NoContent);

        foreach (var word in new[] { "урок", "уроки", "УРОКОВ" })
        {
            var found = await cast.Student.Client.GetJson<List<MessageResponse>>(cast.School.Url($"/search?q={Uri.EscapeDataString(word)}"));
            Assert.Equal(["Уроки физкультуры отменены", "Завтра три урока"], found.Select(m => m.Text));
        }
        var teacher = await cast.ClassTeacher.Client.GetJson<List<MessageResponse>>(cast.School.Url("/search?q=урок"));
        Assert.Equal(3, teacher.Count);
        var inOneChat = await cast.ClassTeacher.Client.GetJson<List<MessageResponse>>(cast.School.Url($"/search?q=урок&chatId={staffRoom.Id}"));
        Assert.Equal("Расписание уроков на четверть", Assert.Single(inOneChat).Text);

        // Search syntax from the user is just text, and another school sees nothing.
        var odd = await cast.Student.Client.GetJson<List<MessageResponse>>(cast.School.Url($"/search?q={Uri.EscapeDataString("урок\" OR NEAR(* ^")}"));
        Assert.All(odd, m => Assert.Contains("рок", m.Text, StringComparison.OrdinalIgnoreCase));
        var other = await SchoolCast.CreateAsync(app);
        await other.Admin.Client.GetAsync(cast.School.Url("/search?q=урок")).Expect(HttpStatusCode.NotFound);
        Assert.Empty(await other.ClassTeacher.Client.GetJson<List<MessageResponse>>(other.School.Url("/search?q=урок")));
        await cast.Student.Client.GetAsync(cast.School.Url("/search?q=")).Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Search_gives_the_newest_page_and_follows_edits_and_deletions()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var classChat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        var staffRoom = (await cast.ClassTeacher.Client.GetJson<List<ChatSummaryResponse>>(cast.School.Url("/chats"))).Single(c => c.Kind == ChatKind.Staff);
        async Task<MessageResponse> Say(Guid chat, string text)
        {
            app.Clock.Advance(TimeSpan.FromMilliseconds(1)); // each message its own moment, as on a real clock
            return await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/chats/{chat}/messages"), new SendMessageRequest(Guid.NewGuid().ToString(), text))
                .Read<MessageResponse>(HttpStatusCode.Created);
        }
        Task<List<MessageResponse>> Find(Person who, string query) =>
            who.Client.GetJson<List<MessageResponse>>(cast.School.Url($"/search?{query}"));

        // More matches than a page, in two chats at once: the newest fifty of the caller's chats, newest first.
        for (var i = 1; i <= 30; i++)
        {
            await Say(classChat.Id, $"Экскурсия в музей, группа {i}");
            await Say(staffRoom.Id, $"Экскурсия: список учителей {i}");
        }
        var page = await Find(cast.ClassTeacher, "q=экскурсия");
        Assert.Equal(50, page.Count);
        Assert.Equal("Экскурсия: список учителей 30", page[0].Text);
        Assert.Equal("Экскурсия в музей, группа 6", page[^1].Text);
        Assert.Equal(page.OrderByDescending(m => m.CreatedAt).Select(m => m.Id), page.Select(m => m.Id));
        // The student is not in the staff room: their page is the class chat's thirty, and a limit is kept.
        Assert.Equal(Enumerable.Range(1, 30).Reverse().Select(i => $"Экскурсия в музей, группа {i}"), (await Find(cast.Student, "q=экскурсии")).Select(m => m.Text));
        Assert.Equal(["Экскурсия в музей, группа 30", "Экскурсия в музей, группа 29"], (await Find(cast.Student, "q=музей&limit=2")).Select(m => m.Text));

        // An edit is found by its new words and no longer by its old; a deleted message is not found.
        var note = await Say(classChat.Id, "Принесите краски");
        await cast.ClassTeacher.Client.PatchJsonAsync(cast.School.Url($"/chats/{classChat.Id}/messages/{note.Id}"), new EditMessageRequest("Принесите карандаши"))
            .Expect(HttpStatusCode.OK);
        Assert.Empty(await Find(cast.Student, "q=краски"));
        Assert.Equal(note.Id, Assert.Single(await Find(cast.Student, "q=карандаши")).Id);
        await cast.ClassTeacher.Client.DeleteAsync(cast.School.Url($"/chats/{classChat.Id}/messages/{note.Id}")).Expect(HttpStatusCode.NoContent);
        Assert.Empty(await Find(cast.Student, "q=карандаши"));

        // The index knows each message's chat, but a search for a chat's id finds nothing: only words are searched.
        foreach (var id in new[] { classChat.Id.ToString("N"), classChat.Id.ToString("N")[..8], classChat.Id.ToString() })
            Assert.Empty(await Find(cast.ClassTeacher, $"q={id}"));
    }

    // PostgreSQL walks each chat's newest messages up to a budget and falls back to its index when the walk cannot
    // prove it has the newest page. A budget of a few rows a chat makes both ways happen here; the answers must be the
    // same as the index's alone. (SQLite has one way; the same answers are asked of it.)
    [Fact]
    public async Task Search_answers_the_same_whether_a_word_is_common_or_rare_in_long_chats()
    {
        await using var small = new SferaApp(new() { ["Sfera:SearchWalkRows"] = "40" });
        var cast = await SchoolCast.CreateAsync(small);
        var classChat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        var staffRoom = (await cast.ClassTeacher.Client.GetJson<List<ChatSummaryResponse>>(cast.School.Url("/chats"))).Single(c => c.Kind == ChatKind.Staff);
        async Task Say(Guid chat, string text)
        {
            small.Clock.Advance(TimeSpan.FromMilliseconds(1));
            await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/chats/{chat}/messages"), new SendMessageRequest(Guid.NewGuid().ToString(), text))
                .Expect(HttpStatusCode.Created);
        }
        async Task<List<string>> Find(string query) =>
            (await cast.ClassTeacher.Client.GetJson<List<MessageResponse>>(cast.School.Url($"/search?{query}"))).Select(m => m.Text).ToList();

        await Say(classChat.Id, "Контрольная работа в пятницу");
        await Say(classChat.Id, "Новое расписание на четверть");
        for (var i = 1; i <= 30; i++) await Say(classChat.Id, $"Домашнее задание {i}");
        await Say(classChat.Id, "Контрольную перенесли на понедельник");
        for (var i = 1; i <= 20; i++) await Say(staffRoom.Id, $"Расписание дежурств {i}");

        // Common in the newest messages: the page is theirs.
        Assert.Equal(Enumerable.Range(26, 5).Reverse().Select(i => $"Домашнее задание {i}"), await Find("q=задание&limit=5"));
        // Rare: one near the top, one at the very start of a long chat.
        Assert.Equal(["Контрольную перенесли на понедельник", "Контрольная работа в пятницу"], await Find("q=контрольная"));
        // Common in one chat's newest messages and rare, far back, in another's: all of them, newest first.
        Assert.Equal(Enumerable.Range(1, 20).Reverse().Select(i => $"Расписание дежурств {i}").Append("Новое расписание на четверть"),
            await Find("q=расписание&limit=25"));
        // A page that ends inside one chat's walk, and one that needs what the walks left.
        Assert.Equal(Enumerable.Range(11, 10).Reverse().Select(i => $"Расписание дежурств {i}"), await Find("q=расписание&limit=10"));
        Assert.Equal(Enumerable.Range(1, 30).Reverse().Select(i => $"Домашнее задание {i}"), await Find($"q=задание&chatId={classChat.Id}&limit=40"));
    }
}
