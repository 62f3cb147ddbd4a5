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
        var provider = config["Database:Provider"] ?? "sqlite";
        var connection = config["Database:ConnectionString"];
        if (provider.Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException("Database:ConnectionString is required with the postgres provider.");
            services.AddDbContext<PostgresSferaDb>((sp, o) => o.UseNpgsql(connection).AddInterceptors(Chats.RosterSyncInterceptor.Instance, sp.GetRequiredService<DatabaseTimer>()));
            services.AddScoped<SferaDb>(sp => WithClock(sp.GetRequiredService<PostgresSferaDb>(), sp));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                var dataDir = Path.GetFullPath(config["Sfera:DataDirectory"] ?? Path.Combine(contentRoot, "data"));
                Directory.CreateDirectory(dataDir);
                connection = $"Data Source={Path.Combine(dataDir, "sfera.db")};Pooling=true";
            }
            services.AddDbContext<SqliteSferaDb>((sp, o) => o.UseSqlite(connection).AddInterceptors(Chats.RosterSyncInterceptor.Instance, sp.GetRequiredService<DatabaseTimer>()));
            services.AddScoped<SferaDb>(sp => WithClock(sp.GetRequiredService<SqliteSferaDb>(), sp));
        }
        return services;
    }

    private static SferaDb WithClock(SferaDb db, IServiceProvider services)
    {
        db.Clock = services.GetRequiredService<TimeProvider>();
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
