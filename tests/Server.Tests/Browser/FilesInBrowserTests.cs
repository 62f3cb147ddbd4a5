using System.Net;
using Microsoft.Playwright;
using Sfera.Messages;
using Sfera.Polls;
using Sfera.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sfera.Tests.Browser;

/// <summary>Pictures and polls between two browsers: one attaches or votes, the other sees it without reloading.</summary>
public sealed class FilesInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> SignInAsync(Person person, bool phone)
    {
        var page = await browser.NewPageAsync(phone);
        await page.GotoAsync("/signin");
        await page.GetByLabel("Логин").FillAsync(person.Login);
        await page.GetByLabel("Пароль").FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Здравствуйте" })).ToBeVisibleAsync();
        return page;
    }

    private static async Task OpenChatAsync(IPage page, TestSchool school, string title)
    {
        await page.GotoAsync($"/school/{school.Id}/chats");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Список чатов" }).GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Сообщение" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_photo_attached_in_one_browser_appears_in_the_other_and_opens_in_the_viewer()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var teacher = await SignInAsync(cast.ClassTeacher, phone: false);
        var student = await SignInAsync(cast.Student, phone: true);
        await OpenChatAsync(student, cast.School, "Класс 5А");
        await OpenChatAsync(teacher, cast.School, "Класс 5А");

        await teacher.GetByLabel("Прикрепить файл").SetInputFilesAsync(new FilePayload
        {
            Name = "экскурсия.jpg", MimeType = "image/jpeg", Buffer = FileTests.PhotoWithGps(1200, 900),
        });
        await Expect(teacher.GetByRole(AriaRole.Button, new() { Name = "Убрать вложение: экскурсия.jpg" })).ToBeVisibleAsync();
        var composer = teacher.GetByRole(AriaRole.Textbox, new() { Name = "Сообщение" });
        await composer.FillAsync("Фото с экскурсии");
        await composer.PressAsync("Enter");
        await Expect(teacher.GetByRole(AriaRole.List, new() { Name = "Вложения" })).ToHaveCountAsync(0);

        var message = student.GetByRole(AriaRole.List, new() { Name = "Сообщения" }).GetByRole(AriaRole.Article).Filter(new() { HasText = "Фото с экскурсии" });
        var open = message.GetByRole(AriaRole.Button, new() { Name = "Открыть изображение: экскурсия.jpg" });
        await Expect(open).ToBeVisibleAsync();
        var thumbnail = open.Locator("img");
        await Expect(thumbnail).ToHaveAttributeAsync("alt", "экскурсия.jpg");
        await thumbnail.ScrollIntoViewIfNeededAsync();
        await student.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await thumbnail.ElementHandleAsync());
        Assert.Equal(480, await thumbnail.EvaluateAsync<int>("img => img.naturalWidth")); // the server's thumbnail, not the photo

        await open.ClickAsync();
        var viewer = student.GetByRole(AriaRole.Dialog, new() { Name = "Просмотр изображения" });
        await Expect(viewer).ToBeVisibleAsync();
        var full = viewer.Locator("img");
        await student.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await full.ElementHandleAsync());
        Assert.Equal(1200, await full.EvaluateAsync<int>("img => img.naturalWidth"));
        await Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Скачать" })).ToBeVisibleAsync();
        await student.Keyboard.PressAsync("Escape");
        await Expect(viewer).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_vote_in_one_browser_moves_the_results_in_the_other()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var teacher = await SignInAsync(cast.ClassTeacher, phone: false);
        var parent = await SignInAsync(cast.Parent, phone: true);
        await OpenChatAsync(teacher, cast.School, "Родители 5А");
        await OpenChatAsync(parent, cast.School, "Родители 5А");

        // The teacher publishes a poll through the dialog.
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Создать опрос" }).ClickAsync();
        var dialog = teacher.GetByRole(AriaRole.Dialog, new() { Name = "Новый опрос" });
        await dialog.GetByLabel("Вопрос").FillAsync("Когда удобно собрание?");
        await dialog.GetByLabel("Вариант 1", new() { Exact = true }).FillAsync("Вторник");
        await dialog.GetByLabel("Вариант 2", new() { Exact = true }).FillAsync("Четверг");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Опубликовать опрос" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var teacherCard = teacher.GetByRole(AriaRole.Group, new() { Name = "Опрос: Когда удобно собрание?" });
        await Expect(teacherCard.GetByText("Проголосовали: 0")).ToBeVisibleAsync();

        // The parent sees it arrive and votes.
        var parentCard = parent.GetByRole(AriaRole.Group, new() { Name = "Опрос: Когда удобно собрание?" });
        await parentCard.GetByRole(AriaRole.Radio, new() { Name = "Вторник" }).CheckAsync();
        await parentCard.GetByRole(AriaRole.Button, new() { Name = "Голосовать" }).ClickAsync();
        await Expect(parentCard.GetByText("✓ Ваш выбор")).ToBeVisibleAsync();

        // The teacher's card moves without a reload.
        await Expect(teacherCard.GetByText("Проголосовали: 1")).ToBeVisibleAsync();
        await Expect(teacherCard.GetByRole(AriaRole.Meter, new() { Name = "Вторник" })).ToHaveAttributeAsync("aria-valuetext", "100%, 1 голос");

        // Another parent votes (through the API): the first parent's results move too.
        var poll = (await cast.OtherParent.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{(await cast.ChatAsync(cast.OtherParent, Sfera.Data.ChatKind.Parents, "5А")).Id}/messages")))
            .Items.Single(m => m.Poll is not null);
        await cast.OtherParent.Client.PutJsonAsync(cast.School.Url($"/chats/{poll.ChatId}/messages/{poll.Id}/poll/vote"), new VoteRequest([poll.Poll!.Options[1].Id]))
            .Expect(HttpStatusCode.OK);
        await Expect(parentCard.GetByText("Проголосовали: 2")).ToBeVisibleAsync();
        await Expect(parentCard.GetByRole(AriaRole.Meter, new() { Name = "Четверг" })).ToHaveAttributeAsync("aria-valuetext", "50%, 1 голос");
        await Expect(teacherCard.GetByRole(AriaRole.Meter, new() { Name = "Вторник" })).ToHaveAttributeAsync("aria-valuetext", "50%, 1 голос");
    }
}
