using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Messages;
using Sfera.Schools;

namespace Sfera.Moderation;

public sealed record ReportRequest(string Reason);
/// <summary>A report as the safeguarding staff see it: the message's text is kept even when it was deleted.</summary>
public sealed record ReportResponse(
    Guid Id, Guid ChatId, ChatKind ChatKind, string ChatTitle, Guid MessageId, long MessageSeq, string MessageText, bool MessageDeleted,
    Classes.PersonRef Sender, Classes.PersonRef Reporter, string Reason, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt);
public sealed record ReportedChatResponse(ReportResponse Report, List<SafeguardingMessage> Messages);
public sealed record SafeguardingMessage(
    Guid Id, long Seq, Classes.PersonRef Sender, string Text, DateTimeOffset CreatedAt, bool Deleted, List<Files.FileResponse> Attachments);

/// <summary>
/// Reporting a message into the school's safeguarding queue, read by administrators and the class teacher of the
/// chat's class. Staff outside the chat see it only through a report, and each such look is written to the audit log.
/// </summary>
public static class ReportsApi
{
    /// <summary>How many messages either side of a reported one its reviewers see.</summary>
    public const int Window = 20;

    public static void MapReports(this IEndpointRouteBuilder routes)
    {
        routes.MapChatGroup("Moderation").MapPost("/messages/{messageId:guid}/report", Report).WithSummary("Reports a message to the school's safeguarding staff.");
        var group = routes.MapSchoolGroup("Moderation");
        group.MapGet("/reports", List).WithSummary("Safeguarding staff: reports they may see.");
        group.MapGet("/reports/{reportId:guid}/chat", OpenChat).WithSummary("Safeguarding staff open the messages around a report (each look is audited).");
        group.MapPost("/reports/{reportId:guid}/resolve", Resolve).WithSummary("Safeguarding staff close a report.");
    }

    private static async Task<Results<Created, ProblemHttpResult, ValidationProblem>> Report(
        SchoolMember member, ChatMembership access, Guid messageId, ReportRequest request, SferaDb db, Realtime.Outbox outbox, TimeProvider clock)
    {
        if (!await db.Messages.AnyAsync(m => m.Id == messageId && m.ChatId == access.ChatId && m.DeletedAt == null)) return Problems.NotFound();
        var v = new Validator().Text(request.Reason, "reason", 1000, multiLine: true);
        if (!v.IsValid) return v.Problem();
        var report = new Report
        {
            Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, ChatId = access.ChatId, MessageId = messageId, ReporterId = member.AccountId,
            Reason = request.Reason.Trim(), CreatedAt = clock.GetUtcNow(),
        };
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        await NotifyReviewersAsync(db, outbox, member.SchoolId, access.ChatId);
        return TypedResults.Created($"/api/v1/schools/{member.SchoolId}/reports/{report.Id}");
    }

    private static async Task<Results<Ok<List<ReportResponse>>, ProblemHttpResult>> List(SchoolMember member, SferaDb db, bool? resolved)
    {
        if (!member.IsAdmin && member.LedClassIds.Count == 0) return Problems.Forbidden();
        var reports = await Visible(db, member).Where(r => resolved == null || (r.ResolvedAt != null) == resolved).ToListAsync();
        return TypedResults.Ok((await ProjectAsync(db, reports)).OrderByDescending(r => r.CreatedAt).ToList());
    }

    private static async Task<Results<Ok<ReportedChatResponse>, ProblemHttpResult>> OpenChat(SchoolMember member, Guid reportId, SferaDb db, TimeProvider clock)
    {
        var report = await Visible(db, member).FirstOrDefaultAsync(r => r.Id == reportId);
        if (report is null) return Problems.NotFound();
        var seq = await db.Messages.Where(m => m.Id == report.MessageId).Select(m => m.Seq).FirstAsync();
        var rows = await db.Messages.Where(m => m.ChatId == report.ChatId && m.Seq >= seq - Window && m.Seq <= seq + Window).OrderBy(m => m.Seq)
            .Select(m => new
            {
                m.Id, m.Seq, Sender = db.Users.Where(u => u.Id == m.SenderId).Select(u => new Classes.PersonRef(u.Id, u.DisplayName)).First(),
                m.Text, m.CreatedAt, Deleted = m.DeletedAt != null,
            })
            .ToListAsync();
        // Files too, of deleted messages as well: in a chat with a minor they are kept for this review.
        var ids = rows.Select(r => r.Id).ToList();
        var files = (await db.Attachments.Where(a => ids.Contains(a.MessageId))
                .Join(db.Files, a => a.FileId, f => f.Id, (a, f) => new { a.MessageId, a.Position, File = f }).ToListAsync())
            .GroupBy(a => a.MessageId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.Position).Select(a => Files.FileResponse.From(a.File)).ToList());
        var around = rows.Select(r => new SafeguardingMessage(r.Id, r.Seq, r.Sender, r.Text, r.CreatedAt, r.Deleted, files.GetValueOrDefault(r.Id) ?? [])).ToList();
        if (await ChatAccess.FindForMemberAsync(db, member.SchoolId, member.AccountId, report.ChatId) is null)
        {
            db.AuditEntries.Add(Audit.Entry(member, "report.open_chat", report.ChatId, report.Id, $"messages {around.FirstOrDefault()?.Seq}-{around.LastOrDefault()?.Seq}", clock));
            await db.SaveChangesAsync();
        }
        return TypedResults.Ok(new ReportedChatResponse((await ProjectAsync(db, [report])).Single(), around));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Resolve(
        SchoolMember member, Guid reportId, SferaDb db, Realtime.Outbox outbox, TimeProvider clock)
    {
        var report = await Visible(db, member).FirstOrDefaultAsync(r => r.Id == reportId);
        if (report is null) return Problems.NotFound();
        report.ResolvedAt ??= clock.GetUtcNow();
        report.ResolvedBy ??= member.AccountId;
        db.AuditEntries.Add(Audit.Entry(member, "report.resolve", report.ChatId, report.Id, "", clock));
        await db.SaveChangesAsync();
        await NotifyReviewersAsync(db, outbox, member.SchoolId, report.ChatId);
        return TypedResults.NoContent();
    }

    /// <summary>The reviewers' "waiting" counts: administrators, and the class teacher when the chat is a class's.</summary>
    private static async Task NotifyReviewersAsync(SferaDb db, Realtime.Outbox outbox, Guid schoolId, Guid chatId)
    {
        var classId = await db.Chats.Where(c => c.Id == chatId).Select(c => c.ClassId).FirstOrDefaultAsync();
        await Schools.WaitingApi.NotifyAsync(db, outbox, schoolId, classId);
    }

    /// <summary>Administrators see every report of their school; a class teacher sees those from their classes' chats.</summary>
    public static IQueryable<Report> Visible(SferaDb db, SchoolMember member)
    {
        var led = member.LedClassIds.ToList();
        return db.Reports.Where(r => r.SchoolId == member.SchoolId && (member.IsAdmin
            || db.Chats.Any(c => c.Id == r.ChatId && c.ClassId != null && led.Contains(c.ClassId.Value))));
    }

    private static async Task<List<ReportResponse>> ProjectAsync(SferaDb db, List<Report> reports)
    {
        var ids = reports.Select(r => r.Id).ToList();
        var rows = await db.Reports.Where(r => ids.Contains(r.Id))
            .Join(db.Messages, r => r.MessageId, m => m.Id, (r, m) => new { r, m })
            .Join(db.Chats, x => x.r.ChatId, c => c.Id, (x, c) => new ReportResponse(
                x.r.Id, c.Id, c.Kind, c.Kind == ChatKind.Group ? c.Title : db.Classes.Where(k => k.Id == c.ClassId).Select(k => k.Name).FirstOrDefault() ?? "",
                x.m.Id, x.m.Seq, x.m.Text, x.m.DeletedAt != null,
                db.Users.Where(u => u.Id == x.m.SenderId).Select(u => new Classes.PersonRef(u.Id, u.DisplayName)).First(),
                db.Users.Where(u => u.Id == x.r.ReporterId).Select(u => new Classes.PersonRef(u.Id, u.DisplayName)).First(),
                x.r.Reason, x.r.CreatedAt, x.r.ResolvedAt))
            .ToListAsync();
        return rows;
    }
}
