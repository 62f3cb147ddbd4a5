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
        SchoolMember member, SferaDb db, string? q, Guid? chatId, int? limit)
    {
        var v = new Validator().Text(q, "q", 200);
        if (!v.IsValid) return v.Problem();
        var text = q!.Trim();
        var take = Math.Clamp(limit ?? 50, 1, 100);

        IQueryable<Message> matches;
        if (db.Database.IsNpgsql())
            matches = db.Messages.Where(m => EF.Functions.ToTsVector("russian", m.Text).Matches(EF.Functions.WebSearchToTsQuery("russian", text)));
        else
        {
            var query = Fts5Query(text);
            if (query.Length == 0) return TypedResults.Ok(new List<MessageResponse>());
            matches = db.Messages.FromSql($"""SELECT * FROM "Messages" WHERE rowid IN (SELECT rowid FROM "MessagesFts" WHERE "MessagesFts" MATCH {query})""");
        }

        var mine = db.ChatMembers.Where(c => c.AccountId == member.AccountId && c.SchoolId == member.SchoolId).Select(c => c.ChatId);
        // Search reads history too: not in chats whose history the contact policy has closed to the caller.
        var checkedChats = await db.Chats.Where(c => mine.Contains(c.Id) && (c.Kind == ChatKind.Personal || c.Kind == ChatKind.Group)).ToListAsync();
        var closed = (await ChatPolicy.UnreadableAsync(db, member.SchoolId, checkedChats, member.AccountId)).ToList();
        var found = matches.Where(m => m.DeletedAt == null && m.SchoolId == member.SchoolId && mine.Contains(m.ChatId) && !closed.Contains(m.ChatId)
            && (chatId == null || m.ChatId == chatId));
        return TypedResults.Ok(await MessageQueries.ListAsync(db, found.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.ChatId).ThenByDescending(m => m.Seq).Take(take)));
    }

    /// <summary>Words become quoted prefix terms ("уроки" → "урок"*), so no FTS5 syntax from the user gets through.</summary>
    internal static string Fts5Query(string text)
    {
        var words = text.Split((char[])[' ', '\t', '\n', ',', '.', '!', '?', ';', ':', '"', '\'', '(', ')', '*', '-', '+', '^'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(" ", words.Take(10).Select(w =>
        {
            var stem = w.Length > 4 ? w[..Math.Max(4, w.Length - 2)] : w;
            return "\"" + stem.Replace("\"", "", StringComparison.Ordinal) + "\"*";
        }));
    }
}
