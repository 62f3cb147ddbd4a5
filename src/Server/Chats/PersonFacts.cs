using Microsoft.EntityFrameworkCore;
using Sfera.Data;

namespace Sfera.Chats;

/// <summary>What the contact policy needs to know about one confirmed member of a school.</summary>
public sealed record PersonFacts(
    Guid AccountId, IReadOnlySet<Role> Roles, IReadOnlySet<Guid> StudentClasses, IReadOnlySet<Guid> ChildIds,
    IReadOnlySet<Guid> ChildClasses, IReadOnlySet<Guid> TaughtClasses)
{
    public bool IsAdmin => Roles.Contains(Role.Admin);
    public bool IsTeacher => Roles.Contains(Role.Teacher);
    public bool IsStudent => Roles.Contains(Role.Student);
    public bool IsParent => Roles.Contains(Role.Parent);
    public bool IsStaff => IsAdmin || IsTeacher || Roles.Contains(Role.Staff);
    /// <summary>Students are treated as minors.</summary>
    public bool IsMinor => IsStudent && !IsStaff;

    /// <summary>Facts for the given confirmed members of a school, in a few queries whatever their number.</summary>
    public static async Task<Dictionary<Guid, PersonFacts>> LoadAsync(SferaDb db, Guid schoolId, IReadOnlyCollection<Guid> accountIds)
    {
        var ids = accountIds.Distinct().ToList();
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.SchoolId == schoolId && m.Status == MembershipStatus.Confirmed && ids.Contains(m.AccountId))
            .Select(m => new { m.AccountId, m.Role, m.ClassId }).ToListAsync();
        var children = await db.GuardianLinks.AsNoTracking()
            .Where(g => g.SchoolId == schoolId && g.Status == GuardianStatus.Confirmed && ids.Contains(g.GuardianId))
            .Select(g => new { g.GuardianId, g.ChildId }).ToListAsync();
        var childIds = children.Select(c => c.ChildId).Distinct().ToList();
        var childClasses = await db.Memberships.AsNoTracking()
            .Where(m => m.SchoolId == schoolId && m.Status == MembershipStatus.Confirmed && m.Role == Role.Student && m.ClassId != null && childIds.Contains(m.AccountId))
            .Select(m => new { m.AccountId, ClassId = m.ClassId!.Value }).ToListAsync();
        var led = await db.Classes.AsNoTracking().Where(c => c.SchoolId == schoolId && c.ClassTeacherId != null && ids.Contains(c.ClassTeacherId.Value))
            .Select(c => new { AccountId = c.ClassTeacherId!.Value, ClassId = c.Id }).ToListAsync();
        var subjects = await db.SubjectTeachers.AsNoTracking().Where(s => s.SchoolId == schoolId && ids.Contains(s.AccountId))
            .Select(s => new { s.AccountId, s.ClassId }).ToListAsync();

        return memberships.GroupBy(m => m.AccountId).ToDictionary(g => g.Key, g =>
        {
            var kids = children.Where(c => c.GuardianId == g.Key).Select(c => c.ChildId).ToHashSet();
            return new PersonFacts(
                g.Key,
                g.Select(m => m.Role).ToHashSet(),
                g.Where(m => m.Role == Role.Student && m.ClassId != null).Select(m => m.ClassId!.Value).ToHashSet(),
                kids,
                childClasses.Where(c => kids.Contains(c.AccountId)).Select(c => c.ClassId).ToHashSet(),
                led.Where(l => l.AccountId == g.Key).Select(l => l.ClassId).Concat(subjects.Where(s => s.AccountId == g.Key).Select(s => s.ClassId)).ToHashSet());
        });
    }
}
