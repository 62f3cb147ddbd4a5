using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sfera.Auth;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.People;

namespace Sfera.Invites;

/// <summary>AsksChildName: a class's parent link (not a student's own), so joining needs the child's name.</summary>
public sealed record InvitePreviewResponse(string SchoolName, Role Role, string? ClassName, string? ChildName, bool AsksChildName = false);
/// <summary>Signed-in callers send nothing; newcomers register with a name, a password and at least one login. A
/// registration does not sign in, and its answer is the same whether or not the phone or e-mail already had an
/// account (then nothing is created): the newcomer signs in next, and an existing account joins from there.
/// ChildName: required by a class's parent link (both when registering and when signed in), so the approver knows
/// which child to link.</summary>
/// LinkExternal: also link the external identity waiting in this browser to the new account (an unlinked sign-in that
/// chose to continue with an invite); refused with nothing done when none waits.
public sealed record JoinRequest(
    string? DisplayName = null, string? Login = null, string? Phone = null, string? Email = null, string? Password = null, string? ChildName = null,
    bool LinkExternal = false);
public sealed record JoinResponse(Guid SchoolId, string SchoolName, MembershipStatus Status);

/// <summary>Following an invite link: the only way into a school that does not start with its administrator.</summary>
public static class JoinApi
{
    public static void MapJoin(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/invites/{token}").WithTags("Invites").AllowAnonymous()
            .RequireRateLimiting(AuthApi.SignInRateLimit);
        group.MapGet("/", Preview).WithSummary("What an invite link leads to: school, role, class.");
        // No Accepts metadata: it would make routing refuse the body-less request of a signed-in person.
        group.MapPost("/join", Join).WithDescription(
            "Body: JoinRequest {displayName, login, phone, email, password} when registering; none when signed in. A class's parent link also needs childName.")
            .WithSummary("Follows an invite link: a join request that waits for approval.").RequirePasswordTurn();
    }

    /// <summary>A parent link of a class, made by its class teacher or an administrator: it names no child, so the
    /// parent names theirs and the approver links them.</summary>
    public static bool AsksChildName(Invite invite) => invite.Role == Role.Parent && invite.ChildId is null && invite.ClassId is not null;

    /// <summary>A usable invite by its token. Unknown, expired, used-up and revoked links look the same.</summary>
    private static async Task<Invite?> FindUsableAsync(SferaDb db, string token, TimeProvider clock)
    {
        var invite = await db.Invites.AsNoTracking().FirstOrDefaultAsync(i => i.Token == token);
        return invite is null || invite.RevokedAt is not null || invite.Uses >= invite.MaxUses || invite.ExpiresAt <= clock.GetUtcNow()
            ? null : invite;
    }

    private static async Task<Results<Ok<InvitePreviewResponse>, ProblemHttpResult>> Preview(string token, SferaDb db, TimeProvider clock)
    {
        var invite = await FindUsableAsync(db, token, clock);
        if (invite is null) return Problems.Status(404, "invite_invalid");
        var school = await db.Schools.Where(s => s.Id == invite.SchoolId).Select(s => s.ShortName).FirstAsync();
        var className = await db.Classes.Where(c => c.Id == invite.ClassId).Select(c => c.Name).FirstOrDefaultAsync();
        // The child's first name only, so the parent sees whose link it is.
        var child = await db.Users.Where(u => u.Id == invite.ChildId).Select(u => u.DisplayName).FirstOrDefaultAsync();
        return TypedResults.Ok(new InvitePreviewResponse(school, invite.Role, className, child?.Split(' ')[0], AsksChildName(invite)));
    }

    private static async Task<Results<Ok<JoinResponse>, ValidationProblem, ProblemHttpResult>> Join(
        string token, HttpContext context, SferaDb db, CurrentUser me, UserManager<Account> users, Realtime.Outbox outbox, TimeProvider clock)
    {
        // The body is optional (a signed-in person sends none), so it is read here rather than bound.
        var http = context.Request;
        JoinRequest? request = null;
        if (http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0)
        {
            try { request = await http.ReadFromJsonAsync<JoinRequest>(); }
            catch (System.Text.Json.JsonException) { return Problems.Field("body", "enum"); }
        }

        var invite = await FindUsableAsync(db, token, clock);
        if (invite is null) return Problems.Status(404, "invite_invalid");

        // The self-link guard: a student's own account (or browser) cannot answer their parent invite.
        if (invite.ChildId is { } child && me.Account?.Id == child) return Problems.Status(422, "self_parent");
        var childName = AsksChildName(invite) ? TextRules.NormalizeName(request?.ChildName) : null;
        if (me.Account is not null && AsksChildName(invite))
        {
            var v = new Validator().DisplayName(request?.ChildName, "childName");
            if (!v.IsValid) return v.Problem();
        }

        var linkExternal = me.Account is null && request?.LinkExternal == true;
        if (linkExternal && !await Auth.ExternalSignInApi.HasPendingAsync(context)) return Problems.Status(404, "external_expired");

        await using var tx = await db.Database.BeginTransactionAsync();
        Guid? accountId = me.Account?.Id;
        if (me.Account is null)
        {
            var registered = await RegisterAsync(request ?? new JoinRequest(), invite, db, users, clock);
            if (registered.Problem is { } problem) return problem;
            accountId = registered.Account?.Id;
            // Only a new account takes the waiting identity; when the phone or e-mail was taken the answer looks the
            // same and nothing is linked.
            if (linkExternal && registered.Account is { } made
                && await Auth.ExternalSignInApi.LinkPendingAsync(context, db, made.Id, clock) is { } refused) return refused;
        }

        if (accountId is { } id && await JoinRequests.RequestAsync(db, invite, id, childName, clock) is { } key)
            return key == "self_parent" ? Problems.Status(422, key) : Problems.Status(409, key);

        // Count the use only if the link is still usable at this instant, so concurrent joins cannot overrun it.
        // A registration with someone's phone counts as well: the link's remaining uses must not tell it apart.
        var counted = await db.Invites
            .Where(i => i.Id == invite.Id && i.Uses < i.MaxUses && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Uses, i => i.Uses + 1));
        if (counted == 0) return Problems.Status(404, "invite_invalid");
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        if (linkExternal) await context.SignOutAsync(Auth.ExternalSignIn.Scheme);
        if (accountId is not null) await Schools.WaitingApi.NotifyAsync(db, outbox, invite.SchoolId, invite.ClassId);

        var school = await db.Schools.Where(s => s.Id == invite.SchoolId).Select(s => s.ShortName).FirstAsync();
        return TypedResults.Ok(new JoinResponse(invite.SchoolId, school, MembershipStatus.Pending));
    }

    private sealed record Registration(Account? Account, ValidationProblem? Problem);

    private static async Task<Registration> RegisterAsync(
        JoinRequest request, Invite invite, SferaDb db, UserManager<Account> users, TimeProvider clock)
    {
        var login = string.IsNullOrWhiteSpace(request.Login) ? null : request.Login.Trim().ToLowerInvariant();
        var phone = Accounts.NormalizePhone(request.Phone);
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        var v = new Validator()
            .DisplayName(request.DisplayName, "displayName")
            .Check(login is null || Accounts.IsValidLogin(login), "login", "login")
            .Check(string.IsNullOrWhiteSpace(request.Phone) || phone is not null, "phone", "phone")
            .Check(email is null || Accounts.IsValidEmail(email), "email", "email")
            .Check(login is not null || phone is not null || email is not null, "login", "required")
            .Check(Accounts.IsStrongPassword(request.Password), "password", "password");
        if (AsksChildName(invite)) v.DisplayName(request.ChildName, "childName");
        if (!v.IsValid) return new(null, v.Problem());

        // Registering with the child's own phone or e-mail is the same person: refused like the signed-in case.
        var normalizedEmail = email?.ToUpperInvariant();
        if (invite.ChildId is { } childId && await db.Users.AnyAsync(u => u.Id == childId
                && ((phone != null && u.PhoneNumber == phone) || (normalizedEmail != null && u.NormalizedEmail == normalizedEmail))))
            return new(null, Problems.Field("phone", "self_parent"));
        // A login name is a handle the newcomer picks, so "taken" is fine to say; a phone or an e-mail is personal.
        if (login is not null && await Accounts.IsTakenAsync(db, login, null, null)) return new(null, Problems.Field("login", "login_taken"));
        if (await Accounts.IsTakenAsync(db, null, phone, email))
        {
            // As much work as creating an account, so the time taken does not tell either.
            users.PasswordHasher.HashPassword(new Account(), request.Password!);
            return new(null, null);
        }

        // Made through this school's link: the school may later help its owner back in (while it is their only school).
        return new(await Accounts.CreateAsync(users, clock, request.DisplayName!, login, phone, email, request.Password, invite.SchoolId), null);
    }
}
