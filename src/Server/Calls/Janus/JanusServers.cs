using Microsoft.Extensions.Options;

namespace Sfera.Calls.Janus;

/// <summary>The Janus servers configured under <c>Calls:Janus:Servers</c>, one <see cref="JanusClient"/> each, in
/// configuration order. Empty when none is configured (group calls then have nowhere to go).</summary>
public sealed class JanusServers : IAsyncDisposable
{
    public JanusServers(IOptions<JanusOptions> options, ILoggerFactory loggers)
    {
        All = [.. options.Value.Servers.Select(s => new JanusClient(s, options.Value, loggers))];
        var duplicate = All.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two Calls:Janus servers are named '{duplicate.Key}'; give each its own Name.");
    }

    public IReadOnlyList<JanusClient> All { get; }

    public JanusClient? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    public async ValueTask DisposeAsync()
    {
        foreach (var server in All) await server.DisposeAsync();
    }
}

public static class JanusSetup
{
    /// <summary>Registers <see cref="JanusServers"/> from the <c>Calls:Janus</c> section.</summary>
    public static IServiceCollection AddJanus(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<JanusOptions>(config.GetSection(JanusOptions.Section));
        services.AddSingleton<JanusServers>();
        return services;
    }
}
