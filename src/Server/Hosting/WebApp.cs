namespace Sfera.Hosting;

/// <summary>
/// Serves the built web app: web/ is built by `dotnet build` into wwwroot/, which the SDK turns into static web assets
/// (precompressed with gzip and Brotli, listed with ETags in a manifest) that MapStaticAssets serves.
/// </summary>
public static class WebApp
{
    public static WebApplication UseWebApp(this WebApplication app)
    {
        // Routing starts here, after the security headers and error pages: the app's files are answered at once
        // (short-circuit), before authentication and the session lookup, which they do not need.
        app.UseRouting();
        // Files without a hash in their name (sw.js, the install manifests) are `no-cache` by the SDK's rule for
        // scripts and manifests (images get an hour): a new sw.js is how open tabs learn of a release. Checked by
        // AppInstallInBrowserTests.
        app.MapStaticAssets().ShortCircuit();
        return app;
    }

    public static void MapWebAppFallback(this WebApplication app)
    {
        // API paths that match nothing stay 404 problems; everything else is a client-side route.
        app.MapFallback("/api/{**rest}", () => Problems.NotFound()).ExcludeFromDescription();
        // A page names this build's scripts: always revalidated, so a new release is picked up at once.
        var page = new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "no-cache",
        };
        // The sign-in page is its own document without React (web/signin.html), so a phone signs in with a few KiB of
        // script; every other path is the app.
        app.MapFallbackToFile("/signin", "signin.html", page).ExcludeFromDescription();
        app.MapFallbackToFile("index.html", page).ExcludeFromDescription();
    }
}
