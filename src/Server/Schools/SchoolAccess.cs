using Microsoft.EntityFrameworkCore;
using Sfera.Auth;
using Sfera.Data;
using Sfera.Hosting;

namespace Sfera.Schools;

/// <summary>The caller as a confirmed member of one school: their roles there and the classes they lead.</summary>
public sealed record SchoolMember(Guid SchoolId, Guid AccountId, IReadOnlySet<Role> Roles, IReadOnlyList<Guid> LedClassIds, Guid? StudentClassId)
{
    public bool IsAdmin => Roles.Contains(Role.Admin);
    public bool IsTeacher => Roles.Contains(Role.Teacher);
    public bool IsStudent => Roles.Contains(Role.Student);
    public bool IsParent => Roles.Contains(Role.Parent);
    /// <summary>Administrators, teachers and other staff: the school's adults at work.</summary>
    public bool IsStaff => IsAdmin || IsTeacher || Roles.Contains(Role.Staff);
    /// <summary>May approve joiners of, and issue invites for, this class.</summary>
    public bool ManagesClass(Guid? classId) => IsAdmin || (classId is { } id && LedClassIds.Contains(id));

    private static readonly SchoolMember Nobody = new(Guid.Empty, Guid.Empty, new HashSet<Role>(), [], null);

    /// <summary>Bound from the route's schoolId. The school group's filter answers 404 before a handler could
    /// see <see cref="Nobody"/>.</summary>
    public static async ValueTask<SchoolMember?> BindAsync(HttpContext http) =>
        await SchoolAccess.ResolveAsync(http) ?? Nobody;
}

/// <summary>
/// The one way into a school's data. "No such school" and "not your school" are the same answer: nothing,
/// which callers turn into 404, so ids cannot be probed.
/// </summary>
public static class SchoolAccess
{
    // Asked by every request under a school: compiled once, not translated per request.
    private static readonly Func<SferaDb, Guid, Guid, IAsyncEnumerable<RoleRow>> ConfirmedRoles =
        EF.CompileAsyncQuery((SferaDb db, Guid schoolId, Guid accountId) => db.Memberships.AsNoTracking()
            .Where(m => m.SchoolId == schoolId && m.AccountId == accountId && m.Status == MembershipStatus.Confirmed)
            .Select(m => new RoleRow(m.Role, m.ClassId)));

    private sealed record RoleRow(Role Role, Guid? ClassId);

    private static readonly Func<SferaDb, Guid, IAsyncEnumerable<Guid>> LedClasses =
        EF.CompileAsyncQuery((SferaDb db, Guid accountId) => db.Classes.Where(c => c.ClassTeacherId == accountId).Select(c => c.Id));

    public static async Task<SchoolMember?> FindMemberAsync(SferaDb db, CurrentUser me, Guid schoolId) =>
        me.Account is null ? null : await FindMemberAsync(db, me.Id, schoolId);

    /// <summary>Any account's confirmed membership (for working out what to push to whom); sets the school scope too.</summary>
    public static async Task<SchoolMember?> FindMemberAsync(SferaDb db, Guid accountId, Guid schoolId)
    {
        var memberships = new List<RoleRow>();
        await foreach (var m in ConfirmedRoles(db, schoolId, accountId)) memberships.Add(m);
        if (memberships.Count == 0) return null;
        db.SchoolScope = schoolId;
        var roles = memberships.Select(m => m.Role).ToHashSet();
        List<Guid> led = [];
        if (roles.Contains(Role.Teacher))
            await foreach (var id in LedClasses(db, accountId)) led.Add(id);
        var studentClass = memberships.FirstOrDefault(m => m.Role == Role.Student)?.ClassId;
        return new SchoolMember(schoolId, accountId, roles, led, studentClass);
    }

    /// <summary>The member that rows of a confirmed membership make, one row per role (times each class the account
    /// leads in the school, or once with none): what <see cref="FindMemberAsync(SferaDb, Guid, Guid)"/> would answer.
    /// Sets the school scope, as it does.</summary>
    internal static SchoolMember MemberOf(SferaDb db, Guid schoolId, Guid accountId, IReadOnlyList<(Role Role, Guid? ClassId, Guid? LedClassId)> rows)
    {
        db.SchoolScope = schoolId;
        var roles = rows.Select(r => r.Role).ToHashSet();
        List<Guid> led = roles.Contains(Role.Teacher) ? rows.Select(r => r.LedClassId).OfType<Guid>().Distinct().ToList() : [];
        return new SchoolMember(schoolId, accountId, roles, led, rows.FirstOrDefault(r => r.Role == Role.Student).ClassId);
    }

    // Every request under a school, with CurrentUser's session check taken in: the session and its account, the school
    // roles and the classes led, in one round trip. No rows: the session has ended. One row with no role: a live
    // session, but not a confirmed member of the school; otherwise a row per role (times each class led).
    private static readonly Func<SferaDb, Guid, Guid, Guid, IAsyncEnumerable<SessionRow>> SessionAndSchool = EF.CompileAsyncQuery(
        (SferaDb db, Guid sessionId, Guid accountId, Guid schoolId) =>
            from s in db.AuthSessions.AsNoTracking()
            where s.Id == sessionId && s.AccountId == accountId && s.EndedAt == null
            join a in db.Users on s.AccountId equals a.Id
            from r in (
                from m in db.Memberships
                where m.AccountId == accountId && m.SchoolId == schoolId && m.Status == MembershipStatus.Confirmed
                join k in db.Classes.Where(k => k.SchoolId == schoolId) on (Guid?)m.AccountId equals k.ClassTeacherId into led
                from k in led.DefaultIfEmpty()
                select new { m.Role, m.ClassId, LedClassId = k == null ? (Guid?)null : k.Id }).DefaultIfEmpty()
            select new SessionRow(a, r == null ? null : r.Role, r == null ? null : r.ClassId, r == null ? null : r.LedClassId));

    private sealed record SessionRow(Account Account, Role? Role, Guid? ClassId, Guid? LedClassId);

    /// <summary>The school group's lookup (<see cref="ISessionLookup"/>): the caller's session and their membership of
    /// the route's school in one query, which <see cref="ResolveAsync"/> then finds ready. (The chat group, inside this
    /// one, has its own that adds the chat.)</summary>
    private sealed class Lookup : ISessionLookup
    {
        public static readonly Lookup Instance = new();

        public async Task<Account?> FindAccountAsync(HttpContext http, SferaDb db, Guid sessionId, Guid accountId, string? stamp)
        {
            if (!Guid.TryParse(http.Request.RouteValues["schoolId"] as string, out var schoolId))
                return await CurrentUser.SessionAccountAsync(db, sessionId, accountId);
            var rows = new List<SessionRow>();
            await foreach (var row in SessionAndSchool(db, sessionId, accountId, schoolId)) rows.Add(row);
            if (rows.Count == 0 || rows[0].Account.SecurityStamp != stamp) return null;
            http.Items[typeof(SchoolMember)] = rows[0].Role is null
                ? null
                : MemberOf(db, schoolId, accountId, rows.Select(r => (r.Role!.Value, r.ClassId, r.LedClassId)).ToList());
            return rows[0].Account;
        }
    }

    /// <summary>A route group under /api/v1/schools/{schoolId} open only to the school's confirmed members. The
    /// membership is found by the session's query (<see cref="Lookup"/>); without it (no session to check) by its own.</summary>
    public static RouteGroupBuilder MapSchoolGroup(this IEndpointRouteBuilder routes, string tag) =>
        routes.MapGroup("/api/v1/schools/{schoolId:guid}")
            .WithTags(tag)
            .RequireAuthorization()
            .WithMetadata(Lookup.Instance)
            .AddEndpointFilter(async (context, next) =>
                await ResolveAsync(context.HttpContext) is null ? Problems.NotFound() : await next(context));

    /// <summary>The caller's membership in the route's school, looked up once per request.</summary>
    public static async Task<SchoolMember?> ResolveAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(typeof(SchoolMember), out var cached)) return cached as SchoolMember;
        SchoolMember? member = null;
        var me = http.RequestServices.GetRequiredService<CurrentUser>();
        if (Guid.TryParse(http.Request.RouteValues["schoolId"] as string, out var schoolId) && me.Account is not null)
        {
            member = await FindMemberAsync(http.RequestServices.GetRequiredService<SferaDb>(), me.Id, schoolId);
        }
        http.Items[typeof(SchoolMember)] = member;
        return member;
    }
}
