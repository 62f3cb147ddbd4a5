using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Schools;

namespace Sfera.Files;

public sealed record FileResponse(
    Guid Id, string Name, string ContentType, FileKind Kind, long Size, int? Width, int? Height, int? DurationMs, List<int>? Waveform,
    string Url, string? ThumbnailUrl, DateTimeOffset CreatedAt)
{
    public static string UrlOf(StoredFile f) => $"/api/v1/schools/{f.SchoolId}/files/{f.Id}";

    public static FileResponse From(StoredFile f) => new(
        f.Id, f.Name, f.ContentType, f.Kind, f.Size, f.Width, f.Height, f.DurationMs,
        f.Waveform?.Split(',').Select(int.Parse).ToList(),
        UrlOf(f) + "/content", f.ThumbnailKey is null ? null : UrlOf(f) + "/thumbnail", f.CreatedAt);
}

public sealed record StorageResponse(long UsedBytes, long QuotaBytes, long MaxUploadBytes);

public static class FilesApi
{
    /// <summary>Every file response is a document of its own that may run nothing and load nothing else.</summary>
    public const string FileCsp = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox";

    public static IServiceCollection AddSferaFiles(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        services.Configure<FilesOptions>(config.GetSection("Files"));
        services.AddSingleton<IFileStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<FilesOptions>>().Value;
            var dataDir = Path.GetFullPath(config["Sfera:DataDirectory"] ?? Path.Combine(contentRoot, "data"));
            return options.Storage.ToLowerInvariant() switch
            {
                "local" => new LocalFileStore(options.LocalPath ?? Path.Combine(dataDir, "files")),
                "s3" => new S3FileStore(options.S3, Path.Combine(dataDir, "spool")),
                var other => throw new InvalidOperationException($"Files:Storage is '{other}'; use 'local' or 's3'."),
            };
        });
        services.AddSingleton<IVirusScanner>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<FilesOptions>>().Value;
            return options.ClamAv.Enabled
                ? new ClamdScanner(options.ClamAv, sp.GetRequiredService<ILogger<ClamdScanner>>())
                : new NoVirusScanner();
        });
        services.AddScoped<FileUploads>();
        services.AddSingleton<OrphanSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<OrphanSweeper>());
        return services;
    }

    public static void MapFiles(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapSchoolGroup("Files");
        group.MapPost("/files", Upload).WithSummary("Uploads a file (the raw body) for posting in a chat.")
            .RequireRateLimiting(RateLimits.Uploads)
            .Accepts<Stream>("*/*")
            .WithDescription("The request body is the file itself. Its type is read from its bytes; kind=Voice with durationMs " +
                             "(and optionally waveform: up to 100 levels 0-100, comma-separated) marks a recorded voice note.");
        group.MapGet("/files/storage", Storage).WithSummary("The school's storage use and quota.");
        group.MapGet("/files/{fileId:guid}", Get).WithSummary("A file's description, for its uploader and members of chats it was posted in.");
        group.MapGet("/files/{fileId:guid}/content", Content).WithSummary("The file's bytes, with Range and ETag; only pictures, sound and video inline.");
        group.MapGet("/files/{fileId:guid}/thumbnail", Thumbnail).WithSummary("A picture's 480 px WebP thumbnail.");
        group.MapDelete("/files/{fileId:guid}", Delete).WithSummary("The uploader removes a file not yet posted.");
    }

    private static Task<Results<Created<FileResponse>, ProblemHttpResult, ValidationProblem>> Upload(
        SchoolMember member, HttpContext http, FileUploads uploads, string? name, FileKind? kind, int? durationMs, string? waveform) =>
        uploads.UploadAsync(member, http, new UploadClaims(name, kind, durationMs, waveform));

    private static async Task<Ok<StorageResponse>> Storage(SchoolMember member, SferaDb db, IOptions<FilesOptions> options)
    {
        var school = await db.Schools.Where(s => s.Id == member.SchoolId).Select(s => new { s.StorageUsedBytes, s.StorageQuotaBytes }).FirstAsync();
        return TypedResults.Ok(new StorageResponse(school.StorageUsedBytes, school.StorageQuotaBytes ?? options.Value.SchoolQuotaBytes, options.Value.MaxUploadBytes));
    }

    private static async Task<Results<Ok<FileResponse>, ProblemHttpResult>> Get(SchoolMember member, Guid fileId, SferaDb db) =>
        await FindReadableAsync(db, member, fileId) is { } file ? TypedResults.Ok(FileResponse.From(file)) : Problems.NotFound();

    private static async Task<IResult> Content(SchoolMember member, Guid fileId, SferaDb db, IFileStore store, HttpContext http, bool? download)
    {
        if (await FindReadableAsync(db, member, fileId) is not { } file) return Problems.NotFound();
        var inline = ContentSniffer.IsInline(file.ContentType) && download != true;
        return await ServeAsync(http, store, file.StorageKey, file.Size, file.ContentType, file.Sha256, file.CreatedAt, file.Name, inline);
    }

    private static async Task<IResult> Thumbnail(SchoolMember member, Guid fileId, SferaDb db, IFileStore store, HttpContext http)
    {
        if (await FindReadableAsync(db, member, fileId) is not { ThumbnailKey: { } key, ThumbnailSize: { } length } file) return Problems.NotFound();
        return await ServeAsync(http, store, key, length, "image/webp", file.Sha256 + "-t", file.CreatedAt, Path.ChangeExtension(file.Name, ".webp"), inline: true);
    }

    private static async Task<IResult> ServeAsync(HttpContext http, IFileStore store, string key, long length, string contentType, string tag,
        DateTimeOffset modified, string name, bool inline)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = FileCsp;
        headers.XContentTypeOptions = "nosniff";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        // Revalidated on every use (a 304 is cheap), so someone removed from the chat stops seeing it.
        headers.CacheControl = "private, no-cache";
        var stream = await store.OpenAsync(key, length, http.RequestAborted);
        if (inline)
            headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = name }.ToString();
        return TypedResults.File(stream, contentType, inline ? null : name, modified, new EntityTagHeaderValue($"\"{tag}\""), enableRangeProcessing: true);
    }

    /// <summary>The uploader may remove a file they have not posted yet (a cancelled attachment); its space is freed.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(SchoolMember member, Guid fileId, SferaDb db, FileUploads uploads)
    {
        var file = await FindReadableAsync(db, member, fileId);
        if (file is null) return Problems.NotFound();
        if (file.UploaderId != member.AccountId) return Problems.Forbidden();
        if (await db.Attachments.AnyAsync(a => a.FileId == fileId)) return Problems.Status(409, "file_posted");
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            db.Files.Remove(file);
            await db.SaveChangesAsync();
            var size = file.Size;
            await db.Schools.Where(s => s.Id == member.SchoolId).ExecuteUpdateAsync(s => s.SetProperty(x => x.StorageUsedBytes, x => x.StorageUsedBytes - size));
            await tx.CommitAsync();
        }
        await uploads.DeleteStoredAsync(file);
        return TypedResults.NoContent();
    }

    /// <summary>A file the member may read: their own upload, one posted in a message (not deleted) of a chat they are
    /// in, or, for the school's safeguarding staff, one posted (deleted or not) near a message reported to them.</summary>
    public static async Task<StoredFile?> FindReadableAsync(SferaDb db, SchoolMember member, Guid fileId) =>
        await ReadableNowAsync(db, member, fileId)
        ?? (member.IsAdmin || member.LedClassIds.Count > 0 ? await ReviewableAsync(db, member, fileId) : null);

    /// <summary>A file posted where the caller is, unless the contact policy has since closed every such chat's history
    /// to them (a file is part of the history).</summary>
    private static async Task<StoredFile?> ReadableNowAsync(SferaDb db, SchoolMember member, Guid fileId)
    {
        var file = await Readable(db, member.AccountId).FirstOrDefaultAsync(f => f.Id == fileId);
        if (file is null || file.UploaderId == member.AccountId) return file;
        var chats = await db.Chats.Where(c => db.ChatMembers.Any(m => m.ChatId == c.Id && m.AccountId == member.AccountId)
            && db.Messages.Any(m => m.ChatId == c.Id && m.DeletedAt == null && db.Attachments.Any(a => a.MessageId == m.Id && a.FileId == fileId))).ToListAsync();
        var closed = await Chats.ChatPolicy.UnreadableAsync(db, member.SchoolId, chats, member.AccountId);
        return chats.Any(c => !closed.Contains(c.Id)) ? file : null;
    }

    private static Task<StoredFile?> ReviewableAsync(SferaDb db, SchoolMember member, Guid fileId)
    {
        var reports = Moderation.ReportsApi.Visible(db, member);
        const int window = Moderation.ReportsApi.Window;
        return db.Files.Where(f => f.Id == fileId && db.Attachments.Any(a => a.FileId == f.Id && db.Messages.Any(m => m.Id == a.MessageId
                && reports.Any(r => r.ChatId == m.ChatId && db.Messages.Any(reported => reported.Id == r.MessageId
                    && m.Seq >= reported.Seq - window && m.Seq <= reported.Seq + window)))))
            .FirstOrDefaultAsync();
    }

    public static IQueryable<StoredFile> Readable(SferaDb db, Guid accountId) =>
        db.Files.Where(f => f.UploaderId == accountId || db.Attachments.Any(a => a.FileId == f.Id && db.Messages.Any(m =>
            m.Id == a.MessageId && m.DeletedAt == null && db.ChatMembers.Any(c => c.ChatId == m.ChatId && c.AccountId == accountId))));
}
