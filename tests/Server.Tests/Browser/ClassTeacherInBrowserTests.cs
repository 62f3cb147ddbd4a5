using System.Net;
using Microsoft.Playwright;
using Sfera.Auth;
using Sfera.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sfera.Tests.Browser;

/// <summary>A class teacher helps a student of her class who forgot the password, without the administrator.</summary>
public sealed class ClassTeacherInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_class_teacher_gives_her_student_a_new_code_which_signs_the_lost_phone_out()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var page = await browser.SignInAsync(cast.ClassTeacher, phone: true);
        await page.GotoAsync($"/school/{cast.School.Id}/admin/class");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ученики и родители класса" })).ToBeVisibleAsync();
        // The class's students and their parents; nobody of another class.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ольга Сидорова" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Анна Кузнецова" })).ToHaveCountAsync(0);

        var card = page.GetByRole(AriaRole.Article, new() { Name = "Иван Сидоров" });
        await card.GetByRole(AriaRole.Button, new() { Name = "Новый код активации" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Да, выдать код" }).ClickAsync();
        var code = await card.GetByLabel("Код активации", new() { Exact = true }).InputValueAsync();
        Assert.Matches("^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$", code);

        // The phone that was signed in is out; the code sets a new password.
        await cast.Student.Client.GetAsync("/api/v1/me").Expect(HttpStatusCode.Unauthorized);
        await browser.App.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(code, "Novyi-parol-9")).Expect(HttpStatusCode.OK);
        await Cast.SignInAsync(browser.App, cast.Student.Login, "Novyi-parol-9");
    }
}
