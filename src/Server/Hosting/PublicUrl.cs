using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Sfera.Hosting;

/// <summary>
/// The address people open Sfera at, for links the server hands out (invites, activation): Sfera:PublicUrl. Never
/// the request's Host header, which the caller chooses: a forged one would put an attacker's site into an invite
/// link carrying its secret. Without the setting, the server's own address (wildcards made 127.0.0.1), and a
/// warning at start-up.
/// </summary>
public static class PublicUrl
{
    public static string Base(HttpRequest request) =>
        Configured(request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()) ?? Own(request.HttpContext.RequestServices);

    public static string? Configured(IConfiguration config) =>
        config["Sfera:PublicUrl"] is { } url && !string.IsNullOrWhiteSpace(url) ? url.Trim().TrimEnd('/') : null;

    /// <summary>People reach this install over HTTPS (behind a proxy that ends TLS, the request itself may be HTTP).</summary>
    public static bool IsHttps(IConfiguration config) =>
        Configured(config)?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>scheme://host[:port] of the install: the public address's when set, else the request's own.</summary>
    public static string Origin(HttpRequest request) =>
        Configured(request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority)
            : $"{request.Scheme}://{request.Host}";

    /// <summary>The address the server listens on (as Kestrel reports it once started, else the Urls setting).</summary>
    public static string Own(IServiceProvider services)
    {
        var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var configured = services.GetRequiredService<IConfiguration>()["Urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var address = listening.Concat(configured).FirstOrDefault() ?? "http://localhost:5000";
        var parsed = BindingAddress.Parse(address);
        var host = parsed.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*" ? "127.0.0.1" : parsed.Host;
        return $"{parsed.Scheme}://{host}:{parsed.Port}";
    }

    public static void WarnIfUnset(WebApplication app)
    {
        if (Configured(app.Configuration) is not null) return;
        app.Logger.LogWarning("Sfera:PublicUrl is not set: invite and activation links point at {Url}, the server's own address. " +
                              "Set it to the address people open, e.g. https://sfera.school5.ru.", Own(app.Services));
    }
}
