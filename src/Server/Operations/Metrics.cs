using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using Sfera.Hosting;

namespace Sfera.Operations;

/// <summary>
/// OpenTelemetry metrics (Sfera's own, ASP.NET Core's, the runtime's) in Prometheus' text format at /metrics. The
/// endpoint is for the monitoring system, not the public: it answers loopback and the networks listed in
/// Sfera:Metrics:AllowedNetworks (e.g. 10.0.0.0/8), and everyone else gets the same 404 as an unknown path.
/// </summary>
public static class Metrics
{
    public const string Path = "/metrics";

    public static IServiceCollection AddSferaMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton<SferaMetrics>(); // AddSferaDb may have added it already (its command timer uses it)
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(SferaMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    public static void MapSferaMetrics(this WebApplication app)
    {
        var allowed = AllowedNetworks(app.Configuration);
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (http, next) =>
        {
            if (IsAllowed(http.Connection.RemoteIpAddress, allowed)) await next(http);
            else await Problems.NotFound().ExecuteAsync(http);
        }), optionsName: null).ExcludeFromDescription();
    }

    /// <summary>No address (an in-process host, a Unix socket behind a proxy) is not known to be inside: refused.</summary>
    internal static bool IsAllowed(IPAddress? address, IReadOnlyList<System.Net.IPNetwork> allowed)
    {
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return IPAddress.IsLoopback(address) || allowed.Any(n => n.Contains(address));
    }

    private static List<System.Net.IPNetwork> AllowedNetworks(IConfiguration config)
    {
        var section = config.GetSection("Sfera:Metrics:AllowedNetworks");
        return (section.Value is { } list ? [list] : section.GetChildren().Select(c => c.Value ?? ""))
            .SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(entry => System.Net.IPNetwork.TryParse(entry.Contains('/', StringComparison.Ordinal) ? entry : Single(entry), out var network)
                ? network
                : throw new InvalidOperationException($"Sfera:Metrics:AllowedNetworks: '{entry}' is not a network such as 10.0.0.0/8."))
            .ToList();
    }

    private static string Single(string address) =>
        IPAddress.TryParse(address, out var ip) ? $"{address}/{(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)}" : address;
}
