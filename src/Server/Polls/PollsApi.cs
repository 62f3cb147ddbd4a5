using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Moderation;
using Sfera.Realtime;
using Sfera.Schools;

namespace Sfera.Polls;

public sealed record VoteRequest(List<Guid> OptionIds);
public sealed record PollEvent(Guid SchoolId, Guid ChatId, PollResponse Poll);

/// <summary>
/// Voting, retracting, closing and exporting. Every member of the chat may vote (a read-only announcements chat
/// included); the author or a chat moderator may close early; a deadline closes by itself.
/// </summary>
public static class PollsApi
{
    public static void MapPolls(this IEndpointRouteBuilder routes)
    {
        var chat = routes.MapChatGroup("Polls");
        chat.MapGet("/messages/{messageId:guid}/poll", Get).WithSummary("A poll's results, with the caller's own choice.");
        chat.MapPut("/messages/{messageId:guid}/poll/vote", Vote).WithSummary("Votes, replacing the caller's earlier vote.");
        chat.MapDelete("/messages/{messageId:guid}/poll/vote", Retract).WithSummary("Retracts the caller's vote.");
        chat.MapPost("/messages/{messageId:guid}/poll/close", Close).WithSummary("The author or a moderator closes the poll early.");
        chat.MapGet("/messages/{messageId:guid}/poll/export", Export).WithSummary("The results as CSV.");
    }

    private sealed record Found(Poll Poll, ChatMembership Access, Message Message);

    private static async Task<Found?> FindAsync(SferaDb db, ChatMembership access, Guid messageId)
    {
        var found = await db.Polls.Where(p => p.MessageId == messageId && p.ChatId == access.ChatId)
            .Join(db.Messages.Where(m => m.DeletedAt == null), p => p.MessageId, m => m.Id, (p, m) => new { p, m }).FirstOrDefaultAsync();
        return found is null ? null : new Found(found.p, access, found.m);
    }

    private static async Task<PollResponse> ForCallerAsync(SferaDb db, Poll poll, Guid messageId, string voterKey) =>
        (await PollResults.OneAsync(db, messageId)) with { MyChoice = await PollResults.ChoiceAsync(db, poll, voterKey) };

    private static async Task<Results<Ok<PollResponse>, ProblemHttpResult>> Get(
        SchoolMember member, ChatMembership access, Guid messageId, SferaDb db, BallotKey ballot)
    {
        if (await FindAsync(db, access, messageId) is not { } found) return Problems.NotFound();
        if (!await ChatPolicy.MayReadAsync(db, access.Chat, member.AccountId)) return ChatPolicy.ReadProblem();
        return TypedResults.Ok(await ForCallerAsync(db, found.Poll, messageId, ballot.VoterKey(found.Poll.Id, member.AccountId)));
    }

    /// <summary>Replaces the caller's vote with these options; an empty list retracts it.</summary>
    private static async Task<Results<Ok<PollResponse>, ProblemHttpResult, ValidationProblem>> Vote(
        SchoolMember member, ChatMembership access, Guid messageId, VoteRequest request, SferaDb db, BallotKey ballot, Outbox outbox, TimeProvider clock)
    {
        if (await FindAsync(db, access, messageId) is not { } found) return Problems.NotFound();
        if (await ChatPolicy.RestrictionAsync(db, found.Access.Chat) is var restriction and not ChatRestriction.None) return ChatPolicy.Problem(restriction);
        var poll = found.Poll;
        if (poll.IsClosed(clock.GetUtcNow())) return Problems.Status(409, "poll_closed");
        var chosen = (request.OptionIds ?? []).Distinct().ToList();
        if (chosen.Count > 1 && !poll.Multiple) return Problems.Field("optionIds", "poll_single");
        var valid = await db.PollOptions.Where(o => o.PollId == poll.Id && chosen.Contains(o.Id)).CountAsync();
        if (valid != chosen.Count) return Problems.Field("optionIds", "not_found");
        return await CastAsync(member, found, chosen, db, ballot, outbox, clock);
    }

    private static async Task<Results<Ok<PollResponse>, ProblemHttpResult, ValidationProblem>> Retract(
        SchoolMember member, ChatMembership access, Guid messageId, SferaDb db, BallotKey ballot, Outbox outbox, TimeProvider clock)
    {
        if (await FindAsync(db, access, messageId) is not { } found) return Problems.NotFound();
        if (found.Poll.IsClosed(clock.GetUtcNow())) return Problems.Status(409, "poll_closed");
        return await CastAsync(member, found, [], db, ballot, outbox, clock);
    }

    private static async Task<Results<Ok<PollResponse>, ProblemHttpResult, ValidationProblem>> CastAsync(
        SchoolMember member, Found found, List<Guid> chosen, SferaDb db, BallotKey ballot, Outbox outbox, TimeProvider clock)
    {
        var poll = found.Poll;
        var key = ballot.VoterKey(poll.Id, member.AccountId);
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await db.PollVotes.Where(v => v.PollId == poll.Id && v.VoterKey == key).ExecuteDeleteAsync();
            foreach (var option in chosen)
                db.PollVotes.Add(poll.Anonymous
                    // Nothing that could point back at the voter: no account, no time, and an id that is not time-ordered.
                    ? new PollVote { Id = Guid.NewGuid(), SchoolId = poll.SchoolId, PollId = poll.Id, OptionId = option, VoterKey = key }
                    : new PollVote { Id = Guid.CreateVersion7(), SchoolId = poll.SchoolId, PollId = poll.Id, OptionId = option, VoterKey = key,
                        VoterId = member.AccountId, VotedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        return TypedResults.Ok(await PublishAsync(db, outbox, member, found, key));
    }

    /// <summary>The new results to every member but the caller, whose tabs get the same with their own choice (the answer).</summary>
    private static async Task<PollResponse> PublishAsync(SferaDb db, Outbox outbox, SchoolMember member, Found found, string voterKey)
    {
        var chatId = found.Access.ChatId;
        var results = await PollResults.OneAsync(db, found.Message.Id);
        var others = (await ChatAccess.MemberIdsAsync(db, chatId)).Where(id => id != member.AccountId);
        outbox.Add(others, c => c.PollUpdated(new PollEvent(member.SchoolId, chatId, results)));
        var mine = results with { MyChoice = await PollResults.ChoiceAsync(db, found.Poll, voterKey) };
        outbox.Add(member.AccountId, c => c.PollUpdated(new PollEvent(member.SchoolId, chatId, mine)));
        return mine;
    }

    private static async Task<Results<Ok<PollResponse>, ProblemHttpResult>> Close(
        SchoolMember member, ChatMembership access, Guid messageId, SferaDb db, BallotKey ballot, Outbox outbox, TimeProvider clock)
    {
        if (await FindAsync(db, access, messageId) is not { } found) return Problems.NotFound();
        var author = found.Message.SenderId == member.AccountId;
        if (!access.MayActOn(found.Message.SenderId)) return Problems.Forbidden();
        var poll = found.Poll;
        if (!poll.IsClosed(clock.GetUtcNow()))
        {
            poll.ClosedAt = clock.GetUtcNow();
            poll.ClosedBy = member.AccountId;
            if (!author) db.AuditEntries.Add(Audit.Entry(member, "poll.close", access.ChatId, messageId, "", clock));
            await db.SaveChangesAsync();
        }
        return TypedResults.Ok(await PublishAsync(db, outbox, member, found, ballot.VoterKey(poll.Id, member.AccountId)));
    }

    /// <summary>Results as CSV (UTF-8 with BOM, so spreadsheet programs read Cyrillic): one row per option, with the
    /// voters' names in a named poll. Cells that a spreadsheet would take for a formula are quoted as text.</summary>
    private static async Task<IResult> Export(SchoolMember member, ChatMembership access, Guid messageId, SferaDb db)
    {
        if (await FindAsync(db, access, messageId) is null) return Problems.NotFound();
        if (!await ChatPolicy.MayReadAsync(db, access.Chat, member.AccountId)) return ChatPolicy.ReadProblem();
        var results = await PollResults.OneAsync(db, messageId);
        var en = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            csv.WriteField(en ? "Option" : "Вариант");
            csv.WriteField(en ? "Votes" : "Голосов");
            if (!results.Anonymous) csv.WriteField(en ? "Voters" : "Проголосовали");
            await csv.NextRecordAsync();
            foreach (var option in results.Options)
            {
                csv.WriteField(Cell(option.Text));
                csv.WriteField(option.Votes);
                if (!results.Anonymous) csv.WriteField(Cell(string.Join(", ", option.Voters!.Select(v => v.DisplayName))));
                await csv.NextRecordAsync();
            }
        }
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", en ? "poll.csv" : "опрос.csv");
    }

    private static string Cell(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
