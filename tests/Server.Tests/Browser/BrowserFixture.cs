using Microsoft.Playwright;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright against a real Kestrel port of the server. Requests to anything but the
/// server itself are aborted: the app must work without other hosts. A test class that needs Chromium started with
/// more switches, or a server with more settings, uses a subclass that passes them (<see cref="CallsBrowserFixture"/>,
/// <see cref="GroupCallsBrowserFixture"/>).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private readonly string[] extraArgs;
    private IPlaywright? playwright;

    public BrowserFixture() : this([]) { }

    protected BrowserFixture(string[] extraArgs) => this.extraArgs = extraArgs;

    public SferaApp App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Settings of the server under test beyond the defaults (a subclass adds the servers it needs).</summary>
    protected virtual Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(new Dictionary<string, string?>());

    /// <summary>More for the server under test than settings (a subclass's own middleware).</summary>
    protected virtual void ConfigureServer(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) { }

    /// <summary>Hosts besides the server that pages may reach (host:port), such as a test's own sign-in provider.</summary>
    protected virtual IReadOnlyList<string> OtherOrigins => [];

    /// <summary>The browsers' time zone (an IANA name), or null for the machine's.</summary>
    protected virtual string? TimezoneId => null;

    public virtual async Task InitializeAsync()
    {
        App = new SferaApp(await SettingsAsync(), kestrel: true, ConfigureServer);
        _ = App.BaseAddress;
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SFERA_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                    // A fake microphone and camera, allowed without asking (voice notes, calls).
                    "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", ..extraArgs],
        });
    }

    /// <summary>A fresh browser profile (cookies, storage) on a phone-sized screen, in Russian.</summary>
    public async Task<IPage> NewPageAsync(bool phone = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString().TrimEnd('/'),
            Locale = "ru-RU",
            TimezoneId = TimezoneId,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 800 },
        });
        // Generous: on CI the browsers share 2 cores with the rest of the suite (S3, clamd, image processing).
        context.SetDefaultTimeout(30_000);
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        var origins = OtherOrigins.Append(App.BaseAddress.Authority).ToHashSet();
        await context.RouteAsync("**/*", route =>
            origins.Contains(new Uri(route.Request.Url).Authority) ? route.ContinueAsync() : route.AbortAsync());
        return await context.NewPageAsync();
    }

    /// <summary>A person signed in through the sign-in screen, in a fresh profile.</summary>
    public async Task<IPage> SignInAsync(Person person, bool phone)
    {
        var page = await NewPageAsync(phone);
        await page.GotoAsync("/signin");
        await page.GetByLabel("Логин").FillAsync(person.Login);
        await page.GetByLabel("Пароль").FillAsync(person.Password);
        // Exactly: with a sign-in provider configured there is also "Войти через …".
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти", Exact = true }).ClickAsync();
        // Home, or the chat list of a person with one school.
        await ExpectPathAsync(page, path => !path.StartsWith("/signin", StringComparison.Ordinal), "away from the sign-in page");
        return page;
    }

    /// <summary>Waits until the page's address has a path that passes <paramref name="path"/>. Polled rather than
    /// WaitForURL: that waits for the load of a navigation it sees start, so it fails when the app navigates twice
    /// (sign-out's own move to /signin aborted by the frame's "signed out, sign in again"), and under load it missed a
    /// navigation that ended while it was setting up (the page stood at /signin, loaded, and it timed out).</summary>
    public static async Task ExpectPathAsync(IPage page, Func<string, bool> path, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!path(new Uri(page.Url).AbsolutePath))
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {seconds} s: {what} (the page is at {page.Url})");
            await Task.Delay(100);
        }
    }

    /// <summary>Opens a chat from the chat list by its title and waits for its composer. (A link is named by all it shows:
    /// title, time, last message, unread count; its title picks it.)</summary>
    public static async Task OpenChatAsync(IPage page, TestSchool school, string title)
    {
        await page.GotoAsync($"/school/{school.Id}/chats");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Список чатов" }).GetByRole(AriaRole.Link)
            .Filter(new() { Has = page.GetByText(title, new() { Exact = true }) }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Сообщение" })).ToBeVisibleAsync();
    }

    /// <summary>Polls an (async) function in the page until it answers true. Playwright's WaitForFunction would take an
    /// async function's promise itself as a truthy answer and return at once.</summary>
    public static async Task WaitUntilAsync(IPage page, string function, object? arg, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await page.EvaluateAsync<bool>(function, arg))
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {seconds} s: {what}");
            await Task.Delay(250);
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}
