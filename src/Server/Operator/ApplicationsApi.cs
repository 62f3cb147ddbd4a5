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
public sealed record SchoolApplicationResponse(
    Guid Id, string FullName, string ShortName, SchoolType Type, string Region, string Inn, string AdminName, string AdminPhone,
    string AdminEmail, ApplicationStatus Status, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt, string? RejectionReason, Guid? SchoolId);
public sealed record ApproveResponse(Guid SchoolId, string AdminLogin, string? ActivationUrl);
public sealed record RejectRequest(string? Reason);

public static class ApplicationsApi
{
    public static void MapApplications(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/school-applications", Submit).WithTags("Operator").AllowAnonymous()
            .RequireRateLimiting(AuthApi.SignInRateLimit);

        var op = routes.MapGroup("/api/v1/operator/applications").WithTags("Operator")
            .RequireAuthorization(AuthSetup.OperatorPolicy);
        op.MapGet("/", List);
        op.MapPost("/{applicationId:guid}/approve", Approve);
        op.MapPost("/{applicationId:guid}/reject", Reject);
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
                a.AdminPhone, a.AdminEmail, a.Status, a.SubmittedAt, a.DecidedAt, a.RejectionReason, a.SchoolId))
            .ToListAsync();
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
        // A person who already has an account (a parent elsewhere, say) becomes this school's admin with it.
        // The account is saved first and on its own: its save may be retried when a generated login collides.
        var admin = await users.FindByEmailAsync(application.AdminEmail)
            ?? await db.Users.FirstOrDefaultAsync(a => a.PhoneNumber == application.AdminPhone)
            ?? await Accounts.CreateAsync(users, clock, application.AdminName, null, application.AdminPhone, application.AdminEmail);
        db.Schools.Add(school);
        db.Memberships.Add(new Membership
        {
            Id = Guid.CreateVersion7(), SchoolId = school.Id, AccountId = admin.Id, Role = Role.Admin,
            Status = MembershipStatus.Confirmed, CreatedAt = now, DecidedAt = now,
        });
        string? activationUrl = null;
        if (!await users.HasPasswordAsync(admin))
            activationUrl = ActivationCodes.Link(http.Request, ActivationCodes.Issue(db, admin.Id, clock));

        application.Status = ApplicationStatus.Approved;
        application.DecidedAt = now;
        application.SchoolId = school.Id;
        await db.SaveChangesAsync();
        await tx.CommitAsync();

        await mail.SendAsync(application.AdminEmail, $"Сфера: школа «{school.ShortName}» подключена",
            activationUrl is null ? "Войдите в Сферу своей учётной записью." : $"Задайте пароль: {activationUrl}");
        return TypedResults.Ok(new ApproveResponse(school.Id, admin.UserName!, activationUrl));
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
