using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sfera.Auth;
using Sfera.Data;
using Sfera.Files;
using Sfera.Hosting;

namespace Sfera.Operator;

/// <summary>A connected school as the operator sees it: no one's messages or files, only its size and storage.</summary>
public sealed record OperatorSchoolResponse(
    Guid Id, string ShortName, string FullName, string Region, DateTimeOffset CreatedAt, int People,
    long StorageUsedBytes, long StorageQuotaBytes, bool QuotaIsDefault);

/// <summary>A school's own storage quota; null goes back to the install-wide default.</summary>
public sealed record QuotaRequest(long? QuotaBytes);

public static class OperatorSchoolsApi
{
    /// <summary>100 TiB: far above any school, low enough to catch a typo of a few zeros.</summary>
    public const long MaxQuotaBytes = 100L << 40;

    public static void MapOperatorSchools(this IEndpointRouteBuilder routes)
    {
        var op = routes.MapGroup("/api/v1/operator/schools").WithTags("Operator").RequireAuthorization(AuthSetup.OperatorPolicy);
        op.MapGet("/", List).WithSummary("The operator's list of schools with their people and storage.");
        op.MapPut("/{schoolId:guid}/quota", SetQuota).WithSummary("The operator gives a school its own storage quota (null: the default).");
    }

    private static async Task<Ok<List<OperatorSchoolResponse>>> List(SferaDb db, IOptions<FilesOptions> files) =>
        TypedResults.Ok(await Project(db, db.Schools.OrderBy(s => s.ShortName), files.Value.SchoolQuotaBytes).ToListAsync());

    private static async Task<Results<Ok<OperatorSchoolResponse>, ProblemHttpResult, ValidationProblem>> SetQuota(
        Guid schoolId, QuotaRequest request, SferaDb db, IOptions<FilesOptions> files, CurrentUser me, TimeProvider clock, ILogger<QuotaRequest> log)
    {
        var school = await db.Schools.FirstOrDefaultAsync(s => s.Id == schoolId);
        if (school is null) return Problems.NotFound();
        if (request.QuotaBytes is < 0 or > MaxQuotaBytes) return Problems.Field("quotaBytes", "range");
        school.StorageQuotaBytes = request.QuotaBytes;
        await db.SaveChangesAsync();
        log.LogInformation("Operator {Operator} set the storage quota of school {School} to {Quota}", me.Id, schoolId,
            request.QuotaBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the default");
        return TypedResults.Ok(await Project(db, db.Schools.Where(s => s.Id == schoolId), files.Value.SchoolQuotaBytes).SingleAsync());
    }

    private static IQueryable<OperatorSchoolResponse> Project(SferaDb db, IQueryable<School> schools, long defaultQuota) =>
        schools.Select(s => new OperatorSchoolResponse(
            s.Id, s.ShortName, s.FullName, s.Region, s.CreatedAt,
            db.Memberships.Where(m => m.SchoolId == s.Id && m.Status == MembershipStatus.Confirmed).Select(m => m.AccountId).Distinct().Count(),
            s.StorageUsedBytes, s.StorageQuotaBytes ?? defaultQuota, s.StorageQuotaBytes == null));
}
