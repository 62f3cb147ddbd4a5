using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Npgsql;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Messages;
using Sfera.Realtime;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>
/// Runs alone, after the others. OpenTelemetry's meter provider listens to every meter named "Sfera" in the
/// process, each test host's included, and when one host's meter is disposed the provider stops exporting the
/// instruments of that name in every other host too (opentelemetry-dotnet issue 6412). A test host disposed
/// during a scrape here emptied it of sfera_hub_connections on CI. One host per process, as Sfera runs, never
/// meets this.
/// </summary>
[CollectionDefinition(nameof(OperationsTests), DisableParallelization = true)]
public sealed class OperationsCollection;

/// <summary>What the people who run Sfera read: /metrics for the monitoring system, /health/ready for the load balancer.</summary>
[Collection(nameof(OperationsTests))]
public sealed class OperationsTests
{
    [Fact]
    public async Task Metrics_show_hub_connections_and_database_time_to_loopback_and_allowed_networks_only()
    {
        await using var app = new SferaApp(new() { ["Sfera:Metrics:AllowedNetworks"] = "10.0.0.0/8, 192.168.5.7" });
        var cast = await SchoolCast.CreateAsync(app);
        await using var hub = await HubProbe.ConnectAsync(app, cast.Student);

        var text = await ScrapeUntilAsync(app, "127.0.0.1", "sfera_hub_connections");
        Assert.Contains("sfera_db_command_duration_milliseconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ScrapeAsync(app, "::1")).Status);
        Assert.Equal(HttpStatusCode.OK, (await ScrapeAsync(app, "10.20.30.40")).Status);
        Assert.Equal(HttpStatusCode.OK, (await ScrapeAsync(app, "192.168.5.7")).Status);

        var outsider = await ScrapeAsync(app, "203.0.113.5");
        Assert.Equal(HttpStatusCode.NotFound, outsider.Status);
        Assert.DoesNotContain("sfera_", outsider.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync(app, "192.168.5.8")).Status);
    }

    [Fact]
    public async Task Metrics_count_stored_messages_and_deliveries_and_time_send_to_deliver()
    {
        await using var app = new SferaApp();
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        await using var hub = await HubProbe.ConnectAsync(app, cast.Student);
        await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/chats/{chat.Id}/messages"), new SendMessageRequest(Guid.NewGuid().ToString(), "Домашнее задание"))
            .Expect(HttpStatusCode.Created);
        await hub.NextAsync<MessageEvent>(nameof(IChatClient.MessageCreated));

        var text = await ScrapeUntilAsync(app, "127.0.0.1", "sfera_deliveries");
        Assert.Contains("sfera_messages_stored", text, StringComparison.Ordinal);
        Assert.Contains("sfera_send_to_deliver_milliseconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("sfera_hub_connections", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_a_proxy_a_forwarded_client_gets_404_from_metrics()
    {
        // A real socket: the proxy is 127.0.0.1, the client it forwards is somewhere on the internet.
        await using var app = new SferaApp(new() { ["Sfera:TrustedProxies"] = "127.0.0.1" }, kestrel: true);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        await client.GetAsync("/metrics").Expect(HttpStatusCode.OK);
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.5");
        await client.SendAsync(forwarded).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Ready_when_the_database_answers_and_without_redis_says_nothing_of_it()
    {
        var ready = await SferaApp.Shared.Anonymous().GetAsync("/health/ready").Read<JsonElement>();
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("database").GetString());
        Assert.False(ready.GetProperty("checks").TryGetProperty("redis", out _));
    }

    [Fact]
    public async Task Ready_checks_redis_when_nodes_share_it()
    {
        await using var app = new SferaApp(new() { ["Redis:ConnectionString"] = await RedisServer.ConnectionStringAsync() });
        var ready = await app.Anonymous().GetAsync("/health/ready").Read<JsonElement>();
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("redis").GetString());
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task Not_ready_names_the_database_when_it_is_gone_while_health_stays_ok()
    {
        await using var app = new SferaApp();
        await app.Anonymous().GetAsync("/health/ready").Expect(HttpStatusCode.OK);
        await TakeDatabaseAwayAsync(app);

        // SQLite: a connection that background work (the call sweeper, every second) opened just before the file went
        // still reads it, deleted but open, until it is dropped from the pool; each try clears the pools again first.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!SferaApp.OnPostgres && DateTime.UtcNow < deadline)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            using var ready = await app.Anonymous().GetAsync("/health/ready");
            if (ready.StatusCode == HttpStatusCode.ServiceUnavailable) break;
            await Task.Delay(200);
        }
        var problem = await app.Anonymous("en").GetAsync("/health/ready").Problem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("https://sfera.local/problems/not-ready", problem.GetProperty("type").GetString());
        Assert.Equal("failed", problem.GetProperty("checks").GetProperty("database").GetString());
        await app.Anonymous().GetAsync("/health").Expect(HttpStatusCode.OK);
    }

    /// <summary>Really gone: PostgreSQL's database is dropped; SQLite's file is replaced by a folder it cannot open.</summary>
    private static async Task TakeDatabaseAwayAsync(SferaApp app)
    {
        if (SferaApp.OnPostgres)
        {
            var settings = new NpgsqlConnectionStringBuilder(app.DatabaseConnectionString);
            var name = settings.Database;
            settings.Database = "postgres";
            await using var admin = new NpgsqlConnection(settings.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            NpgsqlConnection.ClearAllPools();
            return;
        }
        // Background work (the call sweeper runs every second) may open the database between the delete and
        // the folder taking its place, which creates the file anew; then the swap is simply tried again.
        var file = Path.Combine(app.DataDirectory, "sfera.db");
        for (var attempt = 1; ; attempt++)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
            try
            {
                Directory.CreateDirectory(file);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(50);
            }
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> ScrapeAsync(SferaApp app, string remoteAddress)
    {
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/metrics";
            c.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
        });
        using var reader = new StreamReader(context.Response.Body);
        return ((HttpStatusCode)context.Response.StatusCode, await reader.ReadToEndAsync());
    }

    /// <summary>The exporter caches a scrape for a moment, so what just happened may show in the next one.</summary>
    private static async Task<string> ScrapeUntilAsync(SferaApp app, string remoteAddress, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var (status, body) = await ScrapeAsync(app, remoteAddress);
            Assert.Equal(HttpStatusCode.OK, status);
            if (body.Contains(expected, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                Assert.Contains(expected, body, StringComparison.Ordinal);
                return body;
            }
            await Task.Delay(200);
        }
    }
}
