using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sfera.Operator;

namespace Sfera.Tests.Infrastructure;

/// <summary>
/// The real server in-process, on SQLite (default) or on the PostgreSQL that the test command starts
/// (SFERA_TEST_DB=postgres, SFERA_TEST_POSTGRES=connection string without a database). Each instance gets a
/// fresh database of its own.
/// </summary>
public sealed class SferaApp : WebApplicationFactory<Program>
{
    // Started inside the Lazy: WebApplicationFactory builds its host on first use without a lock, and two test
    // classes touching it at once would otherwise start (and migrate) two hosts.
    private static readonly Lazy<SferaApp> SharedApp = new(() =>
    {
        var app = new SferaApp();
        _ = app.Server;
        return app;
    });
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "sfera-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> settings;
    private readonly bool kestrel;
    private readonly Action<IWebHostBuilder>? configure;

    /// <summary>One server shared by tests that do not change its clock or limits; each test builds its own school.</summary>
    public static SferaApp Shared => SharedApp.Value;

    public static bool OnPostgres => Environment.GetEnvironmentVariable("SFERA_TEST_DB") == "postgres";

    public TestClock Clock { get; private init; } = new();

    /// <summary>This server's data folder (SQLite database, local file storage, keys).</summary>
    public string DataDirectory => settings["Sfera:DataDirectory"]!;

    /// <summary>The settings that locate this server's data, as environment variables, for a server process of its own
    /// on the same database and folder.</summary>
    public IEnumerable<KeyValuePair<string, string>> DataSettingsAsEnvironment() =>
        new[] { "Sfera:DataDirectory", "Database:Provider", "Database:ConnectionString" }
            .Where(k => settings.TryGetValue(k, out var v) && v is not null)
            .Select(k => KeyValuePair.Create(k.Replace(":", "__", StringComparison.Ordinal), settings[k]!));
    /// <summary>The PostgreSQL database this server uses (its own); null on SQLite, which lives in the data folder.</summary>
    public string? DatabaseConnectionString => settings.GetValueOrDefault("Database:ConnectionString");

    /// <summary>A second node of <paramref name="first"/>: the same database, data folder and clock; its own memory.</summary>
    public static SferaApp SecondNodeOf(SferaApp first, Dictionary<string, string?>? overrides = null)
    {
        var node = new SferaApp(overrides) { ownsDataDirectory = false, Clock = first.Clock };
        foreach (var key in new[] { "Sfera:DataDirectory", "Database:Provider", "Database:ConnectionString" })
            if (first.settings.TryGetValue(key, out var value)) node.settings[key] = value;
        return node;
    }

    private bool ownsDataDirectory = true;

    /// <param name="configure">More for the host (a test's own middleware), after the settings.</param>
    public SferaApp(Dictionary<string, string?>? overrides = null, bool kestrel = false, Action<IWebHostBuilder>? configure = null)
    {
        this.kestrel = kestrel;
        this.configure = configure;
        settings = new Dictionary<string, string?>
        {
            ["Sfera:DataDirectory"] = dataDir,
            ["Sfera:SignInPermitsPerMinute"] = "100000",
            // Tests share accounts' limits only where they set their own, low ones.
            ["Sfera:MessagesPerMinute"] = "100000",
            ["Sfera:SearchesPerMinute"] = "100000",
            ["Sfera:TypingPerMinute"] = "100000",
            ["Files:UploadsPerMinute"] = "100000",
        };
        if (OnPostgres)
        {
            var server = Environment.GetEnvironmentVariable("SFERA_TEST_POSTGRES")
                ?? throw new InvalidOperationException("SFERA_TEST_DB=postgres needs SFERA_TEST_POSTGRES.");
            settings["Database:Provider"] = "postgres";
            settings["Database:ConnectionString"] = $"{server};Database=sfera_test_{Guid.NewGuid():N}";
        }
        foreach (var (key, value) in overrides ?? []) settings[key] = value;
        if (kestrel) UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.UseEnvironment("Testing");
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        configure?.Invoke(builder);
    }

    /// <summary>The base address clients and browsers use (a real loopback port when started with Kestrel).</summary>
    public Uri BaseAddress
    {
        get
        {
            if (kestrel) StartServer();
            else _ = Server;
            return ClientOptions.BaseAddress;
        }
    }

    public string SetupToken => Services.GetRequiredService<OperatorSetup>().Token;

    /// <summary>A client with no session, optionally asking for English messages.</summary>
    public HttpClient Anonymous(string language = "ru")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = BaseAddress });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    /// <summary>A client that keeps cookies, as a browser does.</summary>
    public HttpClient WithCookies()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = BaseAddress });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // The app's idle PostgreSQL connections go with it, rather than lingering for minutes in Npgsql's pool while
        // other tests open theirs (the test cluster's connection limit is shared by all of them).
        if (OnPostgres && DatabaseConnectionString is { } connection)
            Npgsql.NpgsqlConnection.ClearPool(new Npgsql.NpgsqlConnection(Sfera.Data.Database.WithPostgresDefaults(connection)));
        if (!ownsDataDirectory) return;
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
