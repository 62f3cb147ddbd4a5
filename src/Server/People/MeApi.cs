using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Auth;
using Sfera.Data;
using Sfera.Hosting;

namespace Sfera.People;

public sealed record MyMembershipResponse(Guid MembershipId, Guid SchoolId, string SchoolName, SchoolType SchoolType, Role Role, MembershipStatus Status, Guid? ClassId, string? ClassName);
public sealed record MeResponse(
    Guid Id, string DisplayName, string Login, string? Email, string? Phone, bool IsOperator, bool TwoFactorEnabled,
    List<MyMembershipResponse> Memberships);

public sealed record ChooseLoginRequest(string Login);

public static class MeApi
{
    public static void MapMe(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/me", Get).WithTags("People").RequireAuthorization().WithSummary("The caller's account and every membership, pending ones included.");
        routes.MapPut("/api/v1/me/login", ChooseLogin).WithTags("People").RequireAuthorization()
            .RequireRateLimiting(Hosting.RateLimits.AccountChanges)
            .WithSummary("Choose one's own login name: 3-64 latin letters, digits, dots, dashes (400 naming login); 409 naming login when taken.");
    }

    /// <summary>A generated login ("mariya.ivanovna.petrova") replaced by one the owner picks. Phone and e-mail keep
    /// working; sessions stay (nothing secret changed).</summary>
    private static async Task<Results<Ok<MeResponse>, ValidationProblem, ProblemHttpResult>> ChooseLogin(
        ChooseLoginRequest request, CurrentUser me, SferaDb db)
    {
        var login = request.Login?.Trim().ToLowerInvariant() ?? "";
        // A login made of digits that reads as a phone number would later be shadowed by whoever has that phone.
        if (!Accounts.IsValidLogin(login) || Accounts.NormalizePhone(login) is not null) return Problems.Field("login", "login");
        var account = await db.Users.FirstAsync(a => a.Id == me.Id);
        if (account.UserName == login) return await Get(me, db);
        // 409 with the field named, as a validation problem names it, so the form marks the login field.
        var taken = Problems.Status(409, "login_name_taken",
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["login"] = [Texts.Get("login_name_taken")] } });
        if (await Accounts.IsTakenAsync(db, login, null, null)) return taken;
        account.UserName = login;
        account.NormalizedUserName = login.ToUpperInvariant();
        try { await db.SaveChangesAsync(); }
        // Taken a moment ago by someone else (the unique index on the normalized name).
        catch (DbUpdateException) { return taken; }
        me.Account!.UserName = login; // the request's copy of the account, which the answer is built from
        return await Get(me, db);
    }

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
