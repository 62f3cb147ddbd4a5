using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sfera.Data;

namespace Sfera.Auth;

/// <summary>
/// Server-side sessions (<see cref="AuthSession"/>): every sign-in starts one, its id goes into the cookie or the
/// tokens as a claim, and <see cref="CurrentUser"/> accepts a principal only while its session has not ended.
/// </summary>
public static class Sessions
{
    public const string IdClaim = "sfera:session";
    /// <summary>In a refresh token: the refresh number it was issued at (see <see cref="AuthSession.RefreshGeneration"/>).</summary>
    public const string GenerationClaim = "sfera:refresh";

    public static Guid? IdOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(IdClaim), out var id) ? id : null;

    public static int? GenerationOf(ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(GenerationClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static Claim[] Claims(Guid sessionId, int generation) =>
        [new(IdClaim, sessionId.ToString()), new(GenerationClaim, generation.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Ends one sign-in, and with it the notifications of the browser that held it.</summary>
    public static async Task EndAsync(SferaDb db, Guid sessionId, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        await db.PushSubscriptions.Where(p => p.SessionId == sessionId).ExecuteDeleteAsync();
        await db.AuthSessions.Where(s => s.Id == sessionId && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now));
    }

    public static async Task EndAllAsync(SferaDb db, Guid accountId, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        await db.PushSubscriptions.Where(p => p.AccountId == accountId).ExecuteDeleteAsync();
        await db.AuthSessions.Where(s => s.AccountId == accountId && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now));
    }
}

/// <summary>Identity's sign-in, which starts a session row under every cookie or token it issues.</summary>
public sealed class SessionSignInManager(
    UserManager<Account> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<Account> factory,
    IOptions<IdentityOptions> options, ILogger<SignInManager<Account>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Account> confirmation)
    : SignInManager<Account>(users, context, factory, options, logger, schemes, confirmation)
{
    // Every SignInAsync and RefreshSignInAsync ends here.
    public override async Task SignInWithClaimsAsync(Account user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var db = Context.RequestServices.GetRequiredService<SferaDb>();
        var clock = Context.RequestServices.GetRequiredService<TimeProvider>();
        // A new cookie replaces the one this browser had: that session ends rather than lingering in copies.
        if (AuthenticationScheme == IdentityConstants.ApplicationScheme && Sessions.IdOf(Context.User) is { } previous)
            await Sessions.EndAsync(db, previous, clock);
        var session = new AuthSession { Id = Guid.CreateVersion7(), AccountId = user.Id, CreatedAt = clock.GetUtcNow() };
        db.AuthSessions.Add(session);
        await db.SaveChangesAsync();
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims.Concat(Sessions.Claims(session.Id, 0)));
    }
}
