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
}
