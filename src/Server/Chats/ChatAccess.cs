using Microsoft.EntityFrameworkCore;
using Sfera.Auth;
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

    // Every request under a chat, with CurrentUser's session check taken in: the session and its account, the chat
    // membership, the school roles and the classes led, in one round trip. No rows: the session has ended. Rows with no
    // chat: a live session, but the caller is not in the chat or not confirmed in the school; otherwise a row per role
    // (times each class led). Read without tracking; the chat and the member are attached afterwards, as a tracked
    // query would have them.
    private static readonly Func<SferaDb, Guid, Guid, Guid, Guid, IAsyncEnumerable<SessionRow>> SessionChatAndSchool = EF.CompileAsyncQuery(
        (SferaDb db, Guid sessionId, Guid accountId, Guid schoolId, Guid chatId) =>
            from s in db.AuthSessions.AsNoTracking()
            where s.Id == sessionId && s.AccountId == accountId && s.EndedAt == null
            join a in db.Users on s.AccountId equals a.Id
            from r in (
                from cm in db.ChatMembers
                where cm.ChatId == chatId && cm.AccountId == accountId && cm.SchoolId == schoolId
                join c in db.Chats on cm.ChatId equals c.Id
                join m in db.Memberships on cm.AccountId equals m.AccountId
                where m.SchoolId == schoolId && m.Status == MembershipStatus.Confirmed
                join k in db.Classes.Where(k => k.SchoolId == schoolId) on (Guid?)cm.AccountId equals k.ClassTeacherId into led
                from k in led.DefaultIfEmpty()
                select new { Chat = c, Member = cm, m.Role, m.ClassId, LedClassId = k == null ? (Guid?)null : k.Id }).DefaultIfEmpty()
            select new SessionRow(a, r == null ? null : r.Chat, r == null ? null : r.Member, r == null ? null : r.Role, r == null ? null : r.ClassId,
                r == null ? null : r.LedClassId));

    private sealed record SessionRow(Account Account, Chat? Chat, ChatMember? Member, Role? Role, Guid? ClassId, Guid? LedClassId);

    /// <summary>The chat group's lookup (<see cref="ISessionLookup"/>, in place of the school group's): the caller's
    /// session, their school membership and their membership of the route's chat in one query, which
    /// <see cref="SchoolAccess.ResolveAsync"/> and <see cref="ResolveAsync"/> then find ready. Not in the chat means no school membership either: the route answers
    /// 404 either way.</summary>
    private sealed class Lookup : ISessionLookup
    {
        public static readonly Lookup Instance = new();

        public async Task<Account?> FindAccountAsync(HttpContext http, SferaDb db, Guid sessionId, Guid accountId, string? stamp)
        {
            if (!Guid.TryParse(http.Request.RouteValues["schoolId"] as string, out var schoolId)
                || !Guid.TryParse(http.Request.RouteValues["chatId"] as string, out var chatId))
                return await CurrentUser.SessionAccountAsync(db, sessionId, accountId);
            var rows = new List<SessionRow>();
            await foreach (var row in SessionChatAndSchool(db, sessionId, accountId, schoolId, chatId)) rows.Add(row);
            if (rows.Count == 0 || rows[0].Account.SecurityStamp != stamp) return null;
            SchoolMember? member = null;
            ChatMembership? membership = null;
            if (rows[0] is { Chat: { } chat, Member: { } chatMember })
            {
                db.Attach(chat);
                db.Attach(chatMember);
                member = SchoolAccess.MemberOf(db, schoolId, accountId, rows.Select(r => (r.Role!.Value, r.ClassId, r.LedClassId)).ToList());
                membership = new ChatMembership(chat, chatMember);
            }
            http.Items[typeof(SchoolMember)] = member;
            http.Items[typeof(ChatMembership)] = membership;
            return rows[0].Account;
        }
    }

    // The hub's typing, and chat requests that came without a session lookup: compiled once, not translated per call.
    private static readonly Func<SferaDb, Guid, Guid, Guid, Task<Found?>> MemberOfChat =
        EF.CompileAsyncQuery((SferaDb db, Guid schoolId, Guid accountId, Guid chatId) => db.ChatMembers
            .Where(m => m.ChatId == chatId && m.AccountId == accountId && m.SchoolId == schoolId)
            .Join(db.Chats, m => m.ChatId, c => c.Id, (m, c) => new Found(c, m))
            .FirstOrDefault());

    private sealed record Found(Chat Chat, ChatMember Member);

    public static Task<List<Guid>> MemberIdsAsync(SferaDb db, Guid chatId) =>
        db.ChatMembers.IgnoreQueryFilters().Where(m => m.ChatId == chatId).Select(m => m.AccountId).ToListAsync();

    /// <summary>A route group under /api/v1/schools/{schoolId}/chats/{chatId} open only to the chat's members: the school
    /// group's check first, then this one, once, before any handler. Both are answered by the session's query
    /// (<see cref="Lookup"/>); without it (no session to check) each makes its own.</summary>
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
