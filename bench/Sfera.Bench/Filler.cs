using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Sfera.Bench;

/// <summary>Puts a large history straight into the database (the API would take hours), as the server would store it.</summary>
public static class Filler
{
    public static async Task FillAsync(ServerProcess server, Guid schoolId, Guid chatId, Guid senderId, int count)
    {
        if (server.Provider == "postgres") await FillPostgresAsync(server.ConnectionString, schoolId, chatId, senderId, count);
        else await FillSqliteAsync(server.ConnectionString, schoolId, chatId, senderId, count);
    }

    private static async Task FillSqliteAsync(string connectionString, Guid schoolId, Guid chatId, Guid senderId, int count)
    {
        await using var db = new SqliteConnection(connectionString);
        await db.OpenAsync();
        var start = await LastSeqAsync(db.CreateCommand(), $"SELECT \"LastSeq\" FROM \"Chats\" WHERE \"Id\" = '{chatId.ToString().ToUpperInvariant()}'");
        var now = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow)!;
        await using var tx = await db.BeginTransactionAsync();
        var insert = db.CreateCommand();
        insert.CommandText = """
            INSERT INTO "Messages" ("Id", "SchoolId", "ChatId", "Seq", "SenderId", "ClientId", "Text", "CreatedAt", "MentionsAll", "RequiresConfirmation")
            VALUES ($id, $school, $chat, $seq, $sender, $client, $text, $at, 0, 0)
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        insert.Parameters.AddWithValue("$school", schoolId.ToString().ToUpperInvariant());
        insert.Parameters.AddWithValue("$chat", chatId.ToString().ToUpperInvariant());
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        insert.Parameters.AddWithValue("$sender", senderId.ToString().ToUpperInvariant());
        var client = insert.Parameters.Add("$client", SqliteType.Text);
        var text = insert.Parameters.Add("$text", SqliteType.Text);
        insert.Parameters.AddWithValue("$at", now);
        for (var i = 1; i <= count; i++)
        {
            id.Value = Guid.CreateVersion7().ToString().ToUpperInvariant();
            seq.Value = start + i;
            client.Value = $"fill-{i}";
            text.Value = $"Сообщение номер {i}: домашнее задание на завтра";
            await insert.ExecuteNonQueryAsync();
        }
        var bump = db.CreateCommand();
        bump.CommandText = $"UPDATE \"Chats\" SET \"LastSeq\" = {start + count} WHERE \"Id\" = '{chatId.ToString().ToUpperInvariant()}'";
        await bump.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    private static async Task FillPostgresAsync(string connectionString, Guid schoolId, Guid chatId, Guid senderId, int count)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var start = await LastSeqAsync(new NpgsqlCommand($"SELECT \"LastSeq\" FROM \"Chats\" WHERE \"Id\" = '{chatId}'", db), null);
        await using var tx = await db.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO "Messages" ("Id", "SchoolId", "ChatId", "Seq", "SenderId", "ClientId", "Text", "CreatedAt", "MentionsAll", "RequiresConfirmation")
            SELECT gen_random_uuid(), @school, @chat, @start + g, @sender, 'fill-' || g, 'Сообщение номер ' || g || ': домашнее задание на завтра', now(), false, false
            FROM generate_series(1, @count) AS g
            """, db, tx))
        {
            insert.Parameters.AddWithValue("school", schoolId);
            insert.Parameters.AddWithValue("chat", chatId);
            insert.Parameters.AddWithValue("start", start);
            insert.Parameters.AddWithValue("sender", senderId);
            insert.Parameters.AddWithValue("count", count);
            insert.CommandTimeout = 3600;
            await insert.ExecuteNonQueryAsync();
        }
        await using (var bump = new NpgsqlCommand($"UPDATE \"Chats\" SET \"LastSeq\" = {start + count} WHERE \"Id\" = '{chatId}'", db, tx))
            await bump.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE \"Messages\"", db);
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task<long> LastSeqAsync(System.Data.Common.DbCommand command, string? text)
    {
        if (text is not null) command.CommandText = text;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static readonly string[] Words =
    [
        "урок", "уроки", "домашнее", "задание", "завтра", "математика", "литература", "физкультура", "класс", "родители",
        "собрание", "экскурсия", "форма", "расписание", "учебник", "тетрадь", "оценка", "четверть", "каникулы", "праздник",
        "музей", "театр", "проект", "олимпиада",
    ];

    /// <summary>The word every 10,000th message carries: a search with few hits, against "урок" with very many.</summary>
    public const string RareWord = "контрольная";

    /// <summary>
    /// Fills the chats with <paramref name="count"/> messages in all (an equal share each, sent by their members in
    /// turn) as fast as the database takes them: PostgreSQL by binary COPY with the table's secondary indexes (the
    /// search index too) dropped and rebuilt after; SQLite with the indexes and the search trigger dropped, one
    /// prepared insert in transactions of a million, then the indexes and the FTS table rebuilt.
    /// </summary>
    public static async Task FillBulkAsync(ServerProcess server, Guid schoolId, IReadOnlyList<(Guid Chat, List<Guid> Senders)> chats, long count)
    {
        if (server.Provider == "postgres") await BulkPostgresAsync(server.ConnectionString, schoolId, chats, count);
        else await BulkSqliteAsync(server.ConnectionString, schoolId, chats, count);
    }

    private static IEnumerable<(Guid Chat, Guid Sender, long Seq, long Index, string Text)> Rows(IReadOnlyList<(Guid Chat, List<Guid> Senders)> chats, long count)
    {
        var random = new Random(7);
        var each = count / chats.Count;
        long index = 0;
        foreach (var (chat, senders) in chats)
            for (long seq = 1; seq <= each; seq++, index++)
            {
                var text = $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]}, номер {index}"
                    + (index % 10_000 == 0 ? $": {RareWord} работа" : "");
                yield return (chat, senders[(int)(seq % senders.Count)], seq, index, text);
            }
    }

    private static async Task BulkPostgresAsync(string connectionString, Guid schoolId, IReadOnlyList<(Guid Chat, List<Guid> Senders)> chats, long count)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        async Task Run(string sql)
        {
            await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }
        var indexes = new List<(string Name, string Definition)>();
        await using (var read = new NpgsqlCommand("""
            SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = current_schema() AND tablename = 'Messages'
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I', i.indexname)::regclass)
            """, db))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync()) indexes.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (name, _) in indexes) await Run($"DROP INDEX \"{name}\"");
        var start = DateTime.UtcNow.AddSeconds(-count / 1000.0);
        var phase = System.Diagnostics.Stopwatch.StartNew();
        await using (var copy = await db.BeginBinaryImportAsync("""
            COPY "Messages" ("Id", "SchoolId", "ChatId", "Seq", "Version", "SenderId", "ClientId", "Text", "CreatedAt", "MentionsAll", "RequiresConfirmation") FROM STDIN (FORMAT BINARY)
            """))
        {
            copy.Timeout = TimeSpan.FromHours(2);
            foreach (var (chat, sender, seq, index, text) in Rows(chats, count))
            {
                copy.StartRow();
                copy.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                copy.Write(schoolId, NpgsqlDbType.Uuid);
                copy.Write(chat, NpgsqlDbType.Uuid);
                copy.Write(seq, NpgsqlDbType.Bigint);
                copy.Write(0L, NpgsqlDbType.Bigint);
                copy.Write(sender, NpgsqlDbType.Uuid);
                copy.Write($"fill-{index}", NpgsqlDbType.Varchar);
                copy.Write(text, NpgsqlDbType.Varchar);
                copy.Write(start.AddMilliseconds(index), NpgsqlDbType.TimestampTz);
                copy.Write(false, NpgsqlDbType.Boolean);
                copy.Write(false, NpgsqlDbType.Boolean);
            }
            await copy.CompleteAsync();
        }
        Console.WriteLine($"  copied in {phase.Elapsed.TotalSeconds:F1} s");
        phase.Restart();
        await Run("SET maintenance_work_mem = '1GB'");
        foreach (var (_, definition) in indexes) await Run(definition);
        Console.WriteLine($"  indexes rebuilt (search included) in {phase.Elapsed.TotalSeconds:F1} s");
        foreach (var (chat, _) in chats) await Run($"UPDATE \"Chats\" SET \"LastSeq\" = {count / chats.Count} WHERE \"Id\" = '{chat}'");
        // As autovacuum would leave it (visibility map, hint bits, statistics), so that it does not run while the queries are timed.
        await Run("VACUUM (ANALYZE) \"Messages\"");
    }

    private static async Task BulkSqliteAsync(string connectionString, Guid schoolId, IReadOnlyList<(Guid Chat, List<Guid> Senders)> chats, long count)
    {
        await using var db = new SqliteConnection(connectionString);
        await db.OpenAsync();
        async Task Run(string sql)
        {
            await using var command = db.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync();
        }
        var dropped = new List<(string Name, string Type, string Sql)>();
        await using (var read = db.CreateCommand())
        {
            read.CommandText = """
                SELECT name, type, sql FROM sqlite_master WHERE tbl_name = 'Messages' AND sql IS NOT NULL
                AND (type = 'index' OR (type = 'trigger' AND name = 'Messages_fts_insert'))
                """;
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync()) dropped.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        await Run("PRAGMA synchronous = OFF");
        foreach (var (name, type, _) in dropped) await Run($"DROP {type.ToUpperInvariant()} \"{name}\"");
        var start = DateTimeOffset.UtcNow.AddSeconds(-count / 1000.0);
        var converter = new DateTimeOffsetToBinaryConverter();
        var school = schoolId.ToString().ToUpperInvariant();
        var phase = System.Diagnostics.Stopwatch.StartNew();
        var tx = await db.BeginTransactionAsync();
        var insert = db.CreateCommand();
        insert.CommandText = """
            INSERT INTO "Messages" ("Id", "SchoolId", "ChatId", "Seq", "Version", "SenderId", "ClientId", "Text", "CreatedAt", "MentionsAll", "RequiresConfirmation")
            VALUES ($id, $school, $chat, $seq, 0, $sender, $client, $text, $at, 0, 0)
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        insert.Parameters.AddWithValue("$school", school);
        var chatParameter = insert.Parameters.Add("$chat", SqliteType.Text);
        var seqParameter = insert.Parameters.Add("$seq", SqliteType.Integer);
        var senderParameter = insert.Parameters.Add("$sender", SqliteType.Text);
        var client = insert.Parameters.Add("$client", SqliteType.Text);
        var textParameter = insert.Parameters.Add("$text", SqliteType.Text);
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        insert.Transaction = (SqliteTransaction)tx;
        insert.Prepare();
        var names = new Dictionary<Guid, string>();
        string Name(Guid g) => names.TryGetValue(g, out var n) ? n : names[g] = g.ToString().ToUpperInvariant();
        foreach (var (chat, sender, seq, index, text) in Rows(chats, count))
        {
            id.Value = Guid.CreateVersion7().ToString().ToUpperInvariant();
            chatParameter.Value = Name(chat);
            seqParameter.Value = seq;
            senderParameter.Value = Name(sender);
            client.Value = $"fill-{index}";
            textParameter.Value = text;
            at.Value = converter.ConvertToProvider(start.AddMilliseconds(index));
            insert.ExecuteNonQuery();
            if (index % 1_000_000 != 999_999) continue;
            await tx.CommitAsync();
            await tx.DisposeAsync();
            tx = await db.BeginTransactionAsync();
            insert.Transaction = (SqliteTransaction)tx;
        }
        await tx.CommitAsync();
        await tx.DisposeAsync();
        Console.WriteLine($"  inserted in {phase.Elapsed.TotalSeconds:F1} s");
        phase.Restart();
        foreach (var (_, _, sql) in dropped) await Run(sql);
        Console.WriteLine($"  indexes rebuilt in {phase.Elapsed.TotalSeconds:F1} s");
        phase.Restart();
        await Run("""INSERT INTO "MessagesFts"(rowid, "Text", "Chat") SELECT rowid, "Text", replace("ChatId", '-', '') FROM "Messages" WHERE "DeletedAt" IS NULL""");
        Console.WriteLine($"  search index rebuilt in {phase.Elapsed.TotalSeconds:F1} s");
        foreach (var (chat, _) in chats) await Run($"UPDATE \"Chats\" SET \"LastSeq\" = {count / chats.Count} WHERE \"Id\" = '{Name(chat)}'");
        // No ANALYZE: the server never runs one on SQLite, so the plans timed are the ones an install gets.
        await Run("PRAGMA wal_checkpoint(TRUNCATE)");
    }
}
