using Microsoft.AspNetCore.Antiforgery;
using Sfera.Hosting;

namespace Sfera.Auth;

/// <summary>
/// Cookie-borne unsafe requests must carry the anti-forgery header the web app reads from the XSRF-TOKEN
/// cookie. Bearer-token clients carry no ambient credentials and skip the check.
/// </summary>
public static class CsrfGuard
{
    public const string HeaderName = "X-XSRF-TOKEN";
    public const string CookieName = "XSRF-TOKEN";

    public static IApplicationBuilder UseCsrfGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
            // Only a bearer token takes the cookie's place (the policy scheme picks it the same way); any other
            // Authorization header, say Basic, leaves the cookie authenticating, so the check stays on.
            var usesCookie = request.Cookies.ContainsKey(AuthSetup.CookieName) && !AuthSetup.HasBearerToken(request);
            if (unsafeMethod && usesCookie && request.Path.StartsWithSegments("/api"))
            {
                var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    await Problems.Status(StatusCodes.Status400BadRequest, "csrf").ExecuteAsync(context);
                    return;
                }
            }
            await next();
        });

    /// <summary>Issues a fresh token pair for the current user (call after sign-in and sign-out).</summary>
    public static string Issue(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        context.Response.Cookies.Append(CookieName, tokens.RequestToken!, new CookieOptions
        {
            HttpOnly = false, // the web app reads it and echoes it in the header
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps || PublicUrl.IsHttps(context.RequestServices.GetRequiredService<IConfiguration>()),
            Path = "/",
        });
        return tokens.RequestToken!;
    }
}
