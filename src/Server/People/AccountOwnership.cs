using Microsoft.EntityFrameworkCore;
using Sfera.Data;

namespace Sfera.People;

/// <summary>
/// An account belongs to its owner, not to a school. A school manages an account (sees its contact details, issues
/// it activation codes, attaches it to new roles) only when it made the account, the account is in no other school,
/// and it is not the operator's. Everything else a school reaches by invitation, which the owner accepts.
/// </summary>
public static class AccountOwnership
{
    /// <summary>True when <paramref name="schoolId"/> may manage the account (see the class summary).</summary>
    public static Task<bool> IsManagedByAsync(SferaDb db, Guid accountId, Guid schoolId) =>
        db.Users.AnyAsync(a => a.Id == accountId && a.CreatedBySchoolId == schoolId && !a.IsOperator
            && !db.Memberships.IgnoreQueryFilters().Any(m => m.AccountId == a.Id && m.SchoolId != schoolId && m.Status != MembershipStatus.Rejected));

    /// <summary>May any activation code still set this account's password: only while its making school manages it.
    /// Checked when a code is redeemed, so a code issued before the owner joined another school is void.</summary>
    public static async Task<bool> IsResettableAsync(SferaDb db, Account account) =>
        account.CreatedBySchoolId is { } school && await IsManagedByAsync(db, account.Id, school);

    /// <summary>An existing account with this phone or e-mail, wherever it is.</summary>
    public static async Task<Account?> FindByContactAsync(SferaDb db, string? phone, string? email)
    {
        var normalizedEmail = email?.ToUpperInvariant();
        return (phone is null ? null : await db.Users.FirstOrDefaultAsync(a => a.PhoneNumber == phone))
            ?? (normalizedEmail is null ? null : await db.Users.FirstOrDefaultAsync(a => a.NormalizedEmail == normalizedEmail));
    }
}
