using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.Schools;

namespace Sfera.Classes;

public static class ClassAccess
{
    /// <summary>The classes a student is in and the classes of a parent's confirmed children.</summary>
    public static async Task<List<Guid>> OwnClassIdsAsync(SferaDb db, SchoolMember member)
    {
        var children = db.GuardianLinks
            .Where(g => g.SchoolId == member.SchoolId && g.GuardianId == member.AccountId && g.Status == GuardianStatus.Confirmed)
            .Select(g => g.ChildId);
        return await db.Memberships
            .Where(m => m.SchoolId == member.SchoolId && m.Role == Role.Student && m.Status == MembershipStatus.Confirmed && m.ClassId != null
                && (m.AccountId == member.AccountId || children.Contains(m.AccountId)))
            .Select(m => m.ClassId!.Value).Distinct().ToListAsync();
    }

    public static Task<bool> IsTeacherAsync(SferaDb db, Guid schoolId, Guid accountId) =>
        db.Memberships.AnyAsync(m => m.SchoolId == schoolId && m.AccountId == accountId && m.Role == Role.Teacher && m.Status == MembershipStatus.Confirmed);

    public static Task<SchoolClass?> FindAsync(SferaDb db, Guid schoolId, Guid classId) =>
        db.Classes.FirstOrDefaultAsync(c => c.Id == classId && c.SchoolId == schoolId);
}

public static class SchoolYear
{
    /// <summary>The school year starts on 1 September: in November 2026 it is 2026 (2026/27), in March 2027 still 2026.</summary>
    public static int Current(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.Month >= 9 ? now.Year : now.Year - 1;
    }
}

/// <summary>Orders "2А" before "10Б" and normalizes "5 а" to "5А".</summary>
public sealed class ClassNameOrder : IComparer<string>
{
    public static readonly ClassNameOrder Instance = new();

    public static string Normalize(string name) =>
        string.Concat(name.Trim().Where(c => !char.IsWhiteSpace(c))).ToUpper(CultureInfo.GetCultureInfo("ru"));

    public int Compare(string? x, string? y)
    {
        static (int, string) Key(string? s)
        {
            var digits = new string((s ?? "").TakeWhile(char.IsDigit).ToArray());
            return (digits.Length > 0 ? int.Parse(digits, CultureInfo.InvariantCulture) : int.MaxValue, s ?? "");
        }
        var (nx, sx) = Key(x);
        var (ny, sy) = Key(y);
        return nx != ny ? nx.CompareTo(ny) : string.CompareOrdinal(sx, sy);
    }
}
