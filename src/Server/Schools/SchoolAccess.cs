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

/// <summary>Endpoint metadata of a route group that finds the caller's school membership together with what it needs
/// itself, in one query (the chat group: <see cref="Chats.ChatAccess"/>). It answers null exactly when the caller may
/// not use the route, as the school's own lookup would for a non-member.</summary>
public interface ISchoolAccessLookup
{
    Task<SchoolMember?> FindMemberAsync(HttpContext http, SferaDb db, Guid schoolId, Guid accountId);
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

    /// <summary>A route group under /api/v1/schools/{schoolId} open only to the school's confirmed members.</summary>
    public static RouteGroupBuilder MapSchoolGroup(this IEndpointRouteBuilder routes, string tag) =>
        routes.MapGroup("/api/v1/schools/{schoolId:guid}")
            .WithTags(tag)
            .RequireAuthorization()
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
            var db = http.RequestServices.GetRequiredService<SferaDb>();
            member = http.GetEndpoint()?.Metadata.GetMetadata<ISchoolAccessLookup>() is { } lookup
                ? await lookup.FindMemberAsync(http, db, schoolId, me.Id)
                : await FindMemberAsync(db, me.Id, schoolId);
        }
        http.Items[typeof(SchoolMember)] = member;
        return member;
    }
}
