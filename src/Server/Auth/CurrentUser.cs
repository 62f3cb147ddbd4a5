using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sfera.Data;

namespace Sfera.Auth;

/// <summary>Who is calling, resolved once per request. Null <see cref="Account"/> means anonymous.</summary>
public sealed class CurrentUser
{
    public Account? Account { get; private set; }

    public Guid Id => Account?.Id ?? throw new InvalidOperationException("The caller is anonymous.");

    // Every authenticated request asks this: compiled once, not translated per request.
    private static readonly Func<SferaDb, Guid, Guid, Task<Account?>> SessionAccount = EF.CompileAsyncQuery((SferaDb db, Guid session, Guid id) =>
        db.AuthSessions.Where(s => s.Id == session && s.AccountId == id && s.EndedAt == null)
            .Join(db.Users, s => s.AccountId, a => a.Id, (s, a) => a).AsNoTracking().FirstOrDefault());

    /// <summary>
    /// Loads the caller's account together with their session (one indexed lookup) and drops the identity when the
    /// session has ended (sign-out, a reused refresh token) or the security stamp no longer matches, so "sign out
    /// everywhere" and a password change end every cookie and bearer token at once.
    /// </summary>
    public static IApplicationBuilder UseCurrentUser(IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var principal = context.User;
            if (principal.Identity?.IsAuthenticated == true
                && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
            {
                var db = context.RequestServices.GetRequiredService<SferaDb>();
                var session = Sessions.IdOf(principal);
                var account = session is { } sessionId ? await SessionAccount(db, sessionId, id) : null;
                var stamp = principal.FindFirstValue(new IdentityOptions().ClaimsIdentity.SecurityStampClaimType);
                if (account is not null && account.SecurityStamp == stamp)
                    context.RequestServices.GetRequiredService<CurrentUser>().Account = account;
                else
                    context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            await next();
        });
}
