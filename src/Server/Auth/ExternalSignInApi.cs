using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.People;

namespace Sfera.Auth;

public sealed record SignInProviderResponse(string Key, string Name, string? Icon);
/// <summary>What the provider's answer led to: "signedIn" or "linked".</summary>
public sealed record ExternalOutcomeResponse(string Outcome, string Provider, string ProviderName);
public sealed record CompleteExternalRequest(string? TotpCode = null);
/// <summary>An external identity waiting (ten minutes at most) in this browser: to be linked by the activation or
/// invite that follows.</summary>
public sealed record PendingExternalResponse(string Provider, string ProviderName);
public sealed record SignInLinkResponse(Guid Id, string Provider, string ProviderName, DateTimeOffset LinkedAt);
/// <summary>The caller's linked identities, the providers not yet linked, whether a password is set, and until when
/// this session (started with a linked identity) may set a new password without the old one.</summary>
public sealed record SignInLinksResponse(
    List<SignInLinkResponse> Links, List<SignInProviderResponse> Available, bool HasPassword, DateTimeOffset? PasswordRecoveryUntil);
public sealed record RecoverPasswordRequest(string NewPassword);

/// <summary>
/// External sign-in (<see cref="ExternalSignIn"/>): start at the provider, complete the sign-in or the link back
/// here, link and unlink from the account page, and set a new password after signing in with a linked identity.
/// An identity linked to no account creates nothing: it waits in its cookie for an activation code or an invite.
/// </summary>
public static class ExternalSignInApi
{
    /// <summary>How long after signing in with a linked identity a new password may be set without the old one.</summary>
    public static readonly TimeSpan RecoveryWindow = TimeSpan.FromMinutes(15);
    public const string ViaClaim = "sfera:via";

    private sealed record Pending(string Provider, string Issuer, string SubjectHash, string Purpose, Guid? AccountId);

    public static void MapExternalSignIn(this IEndpointRouteBuilder routes)
    {
        var open = routes.MapGroup("/api/v1/auth/external").WithTags("Auth").AllowAnonymous();
        open.MapGet("/{provider}/start", Start).RequireRateLimiting(AuthApi.SignInRateLimit)
            .WithSummary("Navigated to (not fetched): goes to the provider to sign in (purpose=sign-in) or to link it to the signed-in account (purpose=link).");
        open.MapPost("/complete", Complete).RequireRateLimiting(AuthApi.SignInRateLimit)
            .WithSummary("After the provider: signs in with the linked account (a TOTP code when it has one) or makes the link the flow was started for.");
        open.MapGet("/pending", GetPending).WithSummary("The external identity waiting in this browser to be linked by an activation code or an invite, if any.");
        open.MapDelete("/pending", (Delegate)Forget).WithSummary("Forgets the external identity waiting in this browser.");

        var signedIn = routes.MapGroup("/api/v1").WithTags("Auth").RequireAuthorization();
        signedIn.MapPost("/auth/recover-password", RecoverPassword).RequirePasswordTurn()
            .WithSummary("Sets a new password without the old one, within 15 minutes of signing in with a linked identity; other sessions end.");
        signedIn.MapGet("/me/sign-in-links", Links).WithSummary("The caller's linked external identities (provider only) and the providers they may link.");
        signedIn.MapDelete("/me/sign-in-links/{linkId:guid}", Unlink).WithSummary("Unlinks an external identity; never the last way in (409).");
    }

    public static List<SignInProviderResponse> Describe(ExternalProviders providers) =>
        providers.All.Select(p => new SignInProviderResponse(p.Key, p.DisplayName, p.Icon)).ToList();

    private static async Task<IResult> Start(string provider, string? purpose, HttpContext http, CurrentUser me, ExternalProviders providers)
    {
        if (providers.Find(provider) is not { } p) return Problems.NotFound();
        var link = purpose == "link";
        if (!link && purpose is not (null or "sign-in")) return Problems.Field("purpose", "enum");
        if (link && me.Account is null) return Results.Redirect(ExternalSignIn.ReturnPath + "?error=signed_out");
        var properties = new AuthenticationProperties { RedirectUri = ExternalSignIn.ReturnPath };
        properties.Items["purpose"] = link ? "link" : "sign-in";
        // The link is made only for the account that asked for it, checked again when it completes.
        if (link) properties.Items["account"] = me.Id.ToString();
        try
        {
            await http.ChallengeAsync(p.Scheme, properties);
        }
        catch (Exception e) when (ExternalSignIn.IsUnreachable(e) || e is InvalidOperationException)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExternalSignInApi))
                .LogWarning("The sign-in provider {Provider} could not be reached: {Reason}", p.Key, e.GetType().Name);
            return Results.Redirect(ExternalSignIn.ReturnPath + "?error=unreachable");
        }
        return Results.Empty;
    }

    private static async Task<Pending?> PendingAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(ExternalSignIn.Scheme);
        if (!result.Succeeded || result.Principal is not { } principal) return null;
        var provider = principal.FindFirstValue(ExternalSignIn.ProviderClaim);
        var issuer = principal.FindFirstValue(ExternalSignIn.IssuerClaim);
        var hash = principal.FindFirstValue(ExternalSignIn.SubjectClaim);
        if (provider is null || issuer is null || hash is null) return null;
        var items = result.Properties?.Items;
        string? purpose = null, accountText = null;
        items?.TryGetValue("purpose", out purpose);
        items?.TryGetValue("account", out accountText);
        var account = Guid.TryParse(accountText, out var id) ? id : (Guid?)null;
        return new Pending(provider, issuer, hash, purpose ?? "sign-in", account);
    }

    private static async Task<Results<Ok<ExternalOutcomeResponse>, ProblemHttpResult>> Complete(
        CompleteExternalRequest? request, HttpContext http, CurrentUser me, SferaDb db, SignInManager<Account> signIn,
        ExternalProviders providers, TimeProvider clock)
    {
        var pending = await PendingAsync(http);
        if (pending is null || providers.Find(pending.Provider) is not { } provider) return Problems.Status(404, "external_expired");

        if (pending.Purpose == "link")
        {
            await http.SignOutAsync(ExternalSignIn.Scheme);
            if (me.Account is null || me.Id != pending.AccountId) return Problems.Status(404, "external_expired");
            if (await LinkAsync(db, pending, me.Id, provider, clock) is { } problem) return problem;
            return TypedResults.Ok(new ExternalOutcomeResponse("linked", provider.Key, provider.DisplayName));
        }

        var link = await db.ExternalLogins.AsNoTracking().FirstOrDefaultAsync(e => e.Issuer == pending.Issuer && e.SubjectHash == pending.SubjectHash);
        // Nothing is made: the identity waits in its cookie for an activation code or an invite to link it.
        if (link is null)
            return Problems.Status(404, "external_not_linked", new Dictionary<string, object?> { ["providerName"] = provider.DisplayName });
        var account = await signIn.UserManager.FindByIdAsync(link.AccountId.ToString());
        if (account is null) return Problems.Status(404, "external_expired");
        if (await signIn.UserManager.IsLockedOutAsync(account)) return Problems.Status(429, "locked_out");
        // The second factor stands whatever the first one was: a linked identity replaces only the password.
        if (await AuthApi.SecondFactorAsync(signIn, account, request?.TotpCode) is { } refused) return refused;
        await signIn.UserManager.ResetAccessFailedCountAsync(account);
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signIn.SignInWithClaimsAsync(account, new AuthenticationProperties { IsPersistent = true }, [new Claim(ViaClaim, provider.Key)]);
        await http.SignOutAsync(ExternalSignIn.Scheme);
        return TypedResults.Ok(new ExternalOutcomeResponse("signedIn", provider.Key, provider.DisplayName));
    }

    /// <summary>Links the identity waiting in this browser to <paramref name="accountId"/> (an account just activated
    /// or registered), in the caller's transaction. Null when done; else the problem (nothing waiting, or the
    /// identity is another account's).</summary>
    public static async Task<ProblemHttpResult?> LinkPendingAsync(HttpContext http, SferaDb db, Guid accountId, TimeProvider clock)
    {
        var providers = http.RequestServices.GetRequiredService<ExternalProviders>();
        var pending = await PendingAsync(http);
        if (pending is null || pending.Purpose != "sign-in" || providers.Find(pending.Provider) is not { } provider)
            return Problems.Status(404, "external_expired");
        return await LinkAsync(db, pending, accountId, provider, clock);
    }

    /// <summary>Whether an identity waits in this browser to be linked (checked before a code or a link is used up).</summary>
    public static async Task<bool> HasPendingAsync(HttpContext http) => await PendingAsync(http) is { Purpose: "sign-in" };

    private static async Task<ProblemHttpResult?> LinkAsync(SferaDb db, Pending pending, Guid accountId, ExternalProvider provider, TimeProvider clock)
    {
        var holder = await db.ExternalLogins.Where(e => e.Issuer == pending.Issuer && e.SubjectHash == pending.SubjectHash)
            .Select(e => (Guid?)e.AccountId).FirstOrDefaultAsync();
        if (holder == accountId) return null;
        if (holder is not null) return Problems.Status(409, "external_linked_elsewhere");
        if (await db.ExternalLogins.AnyAsync(e => e.AccountId == accountId && e.Issuer == pending.Issuer))
            return Problems.Status(409, "external_provider_linked");
        db.ExternalLogins.Add(new ExternalLogin
        {
            Id = Guid.CreateVersion7(), AccountId = accountId, Provider = pending.Provider, Issuer = pending.Issuer,
            SubjectHash = pending.SubjectHash, CreatedAt = clock.GetUtcNow(),
        });
        await AccountAudit.AddAsync(db, accountId, "account.sign_in_linked", provider.DisplayName, clock);
        try
        {
            await db.SaveChangesAsync();
        }
        // Linked a moment ago by another account (the unique index).
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Problems.Status(409, "external_linked_elsewhere");
        }
        return null;
    }

    private static async Task<Results<Ok<PendingExternalResponse>, ProblemHttpResult>> GetPending(HttpContext http, ExternalProviders providers)
    {
        var pending = await PendingAsync(http);
        if (pending is not { Purpose: "sign-in" } || providers.Find(pending.Provider) is not { } provider) return Problems.Status(404, "external_expired");
        return TypedResults.Ok(new PendingExternalResponse(provider.Key, provider.DisplayName));
    }

    private static async Task<NoContent> Forget(HttpContext http)
    {
        await http.SignOutAsync(ExternalSignIn.Scheme);
        return TypedResults.NoContent();
    }

    private static async Task<DateTimeOffset?> RecoveryUntilAsync(HttpContext http, SferaDb db)
    {
        if (http.User.FindFirstValue(ViaClaim) is null || Sessions.IdOf(http.User) is not { } session) return null;
        var started = await db.AuthSessions.Where(s => s.Id == session).Select(s => (DateTimeOffset?)s.CreatedAt).FirstOrDefaultAsync();
        return started + RecoveryWindow;
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RecoverPassword(
        RecoverPasswordRequest request, HttpContext http, CurrentUser me, SferaDb db, SignInManager<Account> signIn,
        ExternalProviders providers, Realtime.PresenceTracker connections, TimeProvider clock)
    {
        if (await RecoveryUntilAsync(http, db) is not { } until || clock.GetUtcNow() > until) return Problems.Status(403, "recovery_expired");
        if (!Accounts.IsStrongPassword(request.NewPassword)) return Problems.Field("newPassword", "password");
        var users = signIn.UserManager;
        var account = (await users.FindByIdAsync(me.Id.ToString()))!;
        await using var tx = await db.Database.BeginTransactionAsync();
        if (await users.HasPasswordAsync(account)) await users.RemovePasswordAsync(account);
        var added = await users.AddPasswordAsync(account, request.NewPassword);
        if (!added.Succeeded) return Problems.Field("newPassword", "password");
        await users.SetLockoutEndDateAsync(account, null);
        await AccountAudit.AddAsync(db, me.Id, "account.password_recovered", providers.NameOf(http.User.FindFirstValue(ViaClaim)!), clock);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        // The stamp changed with the password: every other session and live connection ends; this one goes on
        // under a fresh cookie (no longer a recovery one).
        await Sessions.EndAllAsync(db, me.Id, clock);
        await connections.EndSessionsAsync(me.Id);
        await signIn.RefreshSignInAsync(account);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<SignInLinksResponse>> Links(HttpContext http, CurrentUser me, SferaDb db, UserManager<Account> users, ExternalProviders providers, TimeProvider clock)
    {
        var links = await db.ExternalLogins.AsNoTracking().Where(e => e.AccountId == me.Id).OrderBy(e => e.CreatedAt).ToListAsync();
        var until = await RecoveryUntilAsync(http, db);
        return TypedResults.Ok(new SignInLinksResponse(
            links.Select(l => new SignInLinkResponse(l.Id, l.Provider, providers.NameOf(l.Provider), l.CreatedAt)).ToList(),
            Describe(providers).Where(p => links.All(l => l.Provider != p.Key)).ToList(),
            await users.HasPasswordAsync(me.Account!),
            until > clock.GetUtcNow() ? until : null));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Unlink(Guid linkId, CurrentUser me, SferaDb db, UserManager<Account> users, ExternalProviders providers, TimeProvider clock)
    {
        var link = await db.ExternalLogins.FirstOrDefaultAsync(e => e.Id == linkId && e.AccountId == me.Id);
        if (link is null) return Problems.NotFound();
        var others = await db.ExternalLogins.CountAsync(e => e.AccountId == me.Id && e.Id != linkId);
        if (others == 0 && !await users.HasPasswordAsync(me.Account!)) return Problems.Status(409, "last_way_in");
        db.ExternalLogins.Remove(link);
        await AccountAudit.AddAsync(db, me.Id, "account.sign_in_unlinked", providers.NameOf(link.Provider), clock);
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }
}

/// <summary>Audit entries about an account itself (its ways in), written to every school it is confirmed in, since
/// each of them answers for who gets into its chats.</summary>
public static class AccountAudit
{
    public static async Task AddAsync(SferaDb db, Guid accountId, string action, string details, TimeProvider clock)
    {
        var schools = await db.Memberships.IgnoreQueryFilters()
            .Where(m => m.AccountId == accountId && m.Status == MembershipStatus.Confirmed).Select(m => m.SchoolId).Distinct().ToListAsync();
        var now = clock.GetUtcNow();
        foreach (var school in schools)
            db.AuditEntries.Add(new AuditEntry
            {
                Id = Guid.CreateVersion7(), SchoolId = school, ActorId = accountId, Action = action, TargetId = accountId, Details = details, CreatedAt = now,
            });
    }
}
