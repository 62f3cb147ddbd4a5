using Sfera.Hosting;

namespace Sfera.Realtime;

/// <summary>
/// The hub (negotiate, long polling and the WebSocket) answers only the install's own pages: a browser names the
/// page's origin, and another site's page is refused, so it cannot ride on a signed-in person's cookie. Clients
/// that are not browsers send no Origin and pass.
/// </summary>
public static class HubOrigin
{
    public static IApplicationBuilder UseHubOrigin(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(ChatHub.Path) && context.Request.Headers.Origin is { Count: > 0 } origin
                && !string.Equals(origin.ToString(), PublicUrl.Origin(context.Request), StringComparison.OrdinalIgnoreCase))
            {
                await Problems.Forbidden().ExecuteAsync(context);
                return;
            }
            await next();
        });
}
