using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.Operator;

namespace Sfera.People;

/// <summary>Offers of a membership to existing accounts: made by a school, accepted by the account's owner.</summary>
public static class SchoolInvitations
{
    /// <summary>
    /// Adds a pending invitation (saved by the caller), or returns the pending one already made for the same role.
    /// The school keeps only what it typed.
    /// </summary>
    public static async Task<SchoolInvitation> OfferAsync(
        SferaDb db, Guid schoolId, Guid accountId, Role role, Guid? classId, IReadOnlyCollection<Guid> childIds,
        string displayName, string? phone, string? email, Guid? invitedBy, TimeProvider clock)
    {
        var pending = await db.SchoolInvitations.IgnoreQueryFilters().FirstOrDefaultAsync(i =>
            i.SchoolId == schoolId && i.AccountId == accountId && i.Role == role && i.Status == InvitationStatus.Pending);
        if (pending is not null) return pending;
        var invitation = new SchoolInvitation
        {
            Id = Guid.CreateVersion7(), SchoolId = schoolId, AccountId = accountId, Role = role, ClassId = classId,
            ChildIds = [.. childIds], DisplayName = Hosting.TextRules.NormalizeName(displayName), Phone = phone, Email = email,
            Status = InvitationStatus.Pending, CreatedBy = invitedBy, CreatedAt = clock.GetUtcNow(),
        };
        db.SchoolInvitations.Add(invitation);
        return invitation;
    }

    /// <summary>Tells the owner at the account's own address, if it has one; never at the address the school typed.</summary>
    public static async Task NotifyAsync(SferaDb db, IMailSender mail, SchoolInvitation invitation)
    {
        var email = await db.Users.Where(a => a.Id == invitation.AccountId).Select(a => a.Email).FirstOrDefaultAsync();
        var school = await db.Schools.IgnoreQueryFilters().Where(s => s.Id == invitation.SchoolId).Select(s => s.ShortName).FirstAsync();
        if (email is null) return;
        await mail.SendAsync(email, $"Сфера: приглашение от «{school}»",
            $"«{school}» приглашает вас в Сферу. Войдите своей учётной записью и примите или отклоните приглашение на главной странице.");
    }
}
