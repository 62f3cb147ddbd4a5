using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.Hosting;

namespace Sfera.Roster;

/// <summary>The checks that look across rows and at the database, and what they resolved.</summary>
public sealed partial class RosterPlan
{
    /// <summary>Rows whose account exists and is this school's to manage: attached directly.</summary>
    public Dictionary<RosterRow, Account> Existing { get; } = [];
    /// <summary>Rows whose account exists but is not this school's: its owner is invited instead.</summary>
    public Dictionary<RosterRow, Account> Invited { get; } = [];
    public Dictionary<RosterRow, List<RosterRow>> Children { get; } = [];

    [GeneratedRegex(@"^(?<name>.+?)\s*\((?<class>[^)]+)\)$")]
    private static partial Regex Qualified();

    public static async Task<RosterPlan> CheckAsync(List<RosterRow> rows, List<RosterError> errors, Guid schoolId, SferaDb db)
    {
        var plan = new RosterPlan();
        void Fail(RosterRow row, string field, string key) => errors.Add(new RosterError(row.Line, field, Texts.Get(key)));

        var phones = new HashSet<string>();
        var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var classTeachers = new HashSet<string>();
        foreach (var row in rows)
        {
            if (row.Phone is not null && !phones.Add(row.Phone)) Fail(row, "phone", "csv_duplicate");
            if (row.Email is not null && !emails.Add(row.Email)) Fail(row, "email", "csv_duplicate");
            if (row.Role == Role.Teacher && row.ClassName.Length > 0 && !classTeachers.Add(row.ClassName)) Fail(row, "class", "csv_class_teacher");

            var existing = await People.AccountOwnership.FindByContactAsync(db, row.Phone, row.Email);
            if (existing is null) continue;
            if (await db.Memberships.AnyAsync(m => m.SchoolId == schoolId && m.AccountId == existing.Id && m.Role == row.Role
                    && m.Status != MembershipStatus.Removed && m.Status != MembershipStatus.Rejected))
                Fail(row, row.Phone is not null ? "phone" : "email", "already_member");
            else if (await People.AccountOwnership.IsManagedByAsync(db, existing.Id, schoolId))
                plan.Existing[row] = existing;
            else
                plan.Invited[row] = existing;
        }

        var students = rows.Where(r => r.Role == Role.Student).ToList();
        foreach (var parent in rows.Where(r => r.Role == Role.Parent))
        {
            var found = new List<RosterRow>();
            foreach (var reference in parent.Children)
            {
                var match = Qualified().Match(reference);
                var name = match.Success ? match.Groups["name"].Value : reference;
                var className = match.Success ? Classes.ClassNameOrder.Normalize(match.Groups["class"].Value) : null;
                var candidates = students.Where(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)
                    && (className is null || s.ClassName == className)).ToList();
                if (candidates.Count == 0) Fail(parent, "children", "csv_child");
                else if (candidates.Count > 1) Fail(parent, "children", "csv_child_ambiguous");
                else found.Add(candidates[0]);
            }
            plan.Children[parent] = found;
        }
        return plan;
    }
}
