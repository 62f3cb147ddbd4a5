using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sfera.Data;
using Sfera.Messages;
using Sfera.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sfera.Tests.Browser;

/// <summary>The installable app: its service worker and manifests, opening offline, a new release, a push's notification,
/// and the unread count outside the page.</summary>
public sealed class AppInstallInBrowserTests(AppInstallBrowserFixture browser) : IClassFixture<AppInstallBrowserFixture>
{
    private const string OfflineText = "Нет соединения. Сфера откроется, когда связь вернётся.";

    private static Task<MessageResponse> SendAsync(SchoolCast cast, Person who, Guid chatId, string text) =>
        who.Client.PostJsonAsync(cast.School.Url($"/chats/{chatId}/messages"), new SendMessageRequest(Guid.NewGuid().ToString(), text, null))
            .Read<MessageResponse>(HttpStatusCode.Created);

    /// <summary>Signed in on the chat list, with the service worker active and controlling the page (which takes a
    /// reload only when the first worker did not claim the page in time).</summary>
    private async Task<IPage> ControlledChatListAsync(SchoolCast cast)
    {
        var page = await browser.SignInAsync(cast.Student, phone: true);
        await page.GotoAsync($"/school/{cast.School.Id}/chats");
        await BrowserFixture.WaitUntilAsync(page, "async () => (await navigator.serviceWorker.ready).active?.state === 'activated'",
            null, "the service worker is active");
        await BrowserFixture.WaitUntilAsync(page, "() => navigator.serviceWorker.controller !== null", null, "the worker controls the page");
        // Loaded again under the worker, so the screen's files are in its cache too.
        await page.ReloadAsync();
        await Expect(ChatList(page)).ToBeVisibleAsync();
        return page;
    }

    private static ILocator ChatList(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Список чатов" });

    [Fact]
    public async Task The_service_worker_controls_the_page_and_the_manifests_describe_an_installable_app()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var page = await ControlledChatListAsync(cast);
        Assert.True(await page.EvaluateAsync<bool>("() => navigator.serviceWorker.controller.scriptURL.endsWith('/sw.js')"));

        // sw.js and the manifests keep their names and are revalidated every time; the worker's scope is the whole app.
        foreach (var path in new[] { "/sw.js", "/manifest.webmanifest", "/manifest.en.webmanifest" })
        {
            var response = await page.APIRequest.GetAsync(path);
            Assert.Equal(200, response.Status);
            Assert.Equal("no-cache", response.Headers["cache-control"]);
        }
        Assert.Equal("/", await page.EvaluateAsync<string>("async () => new URL((await navigator.serviceWorker.ready).scope).pathname"));

        var link = page.Locator("link[rel=manifest]");
        await Expect(link).ToHaveAttributeAsync("href", "/manifest.webmanifest");
        var manifest = await ManifestAsync(page, "/manifest.webmanifest");
        Assert.Equal("Сфера", manifest.GetProperty("name").GetString());
        Assert.Equal("ru", manifest.GetProperty("lang").GetString());
        Assert.Equal("standalone", manifest.GetProperty("display").GetString());
        Assert.Equal("/", manifest.GetProperty("start_url").GetString());
        Assert.Equal("/", manifest.GetProperty("scope").GetString());
        var icons = manifest.GetProperty("icons").EnumerateArray().ToList();
        Assert.Contains(icons, icon => icon.GetProperty("purpose").GetString() == "maskable" && icon.GetProperty("sizes").GetString() == "512x512");
        Assert.Contains(icons, icon => icon.GetProperty("sizes").GetString() == "192x192");
        var iconUrls = icons.Select(icon => icon.GetProperty("src").GetString()!).Append("/apple-touch-icon.png").Append("/badge-96.png");
        foreach (var src in iconUrls)
        {
            var response = await page.APIRequest.GetAsync(src);
            Assert.True(response.Status == 200, $"{src}: {response.Status}");
            Assert.Equal("image/png", response.Headers["content-type"]);
        }
        await Expect(page.Locator("meta[name=theme-color]")).ToHaveAttributeAsync("content", "#1a56b8");
        await Expect(page.Locator("link[rel=apple-touch-icon]")).ToHaveAttributeAsync("href", "/apple-touch-icon.png");

        // In English the app links the English manifest.
        await page.GetByRole(AriaRole.Button, new() { Name = "Меню" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(link).ToHaveAttributeAsync("href", "/manifest.en.webmanifest");
        Assert.Equal("Sfera", (await ManifestAsync(page, "/manifest.en.webmanifest")).GetProperty("name").GetString());
    }

    private static async Task<JsonElement> ManifestAsync(IPage page, string path)
    {
        var response = await page.APIRequest.GetAsync(path);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/manifest+json", response.Headers["content-type"]);
        return JsonDocument.Parse(await response.TextAsync()).RootElement;
    }

    [Fact]
    public async Task Offline_the_app_opens_from_its_cache_says_so_and_comes_back_by_itself()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var page = await ControlledChatListAsync(cast);
        await Expect(page.GetByText(OfflineText)).ToHaveCountAsync(0);

        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();
        var bar = page.GetByRole(AriaRole.Status).Filter(new() { HasText = OfflineText });
        await Expect(bar).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Сфера" })).ToBeVisibleAsync();
        // Not sent to sign in, and no error page.
        Assert.EndsWith($"/school/{cast.School.Id}/chats", page.Url);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);

        await page.Context.SetOfflineAsync(false);
        await Expect(bar).ToHaveCountAsync(0);
        await Expect(ChatList(page)).ToBeVisibleAsync();
        await Expect(ChatList(page).GetByText("Класс 5А", new() { Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_new_release_is_offered_and_loading_it_reloads_the_page_under_the_new_worker()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        browser.NextRelease = false;
        var page = await ControlledChatListAsync(cast);
        var before = await page.EvaluateAsync<string[]>("async () => (await caches.keys()).filter(k => k.startsWith('sfera-shell-'))");
        Assert.Single(before);

        // The next release is deployed (the server serves the same worker under another version), and the tab looks for
        // it (as it does when it comes back to the foreground, and every hour).
        browser.NextRelease = true;
        await page.EvaluateAsync("() => { window.sameDocument = true }");
        await page.EvaluateAsync("async () => { await (await navigator.serviceWorker.getRegistration()).update() }");

        var bar = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Доступна новая версия Сферы." });
        await Expect(bar).ToBeVisibleAsync();
        // The new worker takes over and the page reloads itself (once).
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Load += (_, _) => reloaded.TrySetResult();
        await bar.GetByRole(AriaRole.Button, new() { Name = "Обновить" }).ClickAsync();
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === undefined"), "the page reloaded");
        await Expect(ChatList(page)).ToBeVisibleAsync();
        await Expect(bar).ToHaveCountAsync(0);
        await BrowserFixture.WaitUntilAsync(page,
            "async (old) => { const keys = await caches.keys(); return keys.some(k => k.startsWith('sfera-shell-next-')) && !keys.includes(old) }",
            before[0], "the new worker holds the shell and the old cache is gone");
        Assert.True(await page.EvaluateAsync<bool>("async () => (await navigator.serviceWorker.getRegistration()).waiting === null"));
    }

    [Fact]
    public async Task A_push_shows_its_notification_and_a_notification_leads_the_open_app_to_the_chat()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var classChat = await cast.ChatAsync(cast.Student, ChatKind.Class, "5А");
        var page = await ControlledChatListAsync(cast);
        await page.Context.GrantPermissionsAsync(["notifications"], new() { Origin = browser.App.BaseAddress.ToString().TrimEnd('/') });

        // A push as the server sends it, delivered through the DevTools protocol to the page's worker.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var registrationId = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, e) =>
        {
            foreach (var registration in e!.Value.GetProperty("registrations").EnumerateArray())
                if (registration.GetProperty("scopeURL").GetString() == browser.App.BaseAddress.ToString() && !registration.GetProperty("isDeleted").GetBoolean())
                    registrationId.TrySetResult(registration.GetProperty("registrationId").GetString()!);
        };
        // What the worker went through, for the message should the notification not come.
        var workerLog = new System.Collections.Concurrent.ConcurrentQueue<string>();
        cdp.Event("ServiceWorker.workerVersionUpdated").OnEvent += (_, e) =>
        {
            foreach (var version in e!.Value.GetProperty("versions").EnumerateArray())
                workerLog.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} version {version.GetProperty("versionId")}: {version.GetProperty("status")}, {version.GetProperty("runningStatus")}");
        };
        cdp.Event("ServiceWorker.workerErrorReported").OnEvent += (_, e) => workerLog.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} error: {e!.Value}");
        await cdp.SendAsync("ServiceWorker.enable");
        var url = $"/school/{cast.School.Id}/chats/{classChat.Id}";
        var payload = JsonSerializer.Serialize(new
        {
            title = "Класс 5А",
            body = "Мария Ивановна Петрова: Завтра экскурсия",
            tag = $"chat:{classChat.Id}",
            url,
            unread = 1,
            kind = "message",
            chatId = classChat.Id,
            schoolId = cast.School.Id,
        });
        await cdp.SendAsync("ServiceWorker.deliverPushMessage", new()
        {
            ["origin"] = browser.App.BaseAddress.ToString().TrimEnd('/'),
            ["registrationId"] = await registrationId.Task.WaitAsync(TimeSpan.FromSeconds(15)),
            ["data"] = payload,
        });

        workerLog.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} push delivered");
        try
        {
            await BrowserFixture.WaitUntilAsync(page, "async () => (await (await navigator.serviceWorker.ready).getNotifications()).length > 0",
                null, "the push's notification shows");
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}; the worker: {string.Join("; ", workerLog)}");
        }
        var shown = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const [n] = await (await navigator.serviceWorker.ready).getNotifications()
              return { title: n.title, body: n.body, tag: n.tag, url: n.data.url, icon: n.icon, badge: n.badge }
            }
            """);
        Assert.Equal("Класс 5А", shown.GetProperty("title").GetString());
        Assert.Equal("Мария Ивановна Петрова: Завтра экскурсия", shown.GetProperty("body").GetString());
        Assert.Equal($"chat:{classChat.Id}", shown.GetProperty("tag").GetString());
        Assert.Equal(url, shown.GetProperty("url").GetString());
        Assert.EndsWith("/icon-192.png", shown.GetProperty("icon").GetString());
        Assert.EndsWith("/badge-96.png", shown.GetProperty("badge").GetString());

        // A click on it: the worker focuses the open window and tells it where to go, and the app moves there without a
        // reload. Headless Chromium cannot click a notification (and Playwright for .NET cannot run code in the worker),
        // so the page receives the worker's message as the click handler sends it.
        await page.EvaluateAsync("() => { window.sameDocument = true }");
        await page.EvaluateAsync("(url) => navigator.serviceWorker.dispatchEvent(new MessageEvent('message', { data: { type: 'NAVIGATE', url } }))", url);
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(url) + "$"));
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Сообщение" })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
    }

    [Fact]
    public async Task Unread_messages_show_in_the_tab_title_and_as_a_dot_on_the_tab_icon()
    {
        var cast = await SchoolCast.CreateAsync(browser.App);
        var classChat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        await SendAsync(cast, cast.ClassTeacher, classChat.Id, "Завтра экскурсия");

        var page = await browser.SignInAsync(cast.Student, phone: false);
        await page.GotoAsync($"/school/{cast.School.Id}/chats");
        await Expect(page).ToHaveTitleAsync("(1) Чаты · Сфера");
        await Expect(page.Locator("link[rel=icon]")).ToHaveAttributeAsync("href", "/favicon-unread.svg");

        // Other screens carry the count too.
        await page.GetByRole(AriaRole.Link, new() { Name = "Главная" }).ClickAsync();
        await Expect(page).ToHaveTitleAsync(new Regex(@"^\(1\) .+ · Сфера$"));

        // Read: the count and the dot go.
        await BrowserFixture.OpenChatAsync(page, cast.School, "Класс 5А");
        await Expect(page).ToHaveTitleAsync("Класс 5А · Сфера");
        await Expect(page.Locator("link[rel=icon]")).ToHaveAttributeAsync("href", "/favicon.svg");
    }
}

/// <summary>The browser fixture with a server that can play a deployment: once <see cref="NextRelease"/> is set, /sw.js is
/// the built worker under another version, as the next build's would be. (Playwright's routes, and the DevTools
/// protocol's Fetch domain on the browser, do not reach the browser's own update check of a worker's script.)</summary>
public sealed class AppInstallBrowserFixture : BrowserFixture
{
    private volatile bool nextRelease;

    public bool NextRelease { get => nextRelease; set => nextRelease = value; }

    protected override void ConfigureServer(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new NextReleaseFilter(this)));

    private sealed class NextReleaseFilter(AppInstallBrowserFixture fixture) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, rest) =>
            {
                if (!fixture.NextRelease || context.Request.Path != "/sw.js")
                {
                    await rest(context);
                    return;
                }
                var file = context.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider.GetFileInfo("sw.js");
                using var reader = new StreamReader(file.CreateReadStream());
                var built = await reader.ReadToEndAsync(context.RequestAborted);
                var next = built.Replace("sfera-shell-", "sfera-shell-next-", StringComparison.Ordinal)
                    .Replace("sfera-assets-", "sfera-assets-next-", StringComparison.Ordinal);
                Assert.NotEqual(built, next);
                context.Response.ContentType = "text/javascript";
                context.Response.Headers.CacheControl = "no-cache";
                await context.Response.WriteAsync(next, context.RequestAborted);
            });
            next(app);
        };
    }
}
