using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sfera.Auth;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.People;

namespace Sfera.Operator;

public sealed record SchoolApplicationRequest(
    string FullName, string ShortName, SchoolType Type, string Region, string Inn, string AdminName, string AdminPhone, string AdminEmail);
public sealed record SchoolApplicationCreated(Guid Id);
/// <summary>ExistingAccount: the applicant's phone or e-mail already belongs to an account, so approval invites that
/// account (its owner accepts while signed in) instead of making a new one.</summary>
public sealed record SchoolApplicationResponse(
    Guid Id, string FullName, string ShortName, SchoolType Type, string Region, string Inn, string AdminName, string AdminPhone,
    string AdminEmail, ApplicationStatus Status, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt, string? RejectionReason, Guid? SchoolId,
    bool ExistingAccount);
/// <summary>A new administrator account (its login and activation link), or, for an existing account, an invitation.
/// MailSent: the applicant was told by e-mail; when false (MailConfigured false: the install has no SMTP server), the
/// operator passes the activation link on.</summary>
public sealed record ApproveResponse(
    Guid SchoolId, string? AdminLogin, string? ActivationUrl, bool InvitedExistingAccount = false, bool MailConfigured = false, bool MailSent = false);
public sealed record RejectRequest(string? Reason);

public static class ApplicationsApi
{
    public static void MapApplications(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/school-applications", Submit).WithTags("Operator").AllowAnonymous().WithSummary("A school applies to join the platform.")
            .RequireRateLimiting(AuthApi.SignInRateLimit);

        var op = routes.MapGroup("/api/v1/operator/applications").WithTags("Operator")
            .RequireAuthorization(AuthSetup.OperatorPolicy);
        op.MapGet("/", List).WithSummary("The operator reads applications; existingAccount says approval will invite an existing account.");
        op.MapPost("/{applicationId:guid}/approve", Approve).WithSummary("The operator approves: the school, and its administrator's activation link or an invitation.");
        op.MapPost("/{applicationId:guid}/reject", Reject).WithSummary("The operator rejects an application with a reason.");
    }

    public static void MapOperator(this IEndpointRouteBuilder routes) => routes.MapOperatorSetup();

    private static async Task<Results<Created<SchoolApplicationCreated>, ValidationProblem>> Submit(
        SchoolApplicationRequest request, SferaDb db, TimeProvider clock)
    {
        var phone = Accounts.NormalizePhone(request.AdminPhone);
        var email = request.AdminEmail?.Trim() ?? "";
        var inn = request.Inn?.Trim() ?? "";
        var v = new Validator()
            .Text(request.FullName, "fullName", 500)
            .Text(request.ShortName, "shortName", 200)
            .Check(Enum.IsDefined(request.Type), "type", "enum")
            .Text(request.Region, "region", 200)
            .Check(Inn.IsValid(inn), "inn", "inn")
            .DisplayName(request.AdminName, "adminName")
            .Check(phone is not null, "adminPhone", "phone")
            .Check(Accounts.IsValidEmail(email), "adminEmail", "email");
        if (!v.IsValid) return v.Problem();

        var application = new SchoolApplication
        {
            Id = Guid.CreateVersion7(),
            FullName = request.FullName.Trim(),
            ShortName = request.ShortName.Trim(),
            Type = request.Type,
            Region = request.Region.Trim(),
            Inn = inn,
            AdminName = request.AdminName.Trim(),
            AdminPhone = phone!,
            AdminEmail = email,
            Status = ApplicationStatus.Pending,
            SubmittedAt = clock.GetUtcNow(),
        };
        db.SchoolApplications.Add(application);
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/v1/school-applications/{application.Id}", new SchoolApplicationCreated(application.Id));
    }

    private static async Task<Ok<List<SchoolApplicationResponse>>> List(SferaDb db, ApplicationStatus? status)
    {
        var query = db.SchoolApplications.AsNoTracking();
        if (status is { } s) query = query.Where(a => a.Status == s);
        var list = await query
            .Select(a => new SchoolApplicationResponse(a.Id, a.FullName, a.ShortName, a.Type, a.Region, a.Inn, a.AdminName,
                a.AdminPhone, a.AdminEmail, a.Status, a.SubmittedAt, a.DecidedAt, a.RejectionReason, a.SchoolId, false))
            .ToListAsync();
        var phones = list.Select(a => a.AdminPhone).Distinct().ToList();
        var emails = list.Select(a => a.AdminEmail.ToUpperInvariant()).Distinct().ToList();
        var taken = await db.Users.Where(u => (u.PhoneNumber != null && phones.Contains(u.PhoneNumber)) || (u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail)))
            .Select(u => new { u.PhoneNumber, u.NormalizedEmail }).ToListAsync();
        list = list.Select(a => a with
        {
            ExistingAccount = taken.Any(t => t.PhoneNumber == a.AdminPhone || string.Equals(t.NormalizedEmail, a.AdminEmail, StringComparison.OrdinalIgnoreCase)),
        }).ToList();
        return TypedResults.Ok(list.OrderBy(a => a.SubmittedAt).ToList());
    }

    private static async Task<Results<Ok<ApproveResponse>, ProblemHttpResult>> Approve(
        Guid applicationId, HttpContext http, SferaDb db, UserManager<Account> users, IMailSender mail, TimeProvider clock)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        var application = await db.SchoolApplications.FirstOrDefaultAsync(a => a.Id == applicationId);
        if (application is null) return Problems.NotFound();
        if (application.Status != ApplicationStatus.Pending) return Problems.Status(409, "already_decided");

        var now = clock.GetUtcNow();
        var school = new School
        {
            Id = Guid.CreateVersion7(),
            FullName = application.FullName,
            ShortName = application.ShortName,
            Type = application.Type,
            Region = application.Region,
            Inn = application.Inn,
            CreatedAt = now,
        };
        db.Schools.Add(school);
        application.Status = ApplicationStatus.Approved;
        application.DecidedAt = now;
        application.SchoolId = school.Id;

        // An application never claims an existing account: its owner is invited and accepts while signed in.
        var existing = await AccountOwnership.FindByContactAsync(db, application.AdminPhone, application.AdminEmail);
        if (existing is not null)
        {
            await db.SaveChangesAsync();
            var invitation = await SchoolInvitations.OfferAsync(db, school.Id, existing.Id, Role.Admin, null, [],
                application.AdminName, application.AdminPhone, application.AdminEmail, null, clock);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            await SchoolInvitations.NotifyAsync(db, mail, invitation);
            // Said to the address the applicant typed, which may not be the account's: nothing about the account.
            var told = await mail.SendAsync(application.AdminEmail, $"Сфера: школа «{school.ShortName}» подключена",
                "Приглашение стать администратором отправлено учётной записи Сферы с указанными телефоном или почтой. Войдите в неё и примите приглашение на главной странице.");
            return TypedResults.Ok(new ApproveResponse(school.Id, null, null, InvitedExistingAccount: true, mail.IsConfigured, told));
        }

        // The account is saved on its own: its save may be retried when a generated login collides.
        await db.SaveChangesAsync();
        var admin = await Accounts.CreateAsync(users, clock, application.AdminName, null, application.AdminPhone, application.AdminEmail,
            createdBySchoolId: school.Id);
        db.Memberships.Add(new Membership
        {
            Id = Guid.CreateVersion7(), SchoolId = school.Id, AccountId = admin.Id, Role = Role.Admin,
            Status = MembershipStatus.Confirmed, CreatedAt = now, DecidedAt = now,
        });
        var activationUrl = ActivationCodes.Link(http.Request, await ActivationCodes.IssueAsync(db, admin.Id, clock));
        await db.SaveChangesAsync();
        await tx.CommitAsync();

        var sent = await mail.SendAsync(application.AdminEmail, $"Сфера: школа «{school.ShortName}» подключена",
            $"Школа «{school.ShortName}» подключена к Сфере. Ваш логин: {admin.UserName}. Задайте пароль по ссылке (она действует один раз): {activationUrl}");
        return TypedResults.Ok(new ApproveResponse(school.Id, admin.UserName!, activationUrl, MailConfigured: mail.IsConfigured, MailSent: sent));
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Reject(
        Guid applicationId, RejectRequest request, SferaDb db, TimeProvider clock)
    {
        var v = new Validator().Text(request.Reason, "reason", 1000, required: false);
        if (!v.IsValid) return v.Problem();
        var application = await db.SchoolApplications.FirstOrDefaultAsync(a => a.Id == applicationId);
        if (application is null) return Problems.NotFound();
        if (application.Status != ApplicationStatus.Pending) return Problems.Status(409, "already_decided");
        application.Status = ApplicationStatus.Rejected;
        application.DecidedAt = clock.GetUtcNow();
        application.RejectionReason = request.Reason?.Trim();
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }
}
