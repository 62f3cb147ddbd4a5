using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Sfera.Hosting;

/// <summary>
/// Behind a reverse proxy, the client's address and scheme come from X-Forwarded-For and X-Forwarded-Proto, but
/// only when the connection comes from a proxy listed in Sfera:TrustedProxies (addresses or networks such as
/// 10.0.0.0/8, comma-separated or as a list). Anyone else could write those headers, so by default nobody is
/// trusted, not even loopback (which ASP.NET Core would trust out of the box).
/// </summary>
public static class Proxies
{
    public static IServiceCollection AddSferaProxies(this IServiceCollection services, IConfiguration config)
    {
        var trusted = Entries(config);
        return services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.ForwardLimit = null; // walk back through every trusted proxy, stop at the first address that is not one
            foreach (var entry in trusted)
            {
                if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network)) o.KnownIPNetworks.Add(network);
                else if (IPAddress.TryParse(entry, out var address)) o.KnownProxies.Add(address);
                else throw new InvalidOperationException($"Sfera:TrustedProxies: '{entry}' is neither an IP address nor a network such as 10.0.0.0/8.");
            }
        });
    }

    /// <summary>First in the pipeline, so that the rate limiter, authentication and links all see the real client.</summary>
    public static void UseSferaProxies(this WebApplication app)
    {
        // Without trusted proxies the middleware would still take the first forwarded value when the server knows no
        // peer address (an in-process host): leave it out altogether.
        if (Entries(app.Configuration).Count > 0) app.UseForwardedHeaders();
    }

    private static List<string> Entries(IConfiguration config)
    {
        var section = config.GetSection("Sfera:TrustedProxies");
        return (section.Value is { } list ? [list] : section.GetChildren().Select(c => c.Value ?? ""))
            .SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
    }
}
