using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Schools;

namespace Sfera.Chats;

/// <summary>
/// The caller as a member of one chat, with the rights their chat role gives. Handlers under a chat group
/// (<see cref="ChatAccess.MapChatGroup"/>) receive it bound from the route's chatId.
/// </summary>
public sealed record ChatMembership(Chat Chat, ChatMember Member)
{
    public Guid ChatId => Chat.Id;
    public bool IsModerator => Member.Role >= ChatRole.Moderator;
    public bool IsOwner => Member.Role == ChatRole.Owner;
    /// <summary>Members post unless the chat is for moderators only (read-only); moderators always may.</summary>
    public bool MayPost => !Chat.ModeratorsOnly || IsModerator;
    /// <summary>Moderators pin in groups and school chats; in a personal chat either person may.</summary>
    public bool MayPin => IsModerator || Chat.Kind == ChatKind.Personal;
    /// <summary>Adding and removing people by hand: groups only (automatic chats follow the roster), by moderators.</summary>
    public bool MayManageMembers => Chat.Kind == ChatKind.Group && IsModerator;
    /// <summary>Making the chat read-only or open again. Announcements stay moderators-only and personal chats have no moderators.</summary>
    public bool MayChangeSettings => IsModerator && Chat.Kind is not (ChatKind.Personal or ChatKind.Announcements);
    /// <summary>Muting, removing and appointing act only downwards: never on someone of one's own rank or above.</summary>
    public bool Outranks(ChatMember other) => IsModerator && other.Role < Member.Role;
    /// <summary>Removing someone from a group: moderators, up to their own rank (a moderator may remove another).</summary>
    public bool MayRemove(ChatMember other) => IsModerator && other.Role <= Member.Role;
    /// <summary>Deleting, reminding and closing others' things: moderators; one's own: oneself.</summary>
    public bool MayActOn(Guid authorId) => authorId == Member.AccountId || IsModerator;

    internal static readonly ChatMembership Nobody = new(new Chat(), new ChatMember());

    /// <summary>Bound from the route's chatId. The chat group's filter answers 404 before a handler could see <see cref="Nobody"/>.</summary>
    public static async ValueTask<ChatMembership?> BindAsync(HttpContext http) => await ChatAccess.ResolveAsync(http) ?? Nobody;
}

/// <summary>The one way into a chat: the caller must be its member. Missing and not-a-member are the same null (404).</summary>
public static class ChatAccess
{
    public static async Task<ChatMembership?> FindForMemberAsync(SferaDb db, Guid schoolId, Guid accountId, Guid chatId)
    {
        var found = await MemberOfChat(db, schoolId, accountId, chatId);
        return found is null ? null : new ChatMembership(found.Chat, found.Member);
    }

    private sealed record AccessRow(Chat Chat, ChatMember Member, Role Role, Guid? ClassId, Guid? LedClassId);

    // Every request under a chat: the chat membership, the school roles and the classes led, in one round trip.
    // A row per role (times each class led); none when the caller is not in the chat or not confirmed in the school.
    private static readonly Func<SferaDb, Guid, Guid, Guid, IAsyncEnumerable<AccessRow>> ChatAndSchool = EF.CompileAsyncQuery(
        (SferaDb db, Guid schoolId, Guid accountId, Guid chatId) =>
            from cm in db.ChatMembers
            where cm.ChatId == chatId && cm.AccountId == accountId && cm.SchoolId == schoolId
            join c in db.Chats on cm.ChatId equals c.Id
            join m in db.Memberships on cm.AccountId equals m.AccountId
            where m.SchoolId == schoolId && m.Status == MembershipStatus.Confirmed
            join k in db.Classes.Where(k => k.SchoolId == schoolId) on (Guid?)cm.AccountId equals k.ClassTeacherId into led
            from k in led.DefaultIfEmpty()
            select new AccessRow(c, cm, m.Role, m.ClassId, k == null ? null : k.Id));

    /// <summary>The chat group's school lookup: the caller's school membership and, in the same query, their membership
    /// of the route's chat, which <see cref="ResolveAsync"/> then finds ready. Not in the chat means null: the route
    /// answers 404 either way.</summary>
    private sealed class Lookup : ISchoolAccessLookup
    {
        public static readonly Lookup Instance = new();

        public async Task<SchoolMember?> FindMemberAsync(HttpContext http, SferaDb db, Guid schoolId, Guid accountId)
        {
            http.Items[typeof(ChatMembership)] = null;
            if (!Guid.TryParse(http.Request.RouteValues["chatId"] as string, out var chatId)) return null;
            var rows = new List<AccessRow>();
            await foreach (var row in ChatAndSchool(db, schoolId, accountId, chatId)) rows.Add(row);
            if (rows.Count == 0) return null;
            db.SchoolScope = schoolId;
            var roles = rows.Select(r => r.Role).ToHashSet();
            List<Guid> led = roles.Contains(Role.Teacher) ? rows.Select(r => r.LedClassId).OfType<Guid>().Distinct().ToList() : [];
            http.Items[typeof(ChatMembership)] = new ChatMembership(rows[0].Chat, rows[0].Member);
            return new SchoolMember(schoolId, accountId, roles, led, rows.FirstOrDefault(r => r.Role == Role.Student)?.ClassId);
        }
    }

    // Asked by every request under a chat: compiled once, not translated per request.
    private static readonly Func<SferaDb, Guid, Guid, Guid, Task<Found?>> MemberOfChat =
        EF.CompileAsyncQuery((SferaDb db, Guid schoolId, Guid accountId, Guid chatId) => db.ChatMembers
            .Where(m => m.ChatId == chatId && m.AccountId == accountId && m.SchoolId == schoolId)
            .Join(db.Chats, m => m.ChatId, c => c.Id, (m, c) => new Found(c, m))
            .FirstOrDefault());

    private sealed record Found(Chat Chat, ChatMember Member);

    public static Task<List<Guid>> MemberIdsAsync(SferaDb db, Guid chatId) =>
        db.ChatMembers.IgnoreQueryFilters().Where(m => m.ChatId == chatId).Select(m => m.AccountId).ToListAsync();

    /// <summary>A route group under /api/v1/schools/{schoolId}/chats/{chatId} open only to the chat's members: the school
    /// group's check first, then this one, once, before any handler. Both are answered by one query (<see cref="Lookup"/>).</summary>
    public static RouteGroupBuilder MapChatGroup(this IEndpointRouteBuilder routes, string tag) =>
        routes.MapSchoolGroup(tag).MapGroup("/chats/{chatId:guid}")
            .WithMetadata(Lookup.Instance)
            .AddEndpointFilter(async (context, next) =>
                await ResolveAsync(context.HttpContext) is null ? Problems.NotFound() : await next(context));

    /// <summary>The caller's membership of the route's chat, looked up once per request.</summary>
    public static async Task<ChatMembership?> ResolveAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(typeof(ChatMembership), out var cached)) return cached as ChatMembership;
        ChatMembership? found = null;
        if (await SchoolAccess.ResolveAsync(http) is { } member && Guid.TryParse(http.Request.RouteValues["chatId"] as string, out var chatId))
            found = await FindForMemberAsync(http.RequestServices.GetRequiredService<SferaDb>(), member.SchoolId, member.AccountId, chatId);
        http.Items[typeof(ChatMembership)] = found;
        return found;
    }
}
