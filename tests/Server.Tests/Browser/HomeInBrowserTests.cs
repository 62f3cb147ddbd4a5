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
