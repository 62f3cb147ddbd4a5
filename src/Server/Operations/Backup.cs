using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Sfera.Data;
using Sfera.Files;

namespace Sfera.Operations;

/// <summary>
/// `backup &lt;archive.tar.gz&gt;` and `restore &lt;archive.tar.gz&gt; [--force]`: the database and the local file store in
/// one archive. SQLite is copied online (VACUUM INTO: a consistent snapshot while the server runs); PostgreSQL with
/// pg_dump -Fc and pg_restore of the server's major version. Files kept in S3 stay there: the bucket is backed up on
/// the S3 side, and the archive holds the database only. Restore refuses a database or file folder that holds
/// anything unless --force, and is meant for a stopped server.
/// </summary>
public static class Backup
{
    private const string ManifestName = "sfera-backup.json";
    private const string SqliteName = "database/sfera.db";
    private const string DumpName = "database/sfera.dump";
    private const string FilesPrefix = "files/";

    private sealed record Manifest(int Version, string Provider, DateTimeOffset CreatedAt, bool HasFiles);

    private sealed class BackupException(string message) : Exception(message);

    public static async Task<int> RunCliAsync(IServiceProvider services, string[] args)
    {
        var archive = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (archive is null || args[0] is not ("backup" or "restore"))
        {
            await Console.Error.WriteLineAsync("Usage: backup <archive.tar.gz> | restore <archive.tar.gz> [--force]");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
        var folder = (services.GetRequiredService<IFileStore>() as LocalFileStore)?.Root;
        var work = Directory.CreateTempSubdirectory("sfera-backup-");
        try
        {
            if (args[0] == "backup") await BackUpAsync(db, folder, Path.GetFullPath(archive), work.FullName);
            else await RestoreAsync(db, folder, Path.GetFullPath(archive), work.FullName, args.Contains("--force"));
            return 0;
        }
        catch (BackupException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task BackUpAsync(SferaDb db, string? folder, string archive, string work)
    {
        var provider = db.Database.IsNpgsql() ? "postgres" : "sqlite";
        // The database first, then the files: every file the snapshot refers to was stored before it was taken.
        var database = Path.Combine(work, "database");
        if (provider == "sqlite")
        {
            await using var connection = new SqliteConnection(db.Database.GetConnectionString());
            await connection.OpenAsync();
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $path";
            vacuum.Parameters.AddWithValue("$path", database);
            await vacuum.ExecuteNonQueryAsync();
        }
        else
        {
            await PgToolAsync(db, "pg_dump", ["--format=custom", "--no-owner", "--no-privileges", $"--file={database}"]);
        }

        var partial = archive + ".partial";
        var files = 0;
        await using (var output = File.Create(partial))
        await using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            await WriteJsonAsync(tar, new Manifest(1, provider, DateTimeOffset.UtcNow, folder is not null));
            await tar.WriteEntryAsync(database, provider == "sqlite" ? SqliteName : DumpName);
            if (folder is not null && Directory.Exists(folder))
                foreach (var file in StoredFiles(folder))
                {
                    await tar.WriteEntryAsync(file, FilesPrefix + Path.GetRelativePath(folder, file).Replace('\\', '/'));
                    files++;
                }
        }
        File.Move(partial, archive, overwrite: true);
        Console.WriteLine(folder is not null
            ? $"Backed up the {provider} database and {files} stored files to {archive}."
            : $"Backed up the {provider} database to {archive}. Files are kept in S3: back the bucket up on the S3 side (versioning or replication).");
    }

    private static async Task RestoreAsync(SferaDb db, string? folder, string archive, string work, bool force)
    {
        if (!File.Exists(archive)) throw new BackupException($"No archive at {archive}.");
        await using (var input = File.OpenRead(archive))
        await using (var gzip = new GZipStream(input, CompressionMode.Decompress))
            await TarFile.ExtractToDirectoryAsync(gzip, work, overwriteFiles: false); // refuses entries that leave the folder
        var manifestPath = Path.Combine(work, ManifestName);
        if (!File.Exists(manifestPath)) throw new BackupException($"{archive} is not a Sfera backup (no {ManifestName}).");
        var manifest = JsonSerializer.Deserialize<Manifest>(await File.ReadAllTextAsync(manifestPath), JsonSerializerOptions.Web)!;
        var provider = db.Database.IsNpgsql() ? "postgres" : "sqlite";
        if (manifest.Provider != provider)
            throw new BackupException($"The archive holds a {manifest.Provider} database, but this server is configured for {provider}.");

        var restoredFiles = Path.Combine(work, "files");
        var filesToo = folder is not null && Directory.Exists(restoredFiles);
        if (!force && (await HoldsDataAsync(db) || (filesToo && StoredFiles(folder!).Any())))
            throw new BackupException("The configured database or file folder is not empty; restore refuses to overwrite it. Add --force to replace it.");

        if (provider == "sqlite")
        {
            var target = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(target + suffix);
            File.Copy(Path.Combine(work, SqliteName), target);
        }
        else
        {
            // --clean drops what the dump is about to create, so --force replaces an older copy of the same install.
            await PgToolAsync(db, "pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                .. force ? new[] { "--clean", "--if-exists" } : [], Path.Combine(work, DumpName)]);
        }

        if (filesToo)
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.Move(restoredFiles, folder!);
        }
        Console.WriteLine($"Restored the {provider} database from {archive} (made {manifest.CreatedAt:u})" + (filesToo
            ? " and its stored files."
            : folder is null ? ". Files are kept in S3: restore the bucket on the S3 side." : ". The archive holds no files (they were kept in S3)."));
    }

    /// <summary>Whether the target database already holds any table (a migrated or used install).</summary>
    private static async Task<bool> HoldsDataAsync(SferaDb db)
    {
        if (db.Database.IsNpgsql())
        {
            var creator = db.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync())
            {
                await creator.CreateAsync(); // an empty database for pg_restore to fill
                return false;
            }
            return await db.Database.SqlQueryRaw<int>(
                "SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')").SingleAsync() > 0;
        }
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (!File.Exists(file) || new FileInfo(file).Length == 0) return false;
        return await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table'").SingleAsync() > 0;
    }

    /// <summary>Stored files, without uploads still being received.</summary>
    private static IEnumerable<string> StoredFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).StartsWith(".incoming", StringComparison.Ordinal));

    private static async Task WriteJsonAsync(TarWriter tar, Manifest manifest)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, ManifestName)
        {
            DataStream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, JsonSerializerOptions.Web)),
        };
        await tar.WriteEntryAsync(entry);
    }

    /// <summary>Runs pg_dump or pg_restore of the server's major version (Debian keeps each in
    /// /usr/lib/postgresql/&lt;major&gt;/bin; otherwise the one on PATH) against the configured database.</summary>
    private static async Task PgToolAsync(SferaDb db, string tool, IEnumerable<string> args)
    {
        var settings = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        var version = await db.Database.SqlQueryRaw<string>("SELECT current_setting('server_version_num') AS \"Value\"").SingleAsync();
        var versioned = $"/usr/lib/postgresql/{int.Parse(version, System.Globalization.CultureInfo.InvariantCulture) / 10000}/bin/{tool}";
        var start = new ProcessStartInfo(File.Exists(versioned) ? versioned : tool)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (settings.Host is { } host) start.ArgumentList.Add($"--host={host}");
        start.ArgumentList.Add($"--port={settings.Port}");
        if (settings.Username is { } user) start.ArgumentList.Add($"--username={user}");
        start.ArgumentList.Add($"--dbname={settings.Database}");
        start.ArgumentList.Add("--no-password");
        if (settings.Password is { } password) start.Environment["PGPASSWORD"] = password;
        start.Environment["PGSSLMODE"] = settings.SslMode switch
        {
            SslMode.Disable => "disable", SslMode.Allow => "allow", SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca", SslMode.VerifyFull => "verify-full", _ => "prefer",
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BackupException($"Could not run {start.FileName} ({e.Message}): install PostgreSQL's client programs of version {version[..^4]}.");
        }
        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) throw new BackupException($"{tool} failed ({process.ExitCode}): {(await errors).Trim()}");
        }
    }
}
