namespace Sfera.Hosting;

public static class SecurityHeaders
{
    // No inline script anywhere; styles may be inline (React style props). Nothing from other hosts.
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self'; font-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // A response with its own, stricter policy (a file) keeps it.
                if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = Csp;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "SAMEORIGIN";
                // Invite and activation links carry secrets in the URL: never leak them to another site.
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "geolocation=(), payment=(), usb=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                // API answers are personal: no browser, proxy or shared computer keeps a copy, unless the endpoint
                // says otherwise (files revalidate with their ETag).
                var path = context.Request.Path;
                if ((path.StartsWithSegments("/api") || path.StartsWithSegments(Realtime.ChatHub.Path)) && !headers.ContainsKey("Cache-Control"))
                    headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            await next();
        });
}
