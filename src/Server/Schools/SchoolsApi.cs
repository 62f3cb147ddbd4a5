using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Moderation;

namespace Sfera.Schools;

public sealed record SchoolResponse(
    Guid Id, string FullName, string ShortName, SchoolType Type, string Region, string? JournalUrl, IReadOnlyList<Role> MyRoles,
    bool StudentsMayWriteOtherStudents, bool ParentsMayWriteClassParents, int EditWindowMinutes);
/// <summary>Settings; the contact-policy switches and the edit window keep their values when left out.</summary>
public sealed record SchoolSettingsRequest(
    string FullName, string ShortName, string? JournalUrl,
    bool? StudentsMayWriteOtherStudents = null, bool? ParentsMayWriteClassParents = null, int? EditWindowMinutes = null);

public static class SchoolsApi
{
    public static void MapSchools(this IEndpointRouteBuilder routes)
    {
        var school = routes.MapSchoolGroup("Schools");
        school.MapGet("/", Get).WithSummary("The school: names, journal link, contact-policy settings.");
        school.MapPut("/settings", UpdateSettings).WithSummary("Administrators change the school's names, journal link and contact-policy settings.");
    }

    private static async Task<Ok<SchoolResponse>> Get(SchoolMember member, SferaDb db)
    {
        var s = await db.Schools.AsNoTracking().FirstAsync(x => x.Id == member.SchoolId);
        return TypedResults.Ok(new SchoolResponse(s.Id, s.FullName, s.ShortName, s.Type, s.Region, s.JournalUrl, member.Roles.Order().ToList(),
            s.StudentsMayWriteOtherStudents, s.ParentsMayWriteClassParents, s.EditWindowMinutes));
    }

    private static async Task<Results<Ok<SchoolResponse>, ValidationProblem, ProblemHttpResult>> UpdateSettings(
        SchoolMember member, SchoolSettingsRequest request, SferaDb db, TimeProvider clock)
    {
        if (!member.IsAdmin) return Problems.Forbidden();
        var journal = string.IsNullOrWhiteSpace(request.JournalUrl) ? null : request.JournalUrl.Trim();
        var v = new Validator()
            .Text(request.FullName, "fullName", 500)
            .Text(request.ShortName, "shortName", 200)
            .Check(journal is null || (journal.Length <= 2000 && !TextRules.HasControl(journal) && Uri.TryCreate(journal, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)), "journalUrl", "url")
            .Check(request.EditWindowMinutes is null or >= 0 and <= 10080, "editWindowMinutes", "range");
        if (!v.IsValid) return v.Problem();
        var school = await db.Schools.FirstAsync(x => x.Id == member.SchoolId);
        school.FullName = request.FullName.Trim();
        school.ShortName = request.ShortName.Trim();
        school.JournalUrl = journal;
        school.StudentsMayWriteOtherStudents = request.StudentsMayWriteOtherStudents ?? school.StudentsMayWriteOtherStudents;
        school.ParentsMayWriteClassParents = request.ParentsMayWriteClassParents ?? school.ParentsMayWriteClassParents;
        school.EditWindowMinutes = request.EditWindowMinutes ?? school.EditWindowMinutes;
        db.AuditEntries.Add(Audit.Entry(member, "school.settings", null, school.Id, $"students↔students {school.StudentsMayWriteOtherStudents}, parents↔parents {school.ParentsMayWriteClassParents}", clock));
        await db.SaveChangesAsync();
        return await Get(member, db);
    }
}
