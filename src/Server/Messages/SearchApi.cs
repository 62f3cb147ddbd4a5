using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Schools;

namespace Sfera.Messages;

/// <summary>
/// Search within the chats the caller belongs to. PostgreSQL matches with Russian morphology ("урок" finds "уроки",
/// "уроков"); SQLite's FTS5 has no Russian stemmer, so each word is matched as a prefix of its likely stem.
/// </summary>
public static class SearchApi
{
    public static void MapSearch(this IEndpointRouteBuilder routes) =>
        routes.MapSchoolGroup("Messages").MapGet("/search", Search).RequireRateLimiting(RateLimits.Search).WithSummary("Searches messages of the caller's chats (Russian morphology).");

    private static async Task<Results<Ok<List<MessageResponse>>, ValidationProblem>> Search(
        SchoolMember member, SferaDb db, IConfiguration config, string? q, Guid? chatId, int? limit)
    {
        var v = new Validator().Text(q, "q", 200);
        if (!v.IsValid) return v.Problem();
        var text = q!.Trim();
        var take = Math.Clamp(limit ?? 50, 1, 100);

        var mine = await db.ChatMembers.Where(c => c.AccountId == member.AccountId && c.SchoolId == member.SchoolId)
            .Select(c => c.ChatId).ToListAsync();
        // Search reads history too: not in chats whose history the contact policy has closed to the caller.
        var checkedChats = await db.Chats.Where(c => mine.Contains(c.Id) && (c.Kind == ChatKind.Personal || c.Kind == ChatKind.Group)).ToListAsync();
        var closed = await ChatPolicy.UnreadableAsync(db, member.SchoolId, checkedChats, member.AccountId);
        var readable = mine.Where(c => !closed.Contains(c) && (chatId == null || c == chatId)).Order().ToArray();
        if (readable.Length == 0) return TypedResults.Ok(new List<MessageResponse>());

        // Both providers look in the caller's chats alone and stop at the newest page, so a common word costs about a page
        // of matches, not every match in the school or the database (docs/performance.md, "Big history").
        IQueryable<Message> matches;
        if (db.Database.IsNpgsql())
        {
            var walked = await WalkNewestAsync(db, readable, text, take, config.GetValue("Sfera:SearchWalkRows", 10_000));
            matches = walked is not null
                ? db.Messages.Where(m => walked.Contains(m.Id))
                : db.Messages.FromSql($"""
                    SELECT * FROM "Messages" WHERE "ChatId" = ANY({readable}) AND "SearchVector" @@ websearch_to_tsquery('russian', {text})
                    """);
        }
        else
        {
            // Words in the forms Russian most often takes first (exact terms, which the index reads lazily, newest first,
            // stopping at the page); only when they make less than a page, as prefixes of their likely stems (every
            // match of a prefix is read to answer, so a common one costs more). The second finds all the first does.
            List<Guid> hits = Fts5Query(text, readable, forms: true) is { } forms ? await Fts5HitsAsync(db, forms, readable, take) : [];
            if (hits.Count < take)
            {
                if (Fts5Query(text, readable, forms: false) is not { } prefixes) return TypedResults.Ok(new List<MessageResponse>());
                hits = await Fts5HitsAsync(db, prefixes, readable, take);
            }
            matches = db.Messages.Where(m => hits.Contains(m.Id));
        }

        // The index answered for these chats only (each way checks them in its own query); the school is checked again.
        // Not the chats here: with a condition on the chat as well as on the ids, SQLite reads the chat's whole index.
        var found = matches.Where(m => m.DeletedAt == null && m.SchoolId == member.SchoolId);
        return TypedResults.Ok(await MessageQueries.ListAsync(db, found.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.ChatId).ThenByDescending(m => m.Seq).Take(take)));
    }

    /// <summary>One row of <see cref="WalkNewestAsync"/>: a chat, the time of the oldest message its walk reached (null
    /// when the walk reached the chat's first message), and a match, if any.</summary>
    private sealed class Walked
    {
        public Guid ChatId { get; init; }
        public DateTimeOffset? Frontier { get; init; }
        public Guid? Id { get; init; }
        public DateTimeOffset? CreatedAt { get; init; }
        public long? Seq { get; init; }
    }

    /// <summary>
    /// PostgreSQL's way to a common word: each chat's newest messages, newest first, tested against their stored text
    /// vectors up to a budget of rows, stopping in a chat at a page of matches (one round trip for all the chats). The
    /// matches are the answer when nothing the walks left could come before the page's last: a chat that gave a page
    /// of its own has left only what comes after that page, and so after the answer's; a chat walked to its start has
    /// left nothing; a chat whose budget ran out has left messages older than the oldest it reached, which must then
    /// be older than the page's last. Otherwise (a rarer word: the full-text index, keyed by chat and word, finds it
    /// among these chats alone) null. Either way the same answer; this way does not read every match of a common word.
    /// </summary>
    private static async Task<List<Guid>?> WalkNewestAsync(SferaDb db, Guid[] chats, string text, int take, int rows)
    {
        // Sfera:SearchWalkRows in all (10,000: about 7 ms with stored vectors), and at least a fortieth of it a chat.
        var budget = Math.Max(Math.Max(1, rows / 40), rows / chats.Length);
        var walked = await db.Database.SqlQuery<Walked>($"""
            SELECT c.id AS "ChatId", f."CreatedAt" AS "Frontier", x."Id", x."CreatedAt", x."Seq"
            FROM unnest({chats}) AS c(id)
            LEFT JOIN LATERAL (SELECT "CreatedAt" FROM "Messages" WHERE "ChatId" = c.id ORDER BY "Seq" DESC OFFSET {budget - 1} LIMIT 1) AS f ON true
            LEFT JOIN LATERAL (
                SELECT r."Id", r."CreatedAt", r."Seq" FROM (SELECT * FROM "Messages" WHERE "ChatId" = c.id ORDER BY "Seq" DESC LIMIT {budget}) AS r
                WHERE r."DeletedAt" IS NULL AND r."SearchVector" @@ websearch_to_tsquery('russian', {text})
                ORDER BY r."Seq" DESC LIMIT {take}) AS x ON true
            """).ToListAsync();
        // The oldest message reached by a walk that ran out of budget before it found a page (a chat that gave a page,
        // or was walked to its start, leaves nothing that could come first).
        var unread = walked.GroupBy(r => r.ChatId).Where(chat => chat.Count(r => r.Id is not null) < take).Max(chat => chat.First().Frontier);
        // The page in the answer's own order. A message left unread from the same instant as the page's last could
        // come before it, so then the index decides.
        var page = walked.Where(r => r.Id is not null).OrderByDescending(r => r.CreatedAt).ThenBy(r => r.ChatId).ThenByDescending(r => r.Seq)
            .Take(take).ToList();
        var complete = unread is null || (page.Count == take && page[^1].CreatedAt > unread);
        return complete ? page.Select(r => r.Id!.Value).ToList() : null;
    }

    private sealed class Hit
    {
        public Guid Id { get; init; }
        public Guid ChatId { get; init; }
    }

    /// <summary>The newest page of the index's matches (the index's rowids follow the order messages were stored in),
    /// in the given chats. Driven from the index: each match is one lookup by rowid.</summary>
    private static async Task<List<Guid>> Fts5HitsAsync(SferaDb db, string query, Guid[] chats, int take)
    {
        var hits = await db.Database.SqlQuery<Hit>($"""
            SELECT m."Id", m."ChatId" FROM (
                SELECT rowid AS r FROM "MessagesFts" WHERE "MessagesFts" MATCH {query} ORDER BY rowid DESC LIMIT {take}) AS hits
            CROSS JOIN "Messages" AS m ON m.rowid = hits.r
            """).ToListAsync();
        return hits.Where(h => chats.Contains(h.ChatId)).Select(h => h.Id).ToList();
    }

    /// <summary>The FTS5 query: the words of <paramref name="text"/> in the text column, and one of the chats in the
    /// chat column (each chat's id without dashes, one token, as the index's triggers write it). With
    /// <paramref name="forms"/> each word is any of its likely forms (<see cref="Fts5Forms"/>; null when the text has
    /// too many words for that), else a prefix of its likely stem (<see cref="Fts5Words"/>). Every word is a quoted
    /// term, so no FTS5 syntax from the user gets through. Null when the text has no words.</summary>
    internal static string? Fts5Query(string text, IEnumerable<Guid> chats, bool forms)
    {
        var words = forms ? Fts5Forms(text) : Fts5Words(text);
        return string.IsNullOrEmpty(words) ? null : $"\"Text\" : ({words}) AND \"Chat\" : ({string.Join(" OR ", chats.Select(c => $"\"{c:N}\""))})";
    }

    // Endings of Russian nouns, adjectives, participles and verbs: a word's likely forms are what is left after cutting
    // up to three letters off it (keeping four), followed by one of these.
    private static readonly string[] Endings =
    [
        "", "а", "я", "о", "е", "ё", "ы", "и", "у", "ю", "ь", "й", "ой", "ей", "ою", "ею", "ом", "ем", "ём", "ам", "ям", "ами",
        "ями", "ах", "ях", "ов", "ев", "ие", "ия", "ию", "ии", "ий", "ием", "иям", "иями", "иях", "ье", "ья", "ьи", "ью", "ьев",
        "ый", "ая", "яя", "ое", "ее", "ые", "ого", "его", "ому", "ему", "ым", "им", "ую", "юю", "ых", "их", "ыми", "ими", "ть",
        "ти", "ешь", "ет", "ете", "ют", "ут", "ишь", "ит", "ите", "ят", "ат", "л", "ла", "ло", "ли", "ся", "сь", "ться", "тся",
    ];

    /// <summary>Each word (five at most, else null) as any of its likely forms, exact quoted terms: "урок" finds
    /// "урока", "уроки", "уроков"; "физкультура" finds "физкультуры", "физкультуре".</summary>
    internal static string? Fts5Forms(string text)
    {
        var words = SplitWords(text);
        if (words.Length > 5) return null;
        return string.Join(" AND ", words.Select(w =>
        {
            var word = w.Replace("\"", "", StringComparison.Ordinal).ToLowerInvariant();
            var forms = new SortedSet<string>(StringComparer.Ordinal);
            for (var cut = 0; cut <= 3 && (cut == 0 || word.Length - cut >= 4); cut++)
                foreach (var ending in Endings) forms.Add(word[..^cut] + ending);
            return "(" + string.Join(" OR ", forms.Select(f => $"\"{f}\"")) + ")";
        }));
    }

    /// <summary>Words become quoted prefix terms ("уроки" → "урок"*), so no FTS5 syntax from the user gets through.</summary>
    internal static string Fts5Words(string text) =>
        string.Join(" ", SplitWords(text).Take(10).Select(w =>
        {
            var stem = w.Length > 4 ? w[..Math.Max(4, w.Length - 2)] : w;
            return "\"" + stem.Replace("\"", "", StringComparison.Ordinal) + "\"*";
        }));

    private static string[] SplitWords(string text) =>
        text.Split((char[])[' ', '\t', '\n', ',', '.', '!', '?', ';', ':', '"', '\'', '(', ')', '*', '-', '+', '^'], StringSplitOptions.RemoveEmptyEntries);
}
