using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Sfera.Data;
using Sfera.Operations;
using Sfera.Polls;

namespace Sfera.Messages;

/// <summary>A message ready to store: everything but its sequence number and version, which the writer hands out.</summary>
public sealed record MessageDraft(Message Message, Guid SenderRowId, List<Mention> Mentions, List<MessageAttachment> Attachments, Poll? Poll, List<PollOption> Options,
    AuditEntry? Audit = null);

/// <summary>What the writer stored: the message with its place in the chat, and the chat's members at the moment of the
/// commit (the event's recipients). <see cref="Duplicate"/>: the (chat, sender, client id) was already taken.</summary>
public sealed record WrittenMessage(Message Message, IReadOnlyList<Guid> Recipients, bool Duplicate);

/// <summary>
/// The one writer of new messages on this node. Sends wait here and are committed together: whatever has queued up
/// while the previous transaction ran goes into the next one, so a hundred senders at once cost a few transactions,
/// not a hundred (on SQLite, where writers take turns on one lock, this is what lets busy chats scale). Each sender
/// is answered only after the commit that holds their message, so an acknowledged message survives a crash. Order
/// within a chat is the order of arrival here; another node's writer on the same database takes the chat's counter
/// row lock in turn. A batch that fails (a racing duplicate's unique index, say) is retried one message at a time,
/// so one bad message never fails its neighbours.
/// </summary>
public sealed class MessageWriter : BackgroundService
{
    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<MessageWriter> log;
    private readonly SferaMetrics metrics;

    private readonly Notifications.PushDispatcher pushes;

    public MessageWriter(IServiceScopeFactory scopes, ILogger<MessageWriter> log, SferaMetrics metrics, Notifications.PushDispatcher pushes)
    {
        this.scopes = scopes;
        this.pushes = pushes;
        this.log = log;
        this.metrics = metrics;
        metrics.RegisterQueue("message-writer", () => QueueDepth);
    }

    private sealed record Pending(MessageDraft Draft, TaskCompletionSource<WrittenMessage> Done);

    /// <summary>At most this many messages in one transaction; more waiting simply go into the next.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private int depth;

    /// <summary>Sends waiting for their transaction (a gauge for operations).</summary>
    public int QueueDepth => Volatile.Read(ref depth);

    public Task<WrittenMessage> WriteAsync(MessageDraft draft)
    {
        var pending = new Pending(draft, new TaskCompletionSource<WrittenMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
        Interlocked.Increment(ref depth);
        if (!queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref depth);
            throw new InvalidOperationException("The message writer has stopped.");
        }
        return pending.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next)) batch.Add(next);
                Interlocked.Add(ref depth, -batch.Count);
                await CommitAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Stopping: whatever still waits is refused, never silently dropped (its sender sees an error and retries).
        queue.Writer.TryComplete();
        while (queue.Reader.TryRead(out var left)) left.Done.TrySetException(new OperationCanceledException("The server is stopping."));
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            var written = await StoreAsync(batch.Select(p => p.Draft).ToList());
            metrics.MessagesStored(batch.Count);
            pushes.Wake();
            for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(written[i]);
            return;
        }
        catch (Exception e) when (batch.Count > 1)
        {
            log.LogDebug(e, "A batch of {Count} messages failed; storing them one by one.", batch.Count);
        }
        catch (DbUpdateException)
        {
            // Alone and still refused: the unique (chat, sender, client id) index, a copy of this send already stored.
            batch[0].Done.TrySetResult(new WrittenMessage(batch[0].Draft.Message, [], Duplicate: true));
            return;
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
            return;
        }
        foreach (var one in batch) await CommitAsync([one]);
    }

    /// <summary>One transaction in three round trips whatever the batch holds: every chat's counters, the senders' own
    /// read marks and the members who will hear of it (one command), every row of every message (one batch), and the
    /// commit.</summary>
    private async Task<List<WrittenMessage>> StoreAsync(List<MessageDraft> drafts)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var sql = new Statements(db, tx.GetDbTransaction(), metrics);
        var chats = drafts.GroupBy(d => d.Message.ChatId).OrderBy(g => g.Key).ToList();

        var rows = string.Join(" UNION ALL ", chats.Select(c => $"SELECT {sql.Id(c.Key)} AS id, {sql.Number(c.Count())} AS n"));
        // One's own message is read: the sender's mark moves to their last message in the chat, which is the chat's new
        // last number less the messages queued behind it (the statements before it in this command have moved it).
        var marks = chats.SelectMany(chat => chat.Select((d, i) => (d.SenderRowId, Back: chat.Count() - 1 - i))
            .GroupBy(d => d.SenderRowId).Select(own =>
            {
                var seq = $"""(SELECT "LastSeq" FROM "Chats" WHERE "Id" = {sql.Id(chat.Key)}) - {sql.Number(own.Min(d => d.Back))}""";
                return $"""UPDATE "ChatMembers" SET "LastReadSeq" = {seq} WHERE "Id" = {sql.Id(own.Key)} AND "LastReadSeq" < {seq};""";
            })).ToList();
        var counters = new Dictionary<Guid, (long Seq, long Version)>();
        var members = new Dictionary<Guid, List<Guid>>();
        await sql.ReadAsync($"""
            UPDATE "Chats" SET "LastSeq" = "LastSeq" + v.n, "LastVersion" = "LastVersion" + v.n
            FROM ({rows}) AS v WHERE "Chats"."Id" = v.id RETURNING "Chats"."Id", "Chats"."LastSeq", "Chats"."LastVersion";
            {string.Join("\n", marks)}
            SELECT "ChatId", "AccountId" FROM "ChatMembers" WHERE "ChatId" IN ({string.Join(", ", chats.Select(c => sql.Id(c.Key)))});
            """, (r, resultIndex) =>
            {
                if (resultIndex == 0)
                {
                    counters[sql.ReadId(r, 0)] = (r.GetInt64(1), r.GetInt64(2));
                    return;
                }
                var chat = sql.ReadId(r, 0);
                if (!members.TryGetValue(chat, out var list)) members[chat] = list = [];
                list.Add(sql.ReadId(r, 1));
            });
        foreach (var chat in chats)
        {
            var (seq, version) = counters[chat.Key];
            seq -= chat.Count();
            version -= chat.Count();
            foreach (var draft in chat)
            {
                draft.Message.Seq = ++seq;
                draft.Message.Version = ++version;
            }
        }

        foreach (var draft in drafts)
        {
            db.Messages.Add(draft.Message);
            db.Mentions.AddRange(draft.Mentions);
            db.Attachments.AddRange(draft.Attachments);
            if (draft.Poll is { } poll) db.Polls.Add(poll);
            db.PollOptions.AddRange(draft.Options);
            if (draft.Audit is { } audit) db.AuditEntries.Add(audit);
            // Its notifications are worked out later, from this row, which commits with the message or not at all.
            if (draft.Message.CallNote is null or CallNote.Started or CallNote.Missed)
                db.PushJobs.Add(new PushJob { MessageId = draft.Message.Id, CreatedAt = draft.Message.CreatedAt });
        }
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return drafts.Select(d => new WrittenMessage(d.Message, members.GetValueOrDefault(d.Message.ChatId) ?? [], Duplicate: false)).ToList();
    }

    /// <summary>Plain commands on the context's connection and transaction, with parameters as the provider stores them
    /// (EF keeps Guids on SQLite as upper-case text), timed into the database-time metric as EF's commands are.</summary>
    private sealed class Statements(SferaDb db, System.Data.Common.DbTransaction transaction, SferaMetrics metrics)
    {
        private readonly bool sqlite = db.Database.IsSqlite();
        private readonly List<(string Name, object Value)> parameters = [];

        public string Id(Guid id) => Add(sqlite ? id.ToString().ToUpperInvariant() : id);

        public string Number(long n) => Add(n);

        public Guid ReadId(System.Data.Common.DbDataReader reader, int column) =>
            sqlite ? Guid.Parse(reader.GetString(column)) : reader.GetGuid(column);

        private string Add(object value)
        {
            var name = "@p" + parameters.Count;
            parameters.Add((name, value));
            return name;
        }

        /// <summary>Runs the text (one statement or several) and hands every row of every result to <paramref name="row"/>,
        /// with the result's number (counting only the statements that return rows, such as a SELECT or a RETURNING).</summary>
        public async Task ReadAsync(string text, Action<System.Data.Common.DbDataReader, int> row)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            foreach (var (name, value) in parameters)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value;
                command.Parameters.Add(p);
            }
            parameters.Clear();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                var result = 0;
                do
                {
                    if (reader.FieldCount == 0) continue;
                    while (await reader.ReadAsync()) row(reader, result);
                    result++;
                }
                while (await reader.NextResultAsync());
            }
            metrics.DatabaseCommand(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }
}
