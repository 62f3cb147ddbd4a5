using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Auth;
using Sfera.Data;

namespace Sfera.People;

public sealed record MyMembershipResponse(Guid MembershipId, Guid SchoolId, string SchoolName, SchoolType SchoolType, Role Role, MembershipStatus Status, Guid? ClassId, string? ClassName);
public sealed record MeResponse(
    Guid Id, string DisplayName, string Login, string? Email, string? Phone, bool IsOperator, bool TwoFactorEnabled,
    List<MyMembershipResponse> Memberships);

public static class MeApi
{
    public static void MapMe(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/me", Get).WithTags("People").RequireAuthorization().WithSummary("The caller's account and every membership, pending ones included.");

    /// <summary>The caller and every membership they hold, pending ones included, so a joiner can see their request wait.</summary>
    private static async Task<Ok<MeResponse>> Get(CurrentUser me, SferaDb db)
    {
        var account = me.Account!;
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.AccountId == account.Id && (m.Status == MembershipStatus.Confirmed || m.Status == MembershipStatus.Pending))
            .Join(db.Schools, m => m.SchoolId, s => s.Id, (m, s) => new { m, s })
            .Select(x => new MyMembershipResponse(x.m.Id, x.s.Id, x.s.ShortName, x.s.Type, x.m.Role, x.m.Status, x.m.ClassId,
                db.Classes.Where(c => c.Id == x.m.ClassId).Select(c => c.Name).FirstOrDefault()))
            .ToListAsync();
        return TypedResults.Ok(new MeResponse(account.Id, account.DisplayName, account.UserName!, account.Email, account.PhoneNumber,
            account.IsOperator, account.TwoFactorEnabled, memberships.OrderBy(m => m.SchoolName).ThenBy(m => m.Role).ToList()));
    }
}
