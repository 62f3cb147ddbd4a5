using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Sfera.Data;
using Sfera.Hosting;

namespace Sfera.Chats;

/// <summary>Why a chat has turned read-only for its members, if it has.</summary>
public enum ChatRestriction
{
    None,
    /// <summary>A personal chat whose two people the contact policy no longer lets reach each other (an unlinked
    /// guardian, a dismissal, a move to another class, a stricter school setting).</summary>
    ContactPolicy,
    /// <summary>A group holding a minor and an adult who is not staff, with no staff member left in it.</summary>
    Unsupervised,
}

/// <summary>
/// The contact policy as it stands now, for chats that already exist. Starting a chat asks <see cref="ContactPolicy"/>;
/// every send, reaction, edit and vote, and every reading of history, asks this, from the facts as they are at that
/// moment, so a roster change, an unlinked guardian, a dismissal or a settings change takes effect at once. A
/// restricted chat keeps its history (for safeguarding) but nobody may write in it; where a minor is in it, the
/// adults who are not staff may no longer read it either. Automatic chats follow the roster and are never restricted.
/// </summary>
public static class ChatPolicy
{
    private sealed record Standing(ChatRestriction Restriction, bool HasMinor, IReadOnlyDictionary<Guid, PersonFacts> Facts);

    public static async Task<ChatRestriction> RestrictionAsync(SferaDb db, Chat chat) =>
        (await StandingsAsync(db, chat.SchoolId, [chat]))[chat.Id].Restriction;

    /// <summary>May this member read the chat's history now: always unless it is restricted, holds a minor, and the
    /// reader is an adult who is not staff.</summary>
    public static async Task<bool> MayReadAsync(SferaDb db, Chat chat, Guid accountId) =>
        MayRead((await StandingsAsync(db, chat.SchoolId, [chat]))[chat.Id], accountId);

    /// <summary>Restrictions of many chats in a few queries, for chat lists.</summary>
    public static async Task<Dictionary<Guid, ChatRestriction>> RestrictionsAsync(SferaDb db, Guid schoolId, IReadOnlyCollection<Chat> chats) =>
        (await StandingsAsync(db, schoolId, chats)).ToDictionary(s => s.Key, s => s.Value.Restriction);

    /// <summary>Of these chats, the ones whose history this member may not read now.</summary>
    public static async Task<HashSet<Guid>> UnreadableAsync(SferaDb db, Guid schoolId, IReadOnlyCollection<Chat> chats, Guid accountId) =>
        (await StandingsAsync(db, schoolId, chats)).Where(s => !MayRead(s.Value, accountId)).Select(s => s.Key).ToHashSet();

    public static ProblemHttpResult Problem(ChatRestriction restriction) =>
        Problems.Status(403, restriction == ChatRestriction.Unsupervised ? "chat_unsupervised" : "chat_contact_policy",
            new Dictionary<string, object?> { ["restriction"] = restriction.ToString() });

    public static ProblemHttpResult ReadProblem() => Problems.Status(403, "chat_history_closed",
        new Dictionary<string, object?> { ["restriction"] = ChatRestriction.ContactPolicy.ToString() });

    private static bool MayRead(Standing standing, Guid accountId) =>
        standing.Restriction == ChatRestriction.None || !standing.HasMinor
        || (standing.Facts.TryGetValue(accountId, out var reader) && (reader.IsMinor || reader.IsStaff));

    /// <summary>Standings by (chat, the school's roster stamp): any change they are computed from renews the stamp in the
    /// same transaction (<see cref="RosterStamp"/>), so an entry is either current or never asked for again.</summary>
    private static readonly MemoryCache Cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    private static async Task<Dictionary<Guid, Standing>> StandingsAsync(SferaDb db, Guid schoolId, IReadOnlyCollection<Chat> chats)
    {
        var result = chats.Where(c => c.IsAutomatic).ToDictionary(c => c.Id, _ => new Standing(ChatRestriction.None, false, new Dictionary<Guid, PersonFacts>()));
        var checkedChats = chats.Where(c => !c.IsAutomatic).ToList();
        if (checkedChats.Count == 0) return result;
        var school = await db.Schools.IgnoreQueryFilters().AsNoTracking().FirstAsync(s => s.Id == schoolId);
        foreach (var chat in checkedChats)
            if (Cache.TryGetValue((chat.Id, school.RosterStamp), out Standing? known)) result[chat.Id] = known!;
        var ids = checkedChats.Where(c => !result.ContainsKey(c.Id)).Select(c => c.Id).ToList();
        if (ids.Count == 0) return result;
        var members = await db.ChatMembers.IgnoreQueryFilters().AsNoTracking().Where(m => ids.Contains(m.ChatId))
            .Select(m => new { m.ChatId, m.AccountId }).ToListAsync();
        var facts = await PersonFacts.LoadAsync(db, schoolId, members.Select(m => m.AccountId).Distinct().ToList());
        foreach (var chat in checkedChats.Where(c => ids.Contains(c.Id)))
        {
            var people = members.Where(m => m.ChatId == chat.Id).Select(m => m.AccountId).ToList();
            // Someone no longer confirmed in the school has no facts: nobody may reach them.
            var known = people.Where(facts.ContainsKey).Select(id => facts[id]).ToList();
            var restriction = chat.Kind == ChatKind.Personal
                ? known.Count == 2 && (ContactPolicy.MayContact(known[0], known[1], school) || ContactPolicy.MayContact(known[1], known[0], school))
                    ? ChatRestriction.None : ChatRestriction.ContactPolicy
                : ContactPolicy.IsSupervised(known) ? ChatRestriction.None : ChatRestriction.Unsupervised;
            var standing = new Standing(restriction, known.Any(p => p.IsMinor), known.ToDictionary(p => p.AccountId));
            result[chat.Id] = standing;
            Cache.Set((chat.Id, school.RosterStamp), standing, new MemoryCacheEntryOptions
                { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        }
        return result;
    }
}
