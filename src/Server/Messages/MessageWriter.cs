using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.Operations;
using Sfera.Polls;

namespace Sfera.Messages;

/// <summary>A message ready to store: everything but its sequence number and version, which the writer hands out.</summary>
public sealed record MessageDraft(Message Message, Guid SenderRowId, List<Mention> Mentions, List<MessageAttachment> Attachments, Poll? Poll, List<PollOption> Options);

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

    public MessageWriter(IServiceScopeFactory scopes, ILogger<MessageWriter> log, SferaMetrics metrics)
    {
        this.scopes = scopes;
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

    /// <summary>One transaction: the chats' counters (one statement per chat), every row of every message, the senders'
    /// own read marks, and the members who will hear of it.</summary>
    private async Task<List<WrittenMessage>> StoreAsync(List<MessageDraft> drafts)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        // Chats in a fixed order, so two nodes' writers never wait on each other's counter rows crosswise.
        foreach (var chat in drafts.GroupBy(d => d.Message.ChatId).OrderBy(g => g.Key))
        {
            var count = chat.Count();
            var counters = (await db.Database.SqlQuery<ChatCounters>($"""
                UPDATE "Chats" SET "LastSeq" = "LastSeq" + {count}, "LastVersion" = "LastVersion" + {count}
                WHERE "Id" = {chat.Key} RETURNING "LastSeq", "LastVersion"
                """).ToListAsync()).Single();
            var (seq, version) = (counters.LastSeq - count, counters.LastVersion - count);
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
        }
        await db.SaveChangesAsync();
        // One's own message is read: the sender's mark moves to their last message in the chat.
        foreach (var own in drafts.GroupBy(d => d.SenderRowId))
        {
            var seq = own.Max(d => d.Message.Seq);
            await db.ChatMembers.IgnoreQueryFilters().Where(m => m.Id == own.Key && m.LastReadSeq < seq)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastReadSeq, seq));
        }
        var chatIds = drafts.Select(d => d.Message.ChatId).Distinct().ToList();
        var members = (await db.ChatMembers.IgnoreQueryFilters().Where(m => chatIds.Contains(m.ChatId))
                .Select(m => new { m.ChatId, m.AccountId }).ToListAsync())
            .GroupBy(m => m.ChatId).ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Select(m => m.AccountId).ToList());
        await tx.CommitAsync();
        return drafts.Select(d => new WrittenMessage(d.Message, members.GetValueOrDefault(d.Message.ChatId) ?? [], Duplicate: false)).ToList();
    }

}

/// <summary>A chat's counters after the writer advanced them.</summary>
public sealed class ChatCounters
{
    public long LastSeq { get; set; }
    public long LastVersion { get; set; }
}
