using System.Net;
using Microsoft.Playwright;
using Sfera.Data;
using Sfera.Invites;
using Sfera.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sfera.Tests.Browser;

/// <summary>The header, home and joining as people meet them on a phone.</summary>
public sealed class HomeInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task On_a_phone_the_header_is_one_row_signing_in_opens_the_chats_and_sign_out_sits_in_the_menu()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var page = await browser.SignInAsync(cast.Student, phone: true);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/school/{cast.School.Id}/chats$"));

        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Здравствуйте" })).ToBeVisibleAsync();
        var header = await page.Locator("header").BoundingBoxAsync();
        Assert.True(header!.Height <= 60, $"the header is {header.Height} px tall");
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Выйти" });
        await Expect(signOut).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Меню" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "English" })).ToBeVisibleAsync();
        await signOut.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Вход в Сферу" })).ToBeVisibleAsync();
        // A plain sign-in page: not one that would lead back into the account just left.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin$"));
    }

    [Fact]
    public async Task A_screen_whose_code_is_still_coming_says_it_is_loading_at_once_and_the_last_one_goes()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var page = await browser.SignInAsync(cast.Student, phone: false);
        await page.GotoAsync("/");
        var home = page.GetByRole(AriaRole.Heading, new() { Name = "Здравствуйте" });
        await Expect(home).ToBeVisibleAsync();
        // A slow connection: the account screen's code arrives only when the test lets it. (Routed for the whole
        // profile: once the service worker controls the page, the request is the worker's.)
        var arrive = new TaskCompletionSource();
        await page.Context.RouteAsync("**/assets/*AccountPage-*.js", async route =>
        {
            await arrive.Task;
            await route.ContinueAsync();
        });

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Основное меню" })
            .GetByRole(AriaRole.Link, new() { Name = "Учётная запись", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToHaveTextAsync("Загрузка…");
        await Expect(home).ToHaveCountAsync(0);
        arrive.SetResult();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Учётная запись");
    }

    [Fact]
    public async Task A_screen_whose_code_cannot_come_says_so_in_the_page_and_the_rest_of_the_app_goes_on()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var page = await browser.SignInAsync(cast.Student, phone: false);
        await page.GotoAsync("/");
        var home = page.GetByRole(AriaRole.Heading, new() { Name = "Здравствуйте" });
        await Expect(home).ToBeVisibleAsync();
        // The connection drops just as the account screen is opened.
        await page.Context.RouteAsync("**/assets/*AccountPage-*.js", route => route.AbortAsync());

        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Основное меню" });
        await menu.GetByRole(AriaRole.Link, new() { Name = "Учётная запись", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Не удалось открыть", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Проверьте подключение и обновите страницу.");
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Обновить" })).ToBeVisibleAsync();

        // The frame is still there, and another screen opens.
        await menu.GetByRole(AriaRole.Link, new() { Name = "Главная", Exact = true }).ClickAsync();
        await Expect(home).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Nothing_on_a_students_home_jumps_while_it_loads()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var page = await browser.SignInAsync(cast.Student, phone: true);
        await page.GotoAsync("/");
        await Expect(page.GetByText("Школа ещё не указала ссылку на электронный журнал.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Пригласить родителя" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Входить можно по логину")).ToBeVisibleAsync();
        var shift = await page.EvaluateAsync<double>("""
            () => new Promise(resolve => {
              let total = 0;
              new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
                .observe({ type: 'layout-shift', buffered: true });
              requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
            })
            """);
        Assert.True(shift < 0.1, $"layout shift {shift:0.000}");
    }

    [Fact]
    public async Task A_parent_from_the_class_link_names_the_child_and_the_teacher_ticks_them_before_approving()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var invite = await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url("/invites"), new InviteRequest(Role.Parent, cast.Class5A.Id, null, null))
            .Read<InviteResponse>(HttpStatusCode.Created);

        var parent = await browser.NewPageAsync();
        await parent.GotoAsync(new Uri(invite.Url).PathAndQuery);
        await parent.GetByLabel("Имя и фамилия", new() { Exact = true }).FillAsync("Светлана Смирнова");
        await parent.GetByLabel("Логин, телефон или e-mail").FillAsync(Cast.Unique("svetlana"));
        await parent.GetByLabel("Пароль").FillAsync(Cast.Password);
        await parent.GetByLabel("Имя и фамилия вашего ребёнка").FillAsync("Пётр Смирнов");
        await parent.GetByRole(AriaRole.Button, new() { Name = "Зарегистрироваться" }).ClickAsync();
        await Expect(parent.GetByRole(AriaRole.Heading, new() { Name = "Заявка отправлена" })).ToBeVisibleAsync();

        var teacher = await browser.SignInAsync(cast.ClassTeacher, phone: false);
        await teacher.GotoAsync("/");
        // The home page says a request waits, and leads to it.
        await teacher.GetByRole(AriaRole.Link, new() { Name = "1 заявка ждёт решения" }).ClickAsync();
        var request = teacher.GetByRole(AriaRole.Article, new() { Name = "Светлана Смирнова" });
        await Expect(request.GetByText("Родитель указал ребёнка: «Пётр Смирнов»")).ToBeVisibleAsync();
        await request.GetByRole(AriaRole.Button, new() { Name = "Принять" }).ClickAsync();
        await Expect(request.GetByRole(AriaRole.Alert)).ToContainTextAsync("Отметьте хотя бы одного ребёнка");
        await request.GetByRole(AriaRole.Checkbox, new() { Name = "Пётр Смирнов" }).CheckAsync();
        await request.GetByRole(AriaRole.Button, new() { Name = "Принять" }).ClickAsync();
        await Expect(request).ToHaveCountAsync(0);

        var people = await cast.Admin.Client.GetJson<List<Sfera.People.PersonResponse>>(cast.School.Url("/people?role=Parent"));
        Assert.Equal("Пётр Смирнов", Assert.Single(people.Single(p => p.DisplayName == "Светлана Смирнова").Children).DisplayName);
    }
}
