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
    [Fact]
    public async Task A_photo_attached_in_one_browser_appears_in_the_other_and_opens_in_the_viewer()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var teacher = await browser.SignInAsync(cast.ClassTeacher, phone: false);
        var student = await browser.SignInAsync(cast.Student, phone: true);
        await BrowserFixture.OpenChatAsync(student, cast.School, "Класс 5А");
        await BrowserFixture.OpenChatAsync(teacher, cast.School, "Класс 5А");

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
        var teacher = await browser.SignInAsync(cast.ClassTeacher, phone: false);
        var parent = await browser.SignInAsync(cast.Parent, phone: true);
        await BrowserFixture.OpenChatAsync(teacher, cast.School, "Родители 5А");
        await BrowserFixture.OpenChatAsync(parent, cast.School, "Родители 5А");

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

    [Fact]
    public async Task A_worksheet_and_a_voice_note_reach_the_class_and_play_or_download_there()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var teacher = await browser.SignInAsync(cast.ClassTeacher, phone: false);
        var student = await browser.SignInAsync(cast.Student, phone: true);
        await BrowserFixture.OpenChatAsync(teacher, cast.School, "Класс 5А");
        await BrowserFixture.OpenChatAsync(student, cast.School, "Класс 5А");

        // A worksheet, without any text.
        var worksheet = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% worksheet\n" + new string('x', 3000) + "\n%%EOF\n");
        await teacher.GetByLabel("Прикрепить файл").SetInputFilesAsync(new FilePayload { Name = "Рабочий лист.pdf", MimeType = "application/pdf", Buffer = worksheet });
        await Expect(teacher.GetByRole(AriaRole.Button, new() { Name = "Убрать вложение: Рабочий лист.pdf" })).ToBeVisibleAsync();
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Отправить" }).ClickAsync();
        var link = student.GetByRole(AriaRole.Link, new() { Name = "Рабочий лист.pdf, 3 КБ" });
        await Expect(link).ToBeVisibleAsync();
        var download = await student.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("Рабочий лист.pdf", download.SuggestedFilename);
        Assert.Equal(worksheet, await File.ReadAllBytesAsync(await download.PathAsync()));

        // A voice note from the (fake) microphone.
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Записать голосовое" }).ClickAsync();
        var recorder = teacher.GetByRole(AriaRole.Group, new() { Name = "Записать голосовое" });
        await Expect(recorder.GetByRole(AriaRole.Timer)).ToHaveTextAsync("00:02", new() { Timeout = 15_000 });
        await recorder.GetByRole(AriaRole.Button, new() { Name = "Остановить и отправить" }).ClickAsync();

        var play = student.GetByRole(AriaRole.Button, new() { Name = "Воспроизвести голосовое сообщение" });
        await Expect(play).ToBeVisibleAsync();
        var chat = await cast.ChatAsync(cast.Student, Sfera.Data.ChatKind.Class, "5А");
        var voice = (await cast.Student.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chat.Id}/messages")))
            .Items.SelectMany(m => m.Attachments).Single(a => a.Kind == Sfera.Data.FileKind.Voice);
        Assert.Equal("audio/webm", voice.ContentType);
        Assert.InRange(voice.DurationMs!.Value, 2000, 20_000); // at least what the timer showed; a loaded machine stops late
        Assert.Equal(64, voice.Waveform!.Count);
        await play.ClickAsync();
        await Expect(student.GetByRole(AriaRole.Button, new() { Name = "Пауза" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Files_dropped_on_the_conversation_or_pasted_into_the_message_are_attached()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var teacher = await browser.SignInAsync(cast.ClassTeacher, phone: false);
        await BrowserFixture.OpenChatAsync(teacher, cast.School, "Класс 5А");

        var textbox = teacher.GetByRole(AriaRole.Textbox, new() { Name = "Сообщение" });
        await textbox.EvaluateAsync(@"area => {
            const clipboard = new DataTransfer();
            clipboard.items.add(new File(['скопированный текст'], 'буфер.txt', { type: 'text/plain' }));
            area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }));
        }");
        await Expect(teacher.GetByRole(AriaRole.Button, new() { Name = "Убрать вложение: буфер.txt" })).ToBeVisibleAsync();

        // Dropped onto the history, as a mouse would.
        var history = teacher.GetByRole(AriaRole.Region, new() { Name = "История сообщений" });
        await history.EvaluateAsync(@"region => {
            const files = new DataTransfer();
            files.items.add(new File(['перетащили'], 'план урока.txt', { type: 'text/plain' }));
            for (const type of ['dragenter', 'dragover', 'drop'])
                region.dispatchEvent(new DragEvent(type, { dataTransfer: files, bubbles: true, cancelable: true }));
        }");
        await Expect(teacher.GetByRole(AriaRole.Button, new() { Name = "Убрать вложение: план урока.txt" })).ToBeVisibleAsync();

        // One removed again before sending: the server forgets it; the other goes out.
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Убрать вложение: буфер.txt" }).ClickAsync();
        await textbox.FillAsync("План на завтра");
        await textbox.PressAsync("Enter");
        var message = teacher.GetByRole(AriaRole.Article).Filter(new() { HasText = "План на завтра" });
        await Expect(message.GetByRole(AriaRole.Link, new() { Name = "план урока.txt, 20 Б" })).ToBeVisibleAsync();
        await Expect(message.GetByRole(AriaRole.Link, new() { Name = "буфер.txt" })).ToHaveCountAsync(0);
        // The removed upload is deleted on the server by a request of its own, which may still be on its way.
        var expected = System.Text.Encoding.UTF8.GetByteCount("перетащили");
        long used = -1;
        for (var i = 0; i < 50 && used != expected; i++)
        {
            if (i > 0) await Task.Delay(200);
            used = (await cast.ClassTeacher.Client.GetJson<Sfera.Files.StorageResponse>(cast.School.Url("/files/storage"))).UsedBytes;
        }
        Assert.Equal(expected, used);
    }
}
