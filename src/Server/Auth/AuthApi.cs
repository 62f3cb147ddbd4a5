using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.People;

namespace Sfera.Auth;

public sealed record SignInRequest(string Login, string Password, string? TotpCode = null, bool UseTokens = false);
public sealed record RefreshRequest(string RefreshToken);
/// <summary>LinkExternal: also link the external identity waiting in this browser (an unlinked sign-in that chose to
/// continue with a code); refused with nothing done when none waits.</summary>
public sealed record ActivateRequest(string Code, string Password, bool LinkExternal = false);
public sealed record ActivateResponse(string Login);
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);
public sealed record CsrfResponse(string Token);

public static class AuthApi
{
    public const string SignInRateLimit = "sign-in";

    public static void MapAuth(this IEndpointRouteBuilder routes)
    {
        var open = routes.MapGroup("/api/v1/auth").WithTags("Auth");
        open.MapGet("/csrf", (HttpContext http) => TypedResults.Ok(new CsrfResponse(CsrfGuard.Issue(http)))).AllowAnonymous().WithSummary("Issues the anti-forgery token pair (cookie XSRF-TOKEN, echoed in X-XSRF-TOKEN).");
        open.MapPost("/sign-in", SignIn).AllowAnonymous().RequireRateLimiting(SignInRateLimit).RequirePasswordTurn().WithSummary("Signs in with phone, e-mail or login and password (and a TOTP code when enabled): a cookie, or tokens with useTokens.");
        open.MapPost("/refresh", Refresh).AllowAnonymous().RequireRateLimiting(SignInRateLimit).WithSummary("Exchanges a refresh token for new tokens; each refresh token works once.");
        open.MapPost("/activate", Activate).AllowAnonymous().RequireRateLimiting(SignInRateLimit).RequirePasswordTurn().WithSummary("Sets the password with a one-time activation code from the school.");

        var signedIn = routes.MapGroup("/api/v1/auth").WithTags("Auth").RequireAuthorization();
        signedIn.MapPost("/sign-out", (Delegate)SignOut).WithSummary("Ends this session on the server.");
        signedIn.MapPost("/sign-out-everywhere", SignOutEverywhere).WithSummary("Ends every session and live connection of the account.");
        signedIn.MapPost("/change-password", ChangePassword).RequirePasswordTurn().WithSummary("Changes the password; other sessions end.");
        signedIn.MapTotp();
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult, ValidationProblem>> SignIn(
        SignInRequest request, SignInManager<Account> signIn, SignInThrottle throttle)
    {
        if (request.Login is { } typed && TextRules.HasControl(typed)) return Problems.Field("login", "control_chars");
        var account = string.IsNullOrWhiteSpace(request.Login) ? null : await Accounts.FindByLoginAsync(signIn.UserManager, request.Login);
        if (account is null)
        {
            if (string.IsNullOrWhiteSpace(request.Login)) return Problems.Status(401, "sign_in_failed");
            if (throttle.IsLockedOut(request.Login)) return Problems.Status(429, "locked_out");
            throttle.VerifyAgainstDummy(signIn.UserManager.PasswordHasher, request.Password ?? "");
            throttle.Fail(request.Login);
            return throttle.IsLockedOut(request.Login) ? Problems.Status(429, "locked_out") : Problems.Status(401, "sign_in_failed");
        }

        var check = await signIn.CheckPasswordSignInAsync(account, request.Password ?? "", lockoutOnFailure: true);
        if (check.IsLockedOut) return Problems.Status(429, "locked_out");
        if (!check.Succeeded) return Problems.Status(401, "sign_in_failed");

        if (await SecondFactorAsync(signIn, account, request.TotpCode) is { } refused) return refused;

        // The bearer handler writes the token response itself; the cookie handler sets the cookie.
        signIn.AuthenticationScheme = request.UseTokens ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme;
        await signIn.SignInAsync(account, isPersistent: true);
        return TypedResults.Empty;
    }

    /// <summary>The account's second factor, whatever the first one was (a password or a linked identity): null when it
    /// has none or the code is right; else 401 asking for the code, or saying it was wrong (which counts as a failed
    /// attempt towards the lockout).</summary>
    internal static async Task<ProblemHttpResult?> SecondFactorAsync(SignInManager<Account> signIn, Account account, string? code)
    {
        if (!account.TwoFactorEnabled) return null;
        var asks = new Dictionary<string, object?> { ["totpRequired"] = true };
        if (string.IsNullOrWhiteSpace(code)) return Problems.Status(401, "totp_required", asks);
        if (await signIn.UserManager.VerifyTwoFactorTokenAsync(
                account, signIn.Options.Tokens.AuthenticatorTokenProvider, code.Replace(" ", "", StringComparison.Ordinal)))
            return null;
        await signIn.UserManager.AccessFailedAsync(account);
        return Problems.Status(401, "totp_wrong", asks);
    }

    /// <summary>Rotates: the answer carries a new refresh token and the one presented stops working. Presenting an
    /// old one again means a copy is in someone else's hands, so the whole session ends, its access tokens too.</summary>
    private static async Task<Results<EmptyHttpResult, ProblemHttpResult, SignInHttpResult>> Refresh(
        RefreshRequest request, SignInManager<Account> signIn, IOptionsMonitor<BearerTokenOptions> options, SferaDb db, TimeProvider clock)
    {
        var protector = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || Sessions.IdOf(ticket.Principal) is not { } session || Sessions.GenerationOf(ticket.Principal) is not { } generation
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } account)
            return Problems.Status(401, "sign_in_failed");
        var rotated = await db.AuthSessions
            .Where(s => s.Id == session && s.AccountId == account.Id && s.EndedAt == null && s.RefreshGeneration == generation)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RefreshGeneration, generation + 1));
        if (rotated == 0)
        {
            await Sessions.EndAsync(db, session, clock);
            return Problems.Status(401, "sign_in_failed");
        }
        var principal = await signIn.CreateUserPrincipalAsync(account);
        ((ClaimsIdentity)principal.Identity!).AddClaims(Sessions.Claims(session, generation + 1));
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<Results<Ok<ActivateResponse>, ValidationProblem, ProblemHttpResult>> Activate(
        ActivateRequest request, HttpContext http, SferaDb db, UserManager<Account> users, Realtime.PresenceTracker connections, TimeProvider clock)
    {
        if (!Accounts.IsStrongPassword(request.Password)) return Problems.Field("password", "password");
        if (request.LinkExternal && !await ExternalSignInApi.HasPendingAsync(http)) return Problems.Status(404, "external_expired");
        await using var tx = await db.Database.BeginTransactionAsync();
        var accountId = await ActivationCodes.RedeemAsync(db, request.Code ?? "", clock);
        if (accountId is null) return Problems.Status(404, "code_invalid");
        var account = await users.FindByIdAsync(accountId.Value.ToString());
        // A code only sets the password of an account its school still manages: not once its owner is in another school.
        if (account is null || !await AccountOwnership.IsResettableAsync(db, account)) return Problems.Status(404, "code_invalid");
        if (await users.HasPasswordAsync(account)) await users.RemovePasswordAsync(account);
        var added = await users.AddPasswordAsync(account, request.Password);
        if (!added.Succeeded) return Problems.Field("password", "password");
        await users.SetLockoutEndDateAsync(account, null);
        if (request.LinkExternal && await ExternalSignInApi.LinkPendingAsync(http, db, account.Id, clock) is { } problem) return problem;
        await tx.CommitAsync();
        if (request.LinkExternal) await http.SignOutAsync(ExternalSignIn.Scheme);
        // A new password from the school: whoever was signed in with the old one (a lost phone, a shared computer)
        // is out, live connections too. The second factor, if any, stays on and is asked at the next sign-in.
        await Sessions.EndAllAsync(db, account.Id, clock);
        await connections.EndSessionsAsync(account.Id);
        return TypedResults.Ok(new ActivateResponse(account.UserName!));
    }

    /// <summary>Ends this session on the server (cookie or bearer token), so a copy of it stops working too.</summary>
    private static async Task<NoContent> SignOut(HttpContext http, SferaDb db, TimeProvider clock)
    {
        if (Sessions.IdOf(http.User) is { } session) await Sessions.EndAsync(db, session, clock);
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> SignOutEverywhere(
        HttpContext http, CurrentUser me, UserManager<Account> users, Realtime.PresenceTracker connections, SferaDb db, TimeProvider clock)
    {
        var account = await users.FindByIdAsync(me.Id.ToString());
        await users.UpdateSecurityStampAsync(account!);
        await Sessions.EndAllAsync(db, me.Id, clock);
        await connections.EndSessionsAsync(me.Id);
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem>> ChangePassword(
        ChangePasswordRequest request, CurrentUser me, SignInManager<Account> signIn, Realtime.PresenceTracker connections)
    {
        if (!Accounts.IsStrongPassword(request.NewPassword)) return Problems.Field("newPassword", "password");
        var account = (await signIn.UserManager.FindByIdAsync(me.Id.ToString()))!;
        var result = await signIn.UserManager.ChangePasswordAsync(account, request.CurrentPassword ?? "", request.NewPassword);
        if (!result.Succeeded) return Problems.Field("currentPassword", "password_wrong");
        // The stamp changed: other sessions end (their live connections too); this one gets a fresh cookie.
        await signIn.RefreshSignInAsync(account);
        await connections.EndSessionsAsync(me.Id);
        return TypedResults.NoContent();
    }
}
