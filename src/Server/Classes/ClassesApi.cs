using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Moderation;
using Sfera.Schools;

namespace Sfera.Classes;

public sealed record PersonRef(Guid AccountId, string DisplayName);
public sealed record SubjectTeacherResponse(Guid Id, Guid AccountId, string DisplayName, string Subject);
public sealed record ClassResponse(
    Guid Id, string Name, int SchoolYear, PersonRef? ClassTeacher, List<SubjectTeacherResponse> SubjectTeachers, int StudentCount);
public sealed record ClassRequest(string Name, int? SchoolYear, Guid? ClassTeacherAccountId);
public sealed record SubjectTeacherRequest(Guid AccountId, string Subject);

public static class ClassesApi
{
    public static void MapClasses(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapSchoolGroup("Classes");
        group.MapGet("/classes", List).WithSummary("The school's classes (a student or parent sees their own).");
        group.MapPost("/classes", Create).WithSummary("Administrators create a class, with its class teacher.");
        group.MapPut("/classes/{classId:guid}", Update).WithSummary("Administrators rename a class or change its class teacher.");
        group.MapPost("/classes/{classId:guid}/subject-teachers", AddSubjectTeacher).WithSummary("Administrators add a subject teacher to a class.");
        group.MapDelete("/classes/{classId:guid}/subject-teachers/{subjectTeacherId:guid}", RemoveSubjectTeacher).WithSummary("Administrators remove a subject teacher from a class.");
    }

    /// <summary>Staff see every class; students and parents see only their own (or their children's).</summary>
    private static async Task<Ok<List<ClassResponse>>> List(SchoolMember member, SferaDb db)
    {
        var visible = member.IsStaff ? null : await ClassAccess.OwnClassIdsAsync(db, member);
        var list = await Query(db, visible).ToListAsync();
        return TypedResults.Ok(list.OrderByDescending(c => c.SchoolYear).ThenBy(c => c.Name, ClassNameOrder.Instance).ToList());
    }

    private static IQueryable<ClassResponse> Query(SferaDb db, List<Guid>? only) =>
        db.Classes.AsNoTracking()
            .Where(c => only == null || only.Contains(c.Id))
            .Select(c => new ClassResponse(
                c.Id, c.Name, c.SchoolYear,
                db.Users.Where(u => u.Id == c.ClassTeacherId).Select(u => new PersonRef(u.Id, u.DisplayName)).FirstOrDefault(),
                db.SubjectTeachers.Where(s => s.ClassId == c.Id)
                    .Join(db.Users, s => s.AccountId, u => u.Id, (s, u) => new SubjectTeacherResponse(s.Id, u.Id, u.DisplayName, s.Subject)).ToList(),
                db.Memberships.Count(m => m.ClassId == c.Id && m.Role == Role.Student && m.Status == MembershipStatus.Confirmed)));

    private static async Task<Results<Created<ClassResponse>, ValidationProblem, ProblemHttpResult>> Create(
        SchoolMember member, ClassRequest request, SferaDb db, TimeProvider clock)
    {
        if (!member.IsAdmin) return Problems.Forbidden();
        var year = request.SchoolYear ?? SchoolYear.Current(clock);
        var v = await ValidateAsync(member, request, year, db, null);
        if (!v.IsValid) return v.Problem();
        var entity = new SchoolClass
        {
            Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, Name = ClassNameOrder.Normalize(request.Name), SchoolYear = year,
            ClassTeacherId = request.ClassTeacherAccountId, CreatedAt = clock.GetUtcNow(),
        };
        db.Classes.Add(entity);
        db.AuditEntries.Add(Audit.Entry(member, "class.create", null, entity.Id, entity.Name, clock));
        await db.SaveChangesAsync();
        var created = await Query(db, [entity.Id]).FirstAsync();
        return TypedResults.Created($"/api/v1/schools/{member.SchoolId}/classes/{entity.Id}", created);
    }

    private static async Task<Results<Ok<ClassResponse>, ValidationProblem, ProblemHttpResult>> Update(
        SchoolMember member, Guid classId, ClassRequest request, SferaDb db, TimeProvider clock)
    {
        var entity = await db.Classes.FirstOrDefaultAsync(c => c.Id == classId && c.SchoolId == member.SchoolId);
        if (entity is null) return Problems.NotFound();
        if (!member.IsAdmin) return Problems.Forbidden();
        var year = request.SchoolYear ?? entity.SchoolYear;
        var v = await ValidateAsync(member, request, year, db, classId);
        if (!v.IsValid) return v.Problem();
        entity.Name = ClassNameOrder.Normalize(request.Name);
        entity.SchoolYear = year;
        entity.ClassTeacherId = request.ClassTeacherAccountId;
        db.AuditEntries.Add(Audit.Entry(member, "class.update", null, entity.Id, $"{entity.Name} {entity.ClassTeacherId}", clock));
        await db.SaveChangesAsync();
        return TypedResults.Ok(await Query(db, [entity.Id]).FirstAsync());
    }

    private static async Task<Validator> ValidateAsync(SchoolMember member, ClassRequest request, int year, SferaDb db, Guid? self)
    {
        var v = new Validator().Text(request.Name, "name", 20).Check(year is >= 2000 and <= 2100, "schoolYear", "range");
        if (!v.IsValid) return v;
        var name = ClassNameOrder.Normalize(request.Name);
        v.Check(!await db.Classes.AnyAsync(c => c.SchoolId == member.SchoolId && c.SchoolYear == year && c.Name == name && c.Id != self), "name", "class_exists");
        if (request.ClassTeacherAccountId is { } teacher)
            v.Check(await ClassAccess.IsTeacherAsync(db, member.SchoolId, teacher), "classTeacherAccountId", "teacher_required");
        return v;
    }

    private static async Task<Results<Created<SubjectTeacherResponse>, ValidationProblem, ProblemHttpResult>> AddSubjectTeacher(
        SchoolMember member, Guid classId, SubjectTeacherRequest request, SferaDb db, TimeProvider clock)
    {
        if (!await db.Classes.AnyAsync(c => c.Id == classId && c.SchoolId == member.SchoolId)) return Problems.NotFound();
        if (!member.IsAdmin) return Problems.Forbidden();
        var v = new Validator().Text(request.Subject, "subject", 100)
            .Check(await ClassAccess.IsTeacherAsync(db, member.SchoolId, request.AccountId), "accountId", "teacher_required");
        if (!v.IsValid) return v.Problem();
        var subject = request.Subject.Trim();
        var existing = await db.SubjectTeachers.FirstOrDefaultAsync(s => s.ClassId == classId && s.AccountId == request.AccountId && s.Subject == subject);
        if (existing is null)
        {
            existing = new SubjectTeacher { Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, ClassId = classId, AccountId = request.AccountId, Subject = subject };
            db.SubjectTeachers.Add(existing);
            db.AuditEntries.Add(Audit.Entry(member, "class.subject_teacher", null, classId, $"{request.AccountId} {subject}", clock));
            await db.SaveChangesAsync();
        }
        var name = await db.Users.Where(u => u.Id == request.AccountId).Select(u => u.DisplayName).FirstAsync();
        return TypedResults.Created($"/api/v1/schools/{member.SchoolId}/classes/{classId}", new SubjectTeacherResponse(existing.Id, request.AccountId, name, subject));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveSubjectTeacher(
        SchoolMember member, Guid classId, Guid subjectTeacherId, SferaDb db, TimeProvider clock)
    {
        var entity = await db.SubjectTeachers.FirstOrDefaultAsync(s => s.Id == subjectTeacherId && s.ClassId == classId && s.SchoolId == member.SchoolId);
        if (entity is null) return Problems.NotFound();
        if (!member.IsAdmin) return Problems.Forbidden();
        db.SubjectTeachers.Remove(entity);
        db.AuditEntries.Add(Audit.Entry(member, "class.subject_teacher_remove", null, classId, $"{entity.AccountId} {entity.Subject}", clock));
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }
}
