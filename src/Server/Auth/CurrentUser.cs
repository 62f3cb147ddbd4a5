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

    private static readonly string StampClaim = new IdentityOptions().ClaimsIdentity.SecurityStampClaimType;

    // Every authenticated request asks this: compiled once, not translated per request.
    private static readonly Func<SferaDb, Guid, Guid, Task<Account?>> SessionAccount = EF.CompileAsyncQuery((SferaDb db, Guid session, Guid id) =>
        db.AuthSessions.Where(s => s.Id == session && s.AccountId == id && s.EndedAt == null)
            .Join(db.Users, s => s.AccountId, a => a.Id, (s, a) => a).AsNoTracking().FirstOrDefault());

    /// <summary>The session's account (untracked), or null when the session has ended.</summary>
    internal static Task<Account?> SessionAccountAsync(SferaDb db, Guid session, Guid id) => SessionAccount(db, session, id);

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
                var session = Sessions.IdOf(principal);
                var stamp = principal.FindFirstValue(StampClaim);
                Account? account = null;
                if (session is { } sessionId && context.Request.Path.StartsWithSegments(Realtime.ChatHub.Path))
                {
                    // A hub connection's request (a WebSocket, or a stream of server-sent events), and its scope, last as
                    // long as the connection: a database context resolved there would be held by every idle connection
                    // for hours. Its one lookup takes a scope of its own.
                    await using var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                    account = await SessionAccountAsync(scope.ServiceProvider.GetRequiredService<SferaDb>(), sessionId, id);
                }
                else if (session is not null)
                {
                    var db = context.RequestServices.GetRequiredService<SferaDb>();
                    account = context.GetEndpoint()?.Metadata.GetMetadata<ISessionLookup>() is { } bundled
                        ? await bundled.FindAccountAsync(context, db, session.Value, id, stamp)
                        : await SessionAccountAsync(db, session.Value, id);
                }
                if (account is not null && account.SecurityStamp == stamp)
                    context.RequestServices.GetRequiredService<CurrentUser>().Account = account;
                else
                    context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            await next();
        });
}

/// <summary>
/// Endpoint metadata of a route group that checks the caller's session together with what the group itself needs, in
/// one query (the school group: <see cref="Schools.SchoolAccess"/>; the chat group inside it, whose own takes the
/// place of the school's: <see cref="Chats.ChatAccess"/>), so a request costs one round trip to the database for both.
/// It answers the account exactly when <see cref="CurrentUser"/>'s own lookup would (a live session whose account's
/// security stamp is <paramref name="stamp"/>), and keeps what else it found only then.
/// </summary>
public interface ISessionLookup
{
    Task<Account?> FindAccountAsync(HttpContext http, SferaDb db, Guid sessionId, Guid accountId, string? stamp);
}
