using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sfera.Operations;

namespace Sfera.Data;

/// <summary>SQLite in a data folder by default; PostgreSQL when Database:Provider is "postgres".</summary>
public static class Database
{
    public static IServiceCollection AddSferaDb(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        // Every command's time goes to sfera.db.command.duration.
        services.TryAddSingleton<SferaMetrics>();
        services.TryAddSingleton<DatabaseTimer>();
        // Contexts are pooled: the options are built once for the process, and a context with its EF services is reused
        // rather than built per request (building them cost more than the queries of a typical request). The pool resets
        // EF's own state; Sfera's (the school scope, the roster bookkeeping) is reset when a request takes one (Lease).
        var provider = config["Database:Provider"] ?? "sqlite";
        var connection = config["Database:ConnectionString"];
        if (provider.Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException("Database:ConnectionString is required with the postgres provider.");
            connection = WithPostgresDefaults(connection);
            services.AddDbContextPool<PostgresSferaDb>((sp, o) => o.UseNpgsql(connection).AddInterceptors(Chats.RosterSyncInterceptor.Instance, Chats.RosterStamp.Instance, sp.GetRequiredService<DatabaseTimer>()));
            services.AddScoped<SferaDb>(sp => Lease(sp.GetRequiredService<PostgresSferaDb>(), sp));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                var dataDir = Path.GetFullPath(config["Sfera:DataDirectory"] ?? Path.Combine(contentRoot, "data"));
                Directory.CreateDirectory(dataDir);
                connection = $"Data Source={Path.Combine(dataDir, "sfera.db")};Pooling=true";
            }
            services.AddDbContextPool<SqliteSferaDb>((sp, o) => o.UseSqlite(connection).AddInterceptors(Chats.RosterSyncInterceptor.Instance, Chats.RosterStamp.Instance, SqliteBusyWait.Instance, sp.GetRequiredService<DatabaseTimer>()));
            services.AddScoped<SferaDb>(sp => Lease(sp.GetRequiredService<SqliteSferaDb>(), sp));
        }
        return services;
    }

    /// <summary>
    /// Two Npgsql settings Sfera wants unless the connection string says otherwise. Automatic preparation: the few
    /// statements every request runs (the session, the chat and school lookups, the writer's) are parsed and planned
    /// once per connection instead of on every call. No reset on close: a pooled connection is handed back without the
    /// reset statements Npgsql otherwise sends before its next use; Sfera keeps nothing in a session (no SET, no
    /// temporary tables, no advisory locks, no LISTEN), so there is nothing to reset. Together they took about a tenth off
    /// the server's and PostgreSQL's CPU per message (docs/performance.md).
    /// </summary>
    public static string WithPostgresDefaults(string connection)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare")) builder.MaxAutoPrepare = 64;
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <summary>A pooled context as this scope's: everything of Sfera's on it is set afresh, whatever its last user left.</summary>
    private static SferaDb Lease(SferaDb db, IServiceProvider services)
    {
        db.SchoolScope = null;
        db.RosterChangedSchools.Clear();
        db.SyncingRoster = false;
        db.Clock = services.GetRequiredService<TimeProvider>();
        db.ScopeServices = services;
        return db;
    }

    /// <summary>Applies the provider's migrations; on SQLite also switches the file to write-ahead logging.</summary>
    public static async Task MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }
}

/// <summary>
/// Lets SQLite itself wait for the write lock (its busy handler retries within a millisecond or so of the lock coming
/// free) instead of Microsoft.Data.Sqlite's own retry, which sleeps 150 ms after every "database is locked": under
/// concurrent writers that sleep, not the work, was most of a send's time. Set on every open; a pooled connection
/// keeps it anyway, and the statement costs microseconds.
/// </summary>
public sealed class SqliteBusyWait : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public static readonly SqliteBusyWait Instance = new();
    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteSferaDb>
{
    public SqliteSferaDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSferaDb>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresSferaDb>
{
    public PostgresSferaDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSferaDb>().UseNpgsql("Host=127.0.0.1;Database=design").Options);
}
