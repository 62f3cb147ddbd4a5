namespace Sfera.Hosting;

/// <summary>
/// The address people open Sfera at, for links the server hands out (invites, activation). Sfera:PublicUrl when
/// set (behind a reverse proxy the request's own host is the proxy's view, not the people's); otherwise the
/// request's scheme and host.
/// </summary>
public static class PublicUrl
{
    public static string Base(HttpRequest request)
    {
        var configured = request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["Sfera:PublicUrl"];
        return string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : configured.TrimEnd('/');
    }
}
