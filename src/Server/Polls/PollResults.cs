using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sfera.Classes;
using Sfera.Data;

namespace Sfera.Polls;

/// <summary>A new poll: the message's text is its question.</summary>
public sealed record PollRequest(List<string> Options, bool Multiple = false, bool Anonymous = false, DateTimeOffset? ClosesAt = null);

/// <summary>
/// A poll as everyone in the chat sees it. Voters are listed only in named polls; an anonymous poll says how many,
/// never who. <see cref="MyChoice"/> is the caller's own vote, present only in answers to the caller (GET, vote),
/// and null in what is pushed to everyone.
/// </summary>
public sealed record PollResponse(
    Guid Id, Guid MessageId, string Question, bool Multiple, bool Anonymous, DateTimeOffset? ClosesAt, bool Closed, int VoterCount,
    List<PollOptionResponse> Options, List<Guid>? MyChoice);

public sealed record PollOptionResponse(Guid Id, string Text, int Votes, List<PersonRef>? Voters);

/// <summary>The server's secret for voter keys: from configuration (Polls:BallotKey, base64, shared by all nodes)
/// or a key file made once in the data folder.</summary>
public sealed class BallotKey
{
    private readonly byte[] key;

    public BallotKey(IConfiguration config, IWebHostEnvironment env)
    {
        if (config["Polls:BallotKey"] is { Length: > 0 } configured)
        {
            key = Convert.FromBase64String(configured);
            return;
        }
        var dataDir = Path.GetFullPath(config["Sfera:DataDirectory"] ?? Path.Combine(env.ContentRootPath, "data"));
        Directory.CreateDirectory(dataDir);
        var path = Path.Combine(dataDir, "ballot.key");
        if (!File.Exists(path))
        {
            try
            {
                using var created = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                created.Write(RandomNumberGenerator.GetBytes(32));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process made it first.
            }
        }
        key = File.ReadAllBytes(path);
    }

    /// <summary>Same voter and poll, same key; nothing about the voter can be read back from it.</summary>
    public string VoterKey(Guid pollId, Guid accountId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{pollId:N}:{accountId:N}")));
}

public static class PollResults
{
    /// <summary>Polls of these messages, results included. Votes are counted per option; voters are named only for
    /// named polls.</summary>
    public static async Task<Dictionary<Guid, PollResponse>> LoadAsync(SferaDb db, IReadOnlyCollection<Guid> messageIds)
    {
        if (messageIds.Count == 0) return [];
        var polls = await db.Polls.IgnoreQueryFilters().Where(p => messageIds.Contains(p.MessageId))
            .Join(db.Messages.IgnoreQueryFilters(), p => p.MessageId, m => m.Id, (p, m) => new { Poll = p, Question = m.Text })
            .ToListAsync();
        if (polls.Count == 0) return [];
        var pollIds = polls.Select(p => p.Poll.Id).ToList();
        var options = await db.PollOptions.IgnoreQueryFilters().Where(o => pollIds.Contains(o.PollId)).OrderBy(o => o.Position).ToListAsync();
        var counts = await db.PollVotes.IgnoreQueryFilters().Where(v => pollIds.Contains(v.PollId))
            .GroupBy(v => v.OptionId).Select(g => new { OptionId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.OptionId, g => g.Count);
        var voterCounts = await db.PollVotes.IgnoreQueryFilters().Where(v => pollIds.Contains(v.PollId))
            .GroupBy(v => v.PollId).Select(g => new { PollId = g.Key, Count = g.Select(v => v.VoterKey).Distinct().Count() })
            .ToDictionaryAsync(g => g.PollId, g => g.Count);
        var namedIds = polls.Where(p => !p.Poll.Anonymous).Select(p => p.Poll.Id).ToList();
        var voters = namedIds.Count == 0 ? [] : (await db.PollVotes.IgnoreQueryFilters()
                .Where(v => namedIds.Contains(v.PollId) && v.VoterId != null)
                .Join(db.Users, v => v.VoterId, u => u.Id, (v, u) => new { v.OptionId, Person = new PersonRef(u.Id, u.DisplayName) })
                .ToListAsync())
            .GroupBy(v => v.OptionId)
            .ToDictionary(g => g.Key, g => g.Select(v => v.Person).OrderBy(p => p.DisplayName, StringComparer.CurrentCulture).ToList());
        var now = db.Clock.GetUtcNow();
        return polls.ToDictionary(p => p.Poll.MessageId, p => new PollResponse(
            p.Poll.Id, p.Poll.MessageId, p.Question, p.Poll.Multiple, p.Poll.Anonymous, p.Poll.ClosesAt, p.Poll.IsClosed(now),
            voterCounts.GetValueOrDefault(p.Poll.Id),
            options.Where(o => o.PollId == p.Poll.Id).Select(o => new PollOptionResponse(
                o.Id, o.Text, counts.GetValueOrDefault(o.Id), p.Poll.Anonymous ? null : voters.GetValueOrDefault(o.Id) ?? [])).ToList(),
            null));
    }

    public static async Task<PollResponse> OneAsync(SferaDb db, Guid messageId) =>
        (await LoadAsync(db, [messageId]))[messageId];

    public static async Task<List<Guid>> ChoiceAsync(SferaDb db, Poll poll, string voterKey) =>
        await db.PollVotes.Where(v => v.PollId == poll.Id && v.VoterKey == voterKey)
            .Join(db.PollOptions, v => v.OptionId, o => o.Id, (v, o) => o).OrderBy(o => o.Position).Select(o => o.Id).ToListAsync();
}
