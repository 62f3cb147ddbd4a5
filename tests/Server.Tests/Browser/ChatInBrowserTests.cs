using Microsoft.Playwright;
using Sfera.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sfera.Tests.Browser;

/// <summary>Two people in two browsers: live delivery, read receipts, safe rendering, and the contact policy in the UI.</summary>
public sealed class ChatInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_teachers_message_appears_in_the_students_browser_and_the_read_receipt_comes_back()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var teacher = await browser.SignInAsync(cast.ClassTeacher, phone: false);
        var student = await browser.SignInAsync(cast.Student, phone: true);
        var alerts = 0;
        student.Dialog += (_, dialog) => { alerts++; _ = dialog.DismissAsync(); };

        await BrowserFixture.OpenChatAsync(student, cast.School, "Класс 5А");
        await BrowserFixture.OpenChatAsync(teacher, cast.School, "Класс 5А");
        var composer = teacher.GetByRole(AriaRole.Textbox, new() { Name = "Сообщение" });
        await composer.FillAsync("Завтра контрольная, повторите **дроби**");
        await composer.PressAsync("Enter");

        // Without reloading, the student sees it, with the formatting rendered as formatting.
        var log = student.GetByRole(AriaRole.List, new() { Name = "Сообщения" });
        var message = log.GetByRole(AriaRole.Article).Filter(new() { HasText = "Завтра контрольная" });
        await Expect(message).ToBeVisibleAsync();
        await Expect(message.Locator("strong")).ToHaveTextAsync("дроби");

        // The student has read it: the teacher's "read by" shows it without reloading.
        var mine = teacher.GetByRole(AriaRole.Article).Filter(new() { HasText = "Завтра контрольная" });
        await mine.GetByRole(AriaRole.Button, new() { Name = "Кто прочитал" }).ClickAsync();
        await Expect(mine.GetByText("Прочитали 1 из 3")).ToBeVisibleAsync();
        await Expect(mine.GetByText(cast.Student.DisplayName)).ToBeVisibleAsync();

        // Markup in a message is shown as text, never run.
        await composer.FillAsync("<img src=x onerror=alert(1)><script>alert(2)</script>");
        await composer.PressAsync("Enter");
        var hostile = log.GetByRole(AriaRole.Article).Filter(new() { HasText = "<img src=x onerror=alert(1)>" });
        await Expect(hostile).ToBeVisibleAsync();
        await Expect(hostile.Locator("img")).ToHaveCountAsync(0);
        Assert.Equal(0, alerts);
    }

    [Fact]
    public async Task A_parent_can_write_to_their_childs_teacher_but_cannot_find_someone_elses_child()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var parent = await browser.SignInAsync(cast.Parent, phone: true);
        await parent.GotoAsync($"/school/{cast.School.Id}/chats");
        await parent.GetByRole(AriaRole.Button, new() { Name = "Написать" }).ClickAsync();
        var dialog = parent.GetByRole(AriaRole.Dialog, new() { Name = "Кому написать" });
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = cast.ClassTeacher.DisplayName })).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = cast.Student.DisplayName })).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = cast.Classmate.DisplayName })).ToHaveCountAsync(0);
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = cast.OtherStudent.DisplayName })).ToHaveCountAsync(0);

        await dialog.GetByRole(AriaRole.Button, new() { Name = cast.ClassTeacher.DisplayName }).ClickAsync();
        var composer = parent.GetByRole(AriaRole.Textbox, new() { Name = "Сообщение" });
        await composer.FillAsync("Здравствуйте! Ваня заболел.");
        await composer.PressAsync("Enter");

        var teacher = await browser.SignInAsync(cast.ClassTeacher, phone: false);
        await BrowserFixture.OpenChatAsync(teacher, cast.School, cast.Parent.DisplayName);
        await Expect(teacher.GetByRole(AriaRole.Article).Filter(new() { HasText = "Ваня заболел" })).ToBeVisibleAsync();
        // The parent's browser is still open on the chat: the teacher sees them online.
        await Expect(teacher.GetByText("в сети", new() { Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_reaction_a_mute_and_a_search_work_between_two_browsers()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var teacher = await browser.SignInAsync(cast.ClassTeacher, phone: false);
        var student = await browser.SignInAsync(cast.Student, phone: true);
        await BrowserFixture.OpenChatAsync(teacher, cast.School, "Класс 5А");
        await BrowserFixture.OpenChatAsync(student, cast.School, "Класс 5А");
        var composer = teacher.GetByRole(AriaRole.Textbox, new() { Name = "Сообщение" });
        await composer.FillAsync("Экскурсия в музей в пятницу");
        await composer.PressAsync("Enter");

        // The student reacts; the teacher sees the count.
        var message = student.GetByRole(AriaRole.Article).Filter(new() { HasText = "Экскурсия в музей" });
        await message.GetByRole(AriaRole.Button, new() { Name = "Действия с сообщением" }).ClickAsync();
        await student.GetByRole(AriaRole.Group, new() { Name = "Поставить реакцию" }).GetByRole(AriaRole.Button, new() { Name = "👍" }).ClickAsync();
        var mine = teacher.GetByRole(AriaRole.Article).Filter(new() { HasText = "Экскурсия в музей" });
        await Expect(mine.GetByRole(AriaRole.List, new() { Name = "Реакции" }).GetByRole(AriaRole.Button, new() { Name = "👍 1" })).ToBeVisibleAsync();

        // The teacher mutes the student for 15 minutes; the student's next message is refused with the reason.
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Участники" }).ClickAsync();
        var panel = teacher.GetByRole(AriaRole.Complementary, new() { Name = "Участники чата" });
        await panel.GetByRole(AriaRole.Button, new() { Name = $"Модерация: {cast.Student.DisplayName}" }).ClickAsync();
        await panel.GetByRole(AriaRole.Group, new() { Name = $"Модерация: {cast.Student.DisplayName}" }).GetByRole(AriaRole.Button, new() { Name = "15 минут" }).ClickAsync();
        await Expect(panel.GetByText("Не может писать до")).ToBeVisibleAsync();
        var box = student.GetByRole(AriaRole.Textbox, new() { Name = "Сообщение" });
        await box.FillAsync("А можно вопрос?");
        await box.PressAsync("Enter");
        await Expect(student.GetByText("Модератор временно запретил вам писать в этот чат.").First).ToBeVisibleAsync();

        // Search finds the teacher's message and opens the chat at it.
        await student.GotoAsync($"/school/{cast.School.Id}/chats");
        await student.GetByRole(AriaRole.Searchbox, new() { Name = "Поиск по сообщениям" }).FillAsync("музей");
        await student.GetByRole(AriaRole.Button, new() { Name = "Найти" }).ClickAsync();
        var results = student.GetByRole(AriaRole.Region, new() { Name = "Результаты поиска" });
        await Expect(results.GetByRole(AriaRole.Status)).ToHaveTextAsync("Найдено: 1");
        await results.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(student.GetByRole(AriaRole.Article).Filter(new() { HasText = "Экскурсия в музей" })).ToBeVisibleAsync();
    }
}
