using Sfera.Data;

namespace Sfera.Chats;

/// <summary>
/// The contact policy (PRODUCT.md, "Contact policy"), in one place. "May contact" covers starting a personal chat,
/// adding to a group, calling, and seeing name and photo. Everyone outside the caller's school is out of reach
/// before this is asked: facts exist only for confirmed members of the same school.
/// </summary>
public static class ContactPolicy
{
    public static bool MayContact(PersonFacts from, PersonFacts to, School school)
    {
        if (from.AccountId == to.AccountId) return false;
        if (from.IsStaff) return true;

        if (from.IsStudent)
        {
            if (to.IsAdmin) return true;
            if (to.IsTeacher && to.TaughtClasses.Overlaps(from.StudentClasses)) return true;
            if (to.IsStudent && (to.StudentClasses.Overlaps(from.StudentClasses) || school.StudentsMayWriteOtherStudents)) return true;
            // A child may write to their own guardians; other parents are out of reach.
            if (to.ChildIds.Contains(from.AccountId)) return true;
        }

        if (from.IsParent)
        {
            if (to.IsAdmin) return true;
            if (to.IsTeacher && to.TaughtClasses.Overlaps(from.ChildClasses)) return true;
            if (from.ChildIds.Contains(to.AccountId)) return true;
            if (to.IsParent && !to.IsStudent && school.ParentsMayWriteClassParents && to.ChildClasses.Overlaps(from.ChildClasses)) return true;
        }
        return false;
    }

    /// <summary>A group holding a minor and an adult who is not staff must also hold a staff member.</summary>
    public static bool IsSupervised(IEnumerable<PersonFacts> members)
    {
        var list = members.ToList();
        var hasMinor = list.Any(p => p.IsMinor);
        var hasOtherAdult = list.Any(p => !p.IsMinor && !p.IsStaff);
        return !(hasMinor && hasOtherAdult) || list.Any(p => p.IsStaff);
    }
}
