using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.Hosting;

namespace Sfera.Auth;

public sealed record TotpSetupResponse(string SharedKey, string AuthenticatorUri);
public sealed record TotpCodeRequest(string Code);

/// <summary>Optional second factor, offered to staff (administrators, teachers, staff and the operator).</summary>
public static class TotpApi
{
    public static void MapTotp(this RouteGroupBuilder group)
    {
        group.MapPost("/totp/setup", Setup).WithSummary("Starts setting up a second factor: the key for an authenticator app.");
        group.MapPost("/totp/enable", Enable).WithSummary("Turns the second factor on with a code from the app.");
        group.MapPost("/totp/disable", Disable).WithSummary("Turns the second factor off.");
    }

    private static async Task<Results<Ok<TotpSetupResponse>, ProblemHttpResult>> Setup(CurrentUser me, UserManager<Account> users, SferaDb db)
    {
        if (!await IsStaffAsync(db, me)) return Problems.Forbidden();
        var account = (await users.FindByIdAsync(me.Id.ToString()))!;
        // A fresh key without touching the security stamp: setting up must not sign this session out.
        // The factor only counts once Enable has checked a code (and that does renew the stamp).
        var key = users.GenerateNewAuthenticatorKey();
        await users.SetAuthenticationTokenAsync(account, "[AspNetUserStore]", "AuthenticatorKey", key);
        var uri = $"otpauth://totp/Sfera:{Uri.EscapeDataString(account.UserName!)}?secret={key}&issuer=Sfera&digits=6";
        return TypedResults.Ok(new TotpSetupResponse(key, uri));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Enable(
        TotpCodeRequest request, CurrentUser me, SignInManager<Account> signIn, SferaDb db)
    {
        if (!await IsStaffAsync(db, me)) return Problems.Forbidden();
        var users = signIn.UserManager;
        var account = (await users.FindByIdAsync(me.Id.ToString()))!;
        if (await users.GetAuthenticatorKeyAsync(account) is null
            || !await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, request.Code ?? ""))
            return Problems.Field("code", "totp_wrong");
        await users.SetTwoFactorEnabledAsync(account, true);
        await signIn.RefreshSignInAsync(account);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem>> Disable(
        TotpCodeRequest request, CurrentUser me, SignInManager<Account> signIn)
    {
        var users = signIn.UserManager;
        var account = (await users.FindByIdAsync(me.Id.ToString()))!;
        if (!account.TwoFactorEnabled
            || !await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, request.Code ?? ""))
            return Problems.Field("code", "totp_wrong");
        await users.SetTwoFactorEnabledAsync(account, false);
        await signIn.RefreshSignInAsync(account);
        return TypedResults.NoContent();
    }

    private static async Task<bool> IsStaffAsync(SferaDb db, CurrentUser me) =>
        me.Account!.IsOperator || await db.Memberships.AnyAsync(m =>
            m.AccountId == me.Id && m.Status == MembershipStatus.Confirmed && (m.Role == Role.Admin || m.Role == Role.Teacher || m.Role == Role.Staff));
}
