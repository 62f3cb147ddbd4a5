using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sfera.Data;
using Sfera.Messages;
using Sfera.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sfera.Tests.Browser;

/// <summary>The chat screen on a phone and a computer: it fits the window, and it behaves as people know from other messengers.</summary>
public sealed class ChatScreenInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static Task<MessageResponse> SendAsync(SchoolCast cast, Person who, Guid chatId, string text, Guid? replyTo = null) =>
        who.Client.PostJsonAsync(cast.School.Url($"/chats/{chatId}/messages"), new SendMessageRequest(Guid.NewGuid().ToString(), text, replyTo))
            .Read<MessageResponse>(HttpStatusCode.Created);

    private static Task<bool> DocumentScrollsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.scrollingElement.scrollHeight > window.innerHeight");

    [Fact]
    public async Task Once_the_chat_list_is_up_a_chat_opens_without_waiting_for_more_of_the_apps_code()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        await SendAsync(cast, cast.ClassTeacher, chat.Id, "Завтра экскурсия");

        // A person with one school lands on the chat list; while they read it, the conversation's code comes.
        var page = await browser.SignInAsync(cast.Student, phone: true);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Список чатов" })).ToBeVisibleAsync();
        await BrowserFixture.WaitUntilAsync(page, "() => performance.getEntriesByType('resource').some(e => /Conversation-[^/]*\\.js$/.test(e.name))",
            null, "the conversation's code fetched while the list is shown");

        // Then the network goes: the chat opens all the same, from what was fetched ahead.
        await page.RouteAsync("**/*Conversation-*.js", route => route.AbortAsync());
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Список чатов" }).GetByRole(AriaRole.Link)
            .Filter(new() { Has = page.GetByText("Класс 5А", new() { Exact = true }) }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Сообщение" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Article).Filter(new() { HasText = "Завтра экскурсия" })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task The_chat_screen_fits_the_window_however_many_replies_the_history_holds(int width, int height)
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        Guid? previous = null;
        for (var i = 1; i <= 60; i++)
        {
            var who = i % 2 == 0 ? cast.Student : cast.ClassTeacher;
            previous = (await SendAsync(cast, who, chat.Id, $"Сообщение номер {i}: про домашнее задание", previous)).Id;
        }

        var page = await browser.SignInAsync(cast.ClassTeacher, phone: width < 600);
        await page.SetViewportSizeAsync(width, height);
        await BrowserFixture.OpenChatAsync(page, cast.School, "Класс 5А");
        var log = page.GetByRole(AriaRole.Region, new() { Name = "История сообщений" });
        await Expect(page.GetByRole(AriaRole.Article).Filter(new() { HasText = "Сообщение номер 60:" })).ToBeVisibleAsync();
        Assert.False(await DocumentScrollsAsync(page), "the document scrolls at the newest message");
        // The head's buttons leave the chat's name whole, on a phone too.
        Assert.True(await page.EvaluateAsync<bool>("() => { const h = document.querySelector('.conversation-title h2'); return h.scrollWidth <= h.clientWidth }"),
            "the chat's name is cut short in the head");

        // Back through the history to its beginning (two pages): every reply rendered on the way stays inside the log.
        await page.WaitForFunctionAsync(@"log => {
            log.scrollTop = 0
            window.documentScrolled ||= document.scrollingElement.scrollHeight > innerHeight
            return log.textContent.includes('Начало переписки')
        }", await log.ElementHandleAsync(), new() { PollingInterval = 100 });
        Assert.False(await page.EvaluateAsync<bool>("() => window.documentScrolled"), "the document scrolls while reading back");
        await Expect(page.GetByRole(AriaRole.Article).Filter(new() { HasText = "Сообщение номер 1:" }).First).ToBeVisibleAsync();
        Assert.False(await DocumentScrollsAsync(page), "the document scrolls at the oldest message");

        // Replying shows the quote above the composer; the screen still fits.
        var first = page.GetByRole(AriaRole.Article).Filter(new() { HasText = "Сообщение номер 2:" }).First;
        await first.GetByRole(AriaRole.Button, new() { Name = "Действия с сообщением" }).ClickAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Ответить" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Отменить ответ" })).ToBeVisibleAsync();
        Assert.False(await DocumentScrollsAsync(page), "the document scrolls while replying");
    }

    [Fact]
    public async Task A_chat_list_link_is_named_by_all_it_shows_the_tab_counts_unread_and_a_personal_chat_offers_no_poll()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var classChat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        await SendAsync(cast, cast.ClassTeacher, classChat.Id, "Завтра экскурсия");
        await cast.Student.Client.PostJsonAsync(cast.School.Url("/chats/personal"), new Sfera.Chats.PersonalChatRequest(cast.ClassTeacher.AccountId));

        var page = await browser.SignInAsync(cast.Student, phone: false);
        await page.GotoAsync($"/school/{cast.School.Id}/chats");
        var list = page.GetByRole(AriaRole.Navigation, new() { Name = "Список чатов" });
        var link = list.GetByRole(AriaRole.Link).Filter(new() { Has = page.GetByText("Класс 5А", new() { Exact = true }) });
        // Its name holds what it shows, in order (axe: label-content-name-mismatch), so "click Класс 5А" and a screen
        // reader's list of links both work.
        await Expect(link).ToHaveAccessibleNameAsync(new Regex("^Класс 5А.*Мария Ивановна Петрова: Завтра экскурсия.*1 непрочитанн"));

        // The tab says how many messages wait, and stops saying it once they are read.
        await Expect(page).ToHaveTitleAsync("(1) Чаты · Сфера");

        // A poll is for a group: the class chat offers one, a personal chat does not.
        await link.ClickAsync();
        await Expect(page).ToHaveTitleAsync("Класс 5А · Сфера");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Создать опрос" })).ToBeVisibleAsync();
        await BrowserFixture.OpenChatAsync(page, cast.School, cast.ClassTeacher.DisplayName);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = cast.ClassTeacher.DisplayName })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Создать опрос" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task My_messages_show_sent_then_read_and_a_failed_one_is_retried_with_the_same_client_id()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var personal = await cast.Parent.Client.PostJsonAsync(cast.School.Url("/chats/personal"), new Sfera.Chats.PersonalChatRequest(cast.ClassTeacher.AccountId))
            .Read<Sfera.Chats.ChatDetailResponse>(HttpStatusCode.Created);
        var parent = await browser.SignInAsync(cast.Parent, phone: true);
        await BrowserFixture.OpenChatAsync(parent, cast.School, cast.ClassTeacher.DisplayName);
        var composer = parent.GetByRole(AriaRole.Textbox, new() { Name = "Сообщение" });
        await composer.FillAsync("Здравствуйте! Ваня заболел.");
        await composer.PressAsync("Enter");
        var mine = parent.GetByRole(AriaRole.Article).Filter(new() { HasText = "Ваня заболел" });
        await Expect(mine.GetByRole(AriaRole.Img, new() { Name = "Отправлено", Exact = true })).ToBeVisibleAsync();

        // The teacher reads it: without a reload the parent's ticks turn to "read".
        var teacher = await browser.SignInAsync(cast.ClassTeacher, phone: false);
        await BrowserFixture.OpenChatAsync(teacher, cast.School, cast.Parent.DisplayName);
        await Expect(mine.GetByRole(AriaRole.Img, new() { Name = "Прочитано" })).ToBeVisibleAsync();

        // The connection drops while sending: the message says so and offers to send it again.
        string? lostClientId = null;
        await parent.RouteAsync("**/messages", async route =>
        {
            if (route.Request.Method != "POST") { await route.ContinueAsync(); return; }
            lostClientId = System.Text.Json.JsonDocument.Parse(route.Request.PostData!).RootElement.GetProperty("clientId").GetString();
            await route.AbortAsync();
        });
        await composer.FillAsync("Справку принесём в понедельник");
        await composer.PressAsync("Enter");
        var failed = parent.GetByRole(AriaRole.Article).Filter(new() { HasText = "Справку принесём" });
        await Expect(failed.GetByRole(AriaRole.Img, new() { Name = "Не отправлено" })).ToBeVisibleAsync();
        await parent.UnrouteAllAsync();
        await failed.GetByRole(AriaRole.Button, new() { Name = "Повторить" }).ClickAsync();
        await Expect(failed.GetByRole(AriaRole.Img, new() { Name = "Отправлено", Exact = true })).ToBeVisibleAsync();
        await Expect(failed.GetByRole(AriaRole.Button, new() { Name = "Повторить" })).ToHaveCountAsync(0);

        var stored = (await cast.Parent.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{personal.Chat.Id}/messages")))
            .Items.Where(m => m.Text.StartsWith("Справку", StringComparison.Ordinal)).ToList();
        Assert.Equal(lostClientId, Assert.Single(stored).ClientId);
    }

    /// <summary>A finger on a message, as a phone's browser reports it: pointer events of type "touch".</summary>
    private static async Task TouchAsync(ILocator target, string type, double dx = 0) =>
        await target.EvaluateAsync(@"(el, [type, dx]) => {
            const box = el.getBoundingClientRect()
            el.dispatchEvent(new PointerEvent(type, { pointerId: 7, pointerType: 'touch', isPrimary: true, bubbles: true, cancelable: true,
                clientX: box.left + 20 + dx, clientY: box.top + box.height / 2 }))
        }", new object[] { type, dx });

    [Fact]
    public async Task On_a_phone_holding_a_message_opens_its_actions_pulling_it_right_replies_and_a_draft_survives_a_reload()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        await SendAsync(cast, cast.ClassTeacher, chat.Id, "Кто пойдёт на экскурсию?");
        var student = await browser.SignInAsync(cast.Student, phone: true);
        await BrowserFixture.OpenChatAsync(student, cast.School, "Класс 5А");
        var message = student.GetByRole(AriaRole.Article).Filter(new() { HasText = "Кто пойдёт на экскурсию?" });
        var bubble = message.GetByText("Кто пойдёт на экскурсию?");

        // Held: the same actions as the "…" button, reactions among them.
        await TouchAsync(bubble, "pointerdown");
        var actions = message.GetByRole(AriaRole.Group, new() { Name = "Действия с сообщением" });
        await Expect(actions).ToBeVisibleAsync();
        await TouchAsync(bubble, "pointerup");
        await actions.GetByRole(AriaRole.Group, new() { Name = "Поставить реакцию" }).GetByRole(AriaRole.Button, new() { Name = "👍" }).ClickAsync();
        await Expect(message.GetByRole(AriaRole.List, new() { Name = "Реакции" }).GetByRole(AriaRole.Button, new() { Name = "👍 1" })).ToBeVisibleAsync();

        // Pulled to the right and let go: a reply to it.
        await TouchAsync(bubble, "pointerdown");
        await TouchAsync(bubble, "pointermove", 30);
        await TouchAsync(bubble, "pointermove", 90);
        await TouchAsync(bubble, "pointerup", 90);
        await Expect(student.GetByText("Ответ Мария Ивановна Петрова")).ToBeVisibleAsync();
        await Expect(student.GetByRole(AriaRole.Button, new() { Name = "Отменить ответ" })).ToBeVisibleAsync();

        // A half-written answer is still there after a reload, and gone once sent.
        var composer = student.GetByRole(AriaRole.Textbox, new() { Name = "Сообщение" });
        await composer.FillAsync("Я пойду, если мама разрешит");
        await student.ReloadAsync();
        await Expect(composer).ToHaveValueAsync("Я пойду, если мама разрешит");
        await composer.PressAsync("Enter");
        await Expect(student.GetByRole(AriaRole.Article).Filter(new() { HasText = "Я пойду, если мама разрешит" })).ToBeVisibleAsync();
        await Expect(composer).ToHaveValueAsync("");
        await student.ReloadAsync();
        await Expect(student.GetByRole(AriaRole.Article).Filter(new() { HasText = "Я пойду, если мама разрешит" })).ToBeVisibleAsync();
        await Expect(composer).ToHaveValueAsync("");
    }
}
