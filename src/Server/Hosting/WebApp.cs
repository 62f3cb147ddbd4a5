using Microsoft.Extensions.FileProviders;

namespace Sfera.Hosting;

/// <summary>Serves the built web app (web/ built by `dotnet build` into webapp/) with a fallback to index.html.</summary>
public static class WebApp
{
    public static WebApplication UseWebApp(this WebApplication app)
    {
        var root = Path.Combine(app.Environment.ContentRootPath, "webapp");
        Directory.CreateDirectory(root);
        var files = new PhysicalFileProvider(root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = ctx =>
            {
                // Vite puts a content hash in every asset name, so those can be cached for good.
                if (ctx.Context.Request.Path.StartsWithSegments("/assets"))
                    ctx.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            },
        });
        return app;
    }

    public static void MapWebAppFallback(this WebApplication app)
    {
        var root = Path.Combine(app.Environment.ContentRootPath, "webapp");
        // API paths that match nothing stay 404 problems; everything else is a client-side route.
        app.MapFallback("/api/{**rest}", () => Problems.NotFound()).ExcludeFromDescription();
        app.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = new PhysicalFileProvider(root) })
            .ExcludeFromDescription();
    }
}
