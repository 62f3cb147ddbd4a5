using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

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
}
