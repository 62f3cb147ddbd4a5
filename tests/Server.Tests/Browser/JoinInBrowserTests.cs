using System.Net;
using Microsoft.Playwright;
using Sfera.Operator;
using Sfera.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sfera.Tests.Browser;

/// <summary>The foundation's main path in a real browser, on a phone-sized screen, in Russian, as people would do it.</summary>
public sealed class JoinInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "Parol-dlya-testa-1";

    [Fact]
    public async Task A_school_is_approved_a_class_is_made_and_a_student_and_parent_join_through_links()
    {
        var app = browser.App;
        var shortName = Cast.Unique("Школа №");

        // An administrator applies for the school.
        var applicant = await browser.NewPageAsync();
        await applicant.GotoAsync("/apply");
        await applicant.GetByLabel("Полное название").FillAsync($"МБОУ «{shortName}»");
        await applicant.GetByLabel("Краткое название").FillAsync(shortName);
        await applicant.GetByLabel("Тип организации").SelectOptionAsync(new SelectOptionValue { Label = "Школа" });
        await applicant.GetByLabel("Регион").FillAsync("Москва");
        await applicant.GetByLabel("ИНН").FillAsync("7707083893");
        await applicant.GetByLabel("ФИО администратора").FillAsync("Анна Сергеевна Директорова");
        await applicant.GetByLabel("Телефон администратора").FillAsync(Cast.NewPhone());
        await applicant.GetByLabel("E-mail администратора").FillAsync($"{Cast.Unique("director")}@example.org");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "Отправить заявку" }).ClickAsync();
        await Expect(applicant.GetByRole(AriaRole.Heading, new() { Name = "Заявка отправлена" })).ToBeVisibleAsync();

        // The operator (created through the set-up link's API) approves it and passes the activation link on.
        var operatorLogin = Cast.Unique("operator");
        await app.Anonymous().PostJsonAsync("/api/v1/setup/operator", new OperatorSetupRequest(app.SetupToken, "Оператор", operatorLogin, Password))
            .Expect(HttpStatusCode.NoContent);
        var op = await SignInAsync(operatorLogin);
        await op.GotoAsync("/operator");
        var card = op.GetByRole(AriaRole.Article, new() { Name = shortName });
        await card.GetByRole(AriaRole.Button, new() { Name = "Одобрить" }).ClickAsync();
        var activationUrl = await op.GetByLabel("Ссылка активации для администратора").InputValueAsync();

        // The administrator sets a password, adds a teacher, creates 5А with them and a student invite link.
        var admin = await browser.NewPageAsync();
        await admin.GotoAsync(new Uri(activationUrl).PathAndQuery);
        await admin.GetByLabel("Новый пароль").FillAsync(Password);
        await admin.GetByLabel("Повторите пароль").FillAsync(Password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Задать пароль" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Управление школой" }).ClickAsync();

        await ConsoleTab(admin, "Люди").ClickAsync();
        var addPerson = admin.GetByRole(AriaRole.Region, new() { Name = "Добавить человека" });
        await addPerson.GetByLabel("ФИО").FillAsync("Мария Ивановна Петрова");
        await addPerson.GetByLabel("Роль", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Учитель" });
        await addPerson.GetByRole(AriaRole.Button, new() { Name = "Добавить" }).ClickAsync();
        var teacherCode = await admin.GetByLabel("Код активации").InputValueAsync();

        await ConsoleTab(admin, "Классы").ClickAsync();
        var newClass = admin.GetByRole(AriaRole.Region, new() { Name = "Новый класс" });
        await newClass.GetByLabel("Название класса").FillAsync("5А");
        await newClass.GetByLabel("Классный руководитель").SelectOptionAsync(new SelectOptionValue { Label = "Мария Ивановна Петрова" });
        await newClass.GetByRole(AriaRole.Button, new() { Name = "Создать класс" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Article, new() { Name = "5А" })).ToBeVisibleAsync();

        await ConsoleTab(admin, "Приглашения").ClickAsync();
        var newLink = admin.GetByRole(AriaRole.Region, new() { Name = "Новая ссылка" });
        await newLink.GetByLabel("Роль").SelectOptionAsync(new SelectOptionValue { Label = "Ученик" });
        await newLink.GetByLabel("Класс").SelectOptionAsync(new SelectOptionValue { Label = "5А" });
        await newLink.GetByRole(AriaRole.Button, new() { Name = "Создать ссылку" }).ClickAsync();
        var invite = admin.GetByRole(AriaRole.Article, new() { Name = "Ученик, класс 5А" });
        var studentLink = await invite.GetByLabel("Ссылка").InputValueAsync();
        await invite.GetByRole(AriaRole.Button, new() { Name = "Показать QR-код" }).ClickAsync();
        await Expect(invite.GetByRole(AriaRole.Img, new() { Name = "QR-код ссылки: Ученик, класс 5А" })).ToBeVisibleAsync();

        // A student follows the link, registers and waits. (Their phone can share: navigator.share records what it got.)
        var student = await browser.NewPageAsync();
        await student.AddInitScriptAsync("navigator.share = async (data) => { window.sharedUrl = data.url; };");
        await student.GotoAsync(new Uri(studentLink).PathAndQuery);
        await Expect(student.GetByText($"«{shortName}» приглашает вас как ученика класса 5А")).ToBeVisibleAsync();
        await RegisterAsync(student, "Иван Сидоров", Cast.Unique("ivan.sidorov"));
        await student.GetByRole(AriaRole.Link, new() { Name = "На главную" }).ClickAsync();
        await Expect(student.GetByText($"Ваша заявка на вступление в «{shortName}» ждёт подтверждения.")).ToBeVisibleAsync();

        // The class teacher activates their account and approves the student.
        var teacher = await browser.NewPageAsync();
        await teacher.GotoAsync($"/activate?code={teacherCode}");
        await teacher.GetByLabel("Новый пароль").FillAsync(Password);
        await teacher.GetByLabel("Повторите пароль").FillAsync(Password);
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Задать пароль" }).ClickAsync();
        await Expect(teacher.GetByRole(AriaRole.Heading, new() { Name = "Здравствуйте, Мария Ивановна Петрова!" })).ToBeVisibleAsync();
        await ApproveAsync(teacher, "Иван Сидоров");

        // The student's open page learns it without a reload.
        await Expect(student.GetByRole(AriaRole.Region, new() { Name = shortName })).ToBeVisibleAsync();
        await Expect(student.GetByText("ждёт подтверждения")).ToHaveCountAsync(0);

        // The student's "invite my parent" link: the parent registers and the class teacher confirms.
        await student.GetByRole(AriaRole.Button, new() { Name = "Пригласить родителя" }).ClickAsync();
        var parentLink = await student.GetByLabel("Ссылка для родителя").InputValueAsync();
        // Shown whole, not cut off, and handed to the phone's share sheet.
        var box = student.GetByLabel("Ссылка для родителя");
        Assert.True(await box.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight"), "the link is cut off");
        await student.GetByRole(AriaRole.Button, new() { Name = "Поделиться" }).ClickAsync();
        Assert.Equal(parentLink, await student.EvaluateAsync<string>("() => window.sharedUrl"));
        await Expect(student.GetByRole(AriaRole.Img, new() { Name = "QR-код ссылки для родителя" })).ToBeVisibleAsync();

        // Opened in the student's own browser, it is refused with a clear message.
        await student.GotoAsync(new Uri(parentLink).PathAndQuery);
        await student.GetByRole(AriaRole.Button, new() { Name = "Присоединиться" }).ClickAsync();
        await Expect(student.GetByRole(AriaRole.Alert)).ToContainTextAsync("Нельзя стать родителем самому себе");

        var parent = await browser.NewPageAsync();
        await parent.GotoAsync(new Uri(parentLink).PathAndQuery);
        await RegisterAsync(parent, "Ольга Сидорова", Cast.NewPhone());
        await ApproveAsync(teacher, "Ольга Сидорова");
        await parent.GotoAsync("/");
        await Expect(parent.GetByRole(AriaRole.Region, new() { Name = shortName })).ToBeVisibleAsync();
        await Expect(parent.GetByRole(AriaRole.Link, new() { Name = "Управление школой" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_interface_switches_to_english_and_remembers_it()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/signin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Вход в Сферу" })).ToBeVisibleAsync();
        // On a phone the language switch sits in the menu.
        await page.GetByRole(AriaRole.Button, new() { Name = "Меню" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    private async Task<IPage> SignInAsync(string login)
    {
        var page = await browser.NewPageAsync(phone: false);
        await page.GotoAsync("/signin");
        await page.GetByLabel("Логин").FillAsync(login);
        await page.GetByLabel("Пароль").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Здравствуйте" })).ToBeVisibleAsync();
        return page;
    }

    private static async Task RegisterAsync(IPage page, string name, string login)
    {
        await page.GetByLabel("Имя и фамилия").FillAsync(name);
        await page.GetByLabel("Логин, телефон или e-mail").FillAsync(login);
        await page.GetByLabel("Пароль").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Зарегистрироваться" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Заявка отправлена" })).ToBeVisibleAsync();
    }

    /// <summary>A tab of the school console, once the console is there. Scoped and exact: while the console's code
    /// loads, the page that linked to it stays on screen, and its "Приглашения и заявки моего класса" would answer to a
    /// bare "Заявки" (names match by substring), so a click could land on the old page's link instead.</summary>
    private static ILocator ConsoleTab(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Разделы" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static async Task ApproveAsync(IPage teacher, string joiner)
    {
        await teacher.GotoAsync("/");
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Приглашения и заявки моего класса" }).ClickAsync();
        await ConsoleTab(teacher, "Заявки").ClickAsync();
        var request = teacher.GetByRole(AriaRole.Article, new() { Name = joiner });
        await request.GetByRole(AriaRole.Button, new() { Name = "Принять" }).ClickAsync();
        await Expect(request).ToHaveCountAsync(0);
    }
}
