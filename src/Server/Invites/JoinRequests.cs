using Microsoft.EntityFrameworkCore;
using Sfera.Data;

namespace Sfera.Invites;

/// <summary>Turning a followed invite into a request that the class teacher or an administrator decides.</summary>
public static class JoinRequests
{
    /// <summary>Adds the pending membership (and, for a parent invite, the pending link to the child) to the context.
    /// Returns a message key when there is nothing to request.</summary>
    public static async Task<string?> RequestAsync(SferaDb db, Invite invite, Guid accountId, string? childName, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        if (invite.ChildId is { } childId)
        {
            if (childId == accountId) return "self_parent";
            var link = await db.GuardianLinks.FirstOrDefaultAsync(g => g.SchoolId == invite.SchoolId && g.GuardianId == accountId && g.ChildId == childId);
            if (link?.Status == GuardianStatus.Confirmed) return "already_member";
            if (link?.Status == GuardianStatus.Pending) return "already_requested";
            if (link is null)
                db.GuardianLinks.Add(new GuardianLink
                {
                    Id = Guid.CreateVersion7(), SchoolId = invite.SchoolId, GuardianId = accountId, ChildId = childId,
                    Status = GuardianStatus.Pending, CreatedAt = now,
                });
            else
                link.Status = GuardianStatus.Pending;
        }

        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.SchoolId == invite.SchoolId && m.AccountId == accountId && m.Role == invite.Role);
        switch (membership?.Status)
        {
            case MembershipStatus.Confirmed:
                return invite.ChildId is null ? "already_member" : null;
            case MembershipStatus.Pending:
                return invite.ChildId is null ? "already_requested" : null;
            case MembershipStatus.Rejected or MembershipStatus.Removed:
                membership.Status = MembershipStatus.Pending;
                membership.ClassId = invite.ClassId;
                membership.InviteId = invite.Id;
                membership.CreatedAt = now;
                membership.DecidedAt = null;
                membership.DecidedBy = null;
                membership.RequestedChildName = childName;
                return null;
            default:
                db.Memberships.Add(new Membership
                {
                    Id = Guid.CreateVersion7(), SchoolId = invite.SchoolId, AccountId = accountId, Role = invite.Role,
                    Status = MembershipStatus.Pending, ClassId = invite.ClassId, InviteId = invite.Id, CreatedAt = now,
                    RequestedChildName = childName,
                });
                return null;
        }
    }
}
