using Microsoft.Playwright;
using Sfera.Data;
using Sfera.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sfera.Tests.Browser;

/// <summary>The server with the test OpenID Connect provider as "VK ID"; pages may reach the provider (its own login
/// page, which loads nothing from elsewhere) and nothing else.</summary>
public sealed class ExternalSignInBrowserFixture : BrowserFixture
{
    private string issuer = "";

    public override async Task InitializeAsync()
    {
        issuer = await OidcProvider.IssuerAsync();
        await base.InitializeAsync();
    }

    protected override Task<Dictionary<string, string?>> SettingsAsync() => OidcProvider.SettingsAsync();

    protected override IReadOnlyList<string> OtherOrigins => [new Uri(issuer).Authority];
}

/// <summary>A parent links a VK ID-like account from the account page, signs out, signs in with it alone, and
/// unlinks it; and a stranger's identity is told it opens nothing.</summary>
public sealed class ExternalSignInInBrowserTests(ExternalSignInBrowserFixture fixture) : IClassFixture<ExternalSignInBrowserFixture>
{
    [Fact]
    public async Task A_parent_links_an_external_account_signs_in_with_it_alone_and_unlinks_it()
    {
        var school = await Cast.CreateSchoolAsync(fixture.App);
        var parent = await school.AddPersonAsync(Role.Parent, name: "Светлана Орлова");
        var login = Cast.Unique("vkparent-");
        var page = await fixture.SignInAsync(parent, phone: true);

        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Button, new() { Name = "Связать VK ID" }).ClickAsync();
        // The provider's own page.
        await page.GetByLabel("Логин").FillAsync(login);
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await BrowserFixture.ExpectPathAsync(page, path => path == "/account", "the account page");
        await Expect(page.GetByText("VK ID связан с вашей учётной записью.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Отвязать VK ID" })).ToBeVisibleAsync();
        // Nothing of the provider's profile came in: the account keeps its own name.
        await Expect(page.GetByText("Профиль " + login)).ToHaveCountAsync(0);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Меню" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Выйти" }).ClickAsync();
        await BrowserFixture.ExpectPathAsync(page, path => path == "/signin", "the sign-in page");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Вход в Сферу" })).ToBeVisibleAsync();
        // A plain sign-in page, loaded once: not one that would lead back into the account just left.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin$"));

        // In with the identity alone (the provider still knows this browser, so it asks nothing), and on to the page
        // the sign-in was asked to lead to.
        await page.GotoAsync("/signin?next=%2Faccount");
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти через VK ID" }).ClickAsync();
        await BrowserFixture.ExpectPathAsync(page, path => path == "/account", "the account page");
        await Expect(page.GetByText("Светлана Орлова").First).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Отвязать VK ID" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Связать VK ID" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Отвязать VK ID" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_identity_linked_to_nobody_opens_nothing_and_offers_a_code_or_an_invite()
    {
        var page = await fixture.NewPageAsync(phone: true);
        await page.GotoAsync("/signin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти через VK ID" }).ClickAsync();
        await page.GetByLabel("Логин").FillAsync(Cast.Unique("vkstranger-"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Этот VK ID ещё не связан со Сферой" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Код активации")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Ссылка-приглашение")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Отмена" }).ClickAsync();
        await BrowserFixture.ExpectPathAsync(page, path => path == "/signin", "the sign-in page");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Вход в Сферу" })).ToBeVisibleAsync();
    }
}
