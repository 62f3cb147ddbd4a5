using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Schools;

namespace Sfera.Files;

/// <summary>What the uploader says about the file; everything else is found out from the bytes.</summary>
public sealed record UploadClaims(string? Name, FileKind? Kind, int? DurationMs, string? Waveform);

/// <summary>
/// An upload, from request body to stored file: spooled to local disk while it is counted and hashed (never held
/// in memory), refused as soon as it passes the install-wide limit, scanned when scanning is on, sniffed,
/// pictures rewritten without metadata, then stored and recorded against the school's quota. Any refusal leaves
/// nothing behind: no spool file, no stored object, no row, no quota used.
/// </summary>
public sealed class FileUploads(SferaDb db, IFileStore store, IVirusScanner scanner, IOptions<FilesOptions> options, TimeProvider clock, ILogger<FileUploads> log)
{
    public const int MaxVoiceMs = 60 * 60 * 1000;

    private FilesOptions Options => options.Value;

    public async Task<Results<Created<FileResponse>, ProblemHttpResult, ValidationProblem>> UploadAsync(SchoolMember member, HttpContext http, UploadClaims claims)
    {
        var v = new Validator().Text(claims.Name, "name", 1000);
        if (claims.Kind is not (null or FileKind.File or FileKind.Voice)) v.Add("kind", "invalid");
        List<int>? waveform = null;
        if (claims.Kind == FileKind.Voice)
        {
            v.Check(claims.DurationMs is > 0 and <= MaxVoiceMs, "durationMs", "range");
            waveform = ParseWaveform(claims.Waveform);
            v.Check(claims.Waveform is null || waveform is not null, "waveform", "invalid");
        }
        if (!v.IsValid) return v.Problem();

        var school = await db.Schools.Where(s => s.Id == member.SchoolId).Select(s => new { s.StorageUsedBytes, s.StorageQuotaBytes }).FirstAsync();
        var quota = school.StorageQuotaBytes ?? Options.SchoolQuotaBytes;
        var declared = http.Request.ContentLength;
        if (declared > Options.MaxUploadBytes) return TooLarge();
        if (declared is { } d && school.StorageUsedBytes + d > quota) return QuotaExceeded(quota);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = Options.MaxUploadBytes + 1;

        var name = SafeName.Make(claims.Name);
        var spool = Path.Combine(store.SpoolDirectory, Guid.NewGuid().ToString("N"));
        var cleanup = new List<string> { spool };
        try
        {
            var spooled = await SpoolAsync(http.Request.Body, spool, http.RequestAborted);
            if (spooled is null) return TooLarge();
            var (size, head, spooledHash) = spooled.Value;
            if (size == 0) return Problems.Field("file", "file_empty");

            var scan = await scanner.ScanAsync(spool, http.RequestAborted);
            if (scan.Verdict == ScanVerdict.Infected)
                return Problems.Status(422, "file_infected", new Dictionary<string, object?> { ["signature"] = scan.Signature });
            if (scan.Verdict == ScanVerdict.Unavailable) return Problems.Status(503, "scanner_unavailable");

            var contentType = ContentSniffer.Sniff(head, name);
            if (ContentSniffer.IsUnprocessableImage(contentType)) return Problems.Field("file", "image_format");
            var kind = KindOf(contentType);
            int? width = null, height = null;
            string? thumbnail = null;
            if (kind == FileKind.Image)
            {
                cleanup.AddRange([spool + ".clean", spool + ".thumb"]);
                var image = await ImageProcessor.ProcessAsync(spool, contentType, Options.MaxImagePixels, http.RequestAborted);
                if (image is null) return Problems.Field("file", "image_unusable");
                (width, height, thumbnail) = (image.Width, image.Height, image.ThumbnailPath);
            }
            if (claims.Kind == FileKind.Voice)
            {
                if (contentType == "video/mp4") contentType = "audio/mp4"; // Safari records voice as MP4
                if (KindOf(contentType) != FileKind.Audio) return Problems.Field("kind", "not_audio");
                kind = FileKind.Voice;
            }

            // A rewritten picture is hashed again; anything else is stored as it came.
            var (storedSize, sha256) = kind == FileKind.Image ? await MeasureAsync(spool, http.RequestAborted) : (size, spooledHash);
            var id = Guid.CreateVersion7();
            var file = new StoredFile
            {
                Id = id, SchoolId = member.SchoolId, UploaderId = member.AccountId, Name = name, ContentType = contentType, Kind = kind,
                Size = storedSize, Sha256 = sha256, StorageKey = $"{member.SchoolId:N}/{id:N}",
                ThumbnailKey = thumbnail is null ? null : $"{member.SchoolId:N}/{id:N}-thumb",
                ThumbnailSize = thumbnail is null ? null : new FileInfo(thumbnail).Length,
                Width = width, Height = height, DurationMs = kind == FileKind.Voice ? claims.DurationMs : null,
                Waveform = waveform is null ? null : string.Join(',', waveform), CreatedAt = clock.GetUtcNow(),
            };
            return await StoreAsync(file, spool, thumbnail, quota, http.RequestAborted) ? TypedResults.Created(FileResponse.UrlOf(file), FileResponse.From(file)) : QuotaExceeded(quota);
        }
        finally
        {
            foreach (var path in cleanup) File.Delete(path);
        }
    }

    /// <summary>Bytes first, row second: the row, and the quota it uses, appear in one transaction only once the bytes
    /// are stored, and the bytes are removed again if the row cannot be written.</summary>
    private async Task<bool> StoreAsync(StoredFile file, string spool, string? thumbnail, long quota, CancellationToken ct)
    {
        try
        {
            // A full disk (or any failure) halfway leaves neither the file nor its thumbnail behind.
            await store.PutAsync(file.StorageKey, spool, file.ContentType, ct);
            if (thumbnail is not null) await store.PutAsync(file.ThumbnailKey!, thumbnail, "image/webp", ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var size = file.Size;
            var counted = await db.Schools.Where(s => s.Id == file.SchoolId && s.StorageUsedBytes + size <= (s.StorageQuotaBytes ?? quota))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.StorageUsedBytes, x => x.StorageUsedBytes + size), ct);
            if (counted == 0)
            {
                await DeleteStoredAsync(file);
                return false;
            }
            db.Files.Add(file);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }
        catch
        {
            await DeleteStoredAsync(file);
            throw;
        }
    }

    public async Task DeleteStoredAsync(StoredFile file)
    {
        try
        {
            await store.DeleteAsync(file.StorageKey, CancellationToken.None);
            if (file.ThumbnailKey is not null) await store.DeleteAsync(file.ThumbnailKey, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogError(e, "Could not delete stored file {Key}", file.StorageKey);
        }
    }

    /// <summary>Copies the body to a spool file, hashing it on the way; null when it turns out larger than the limit.</summary>
    private async Task<(long Size, byte[] Head, string Sha256)?> SpoolAsync(Stream body, string path, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new byte[ContentSniffer.HeadLength];
        var headLength = 0;
        long size = 0;
        var buffer = new byte[81920];
        await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                size += read;
                if (size > Options.MaxUploadBytes) return null;
                if (headLength < head.Length)
                {
                    var take = Math.Min(read, head.Length - headLength);
                    buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                    headLength += take;
                }
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return (size, head[..headLength], Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task<(long Size, string Sha256)> MeasureAsync(string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(file, ct);
        return (file.Length, Convert.ToHexStringLower(hash));
    }

    public static FileKind KindOf(string contentType) =>
        ContentSniffer.IsImage(contentType) ? FileKind.Image
        : contentType.StartsWith("audio/", StringComparison.Ordinal) ? FileKind.Audio
        : contentType.StartsWith("video/", StringComparison.Ordinal) ? FileKind.Video
        : FileKind.File;

    private static List<int>? ParseWaveform(string? text)
    {
        if (text is null) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 100) return null;
        var levels = new List<int>(parts.Length);
        foreach (var part in parts)
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var level) || level > 100) return null;
            levels.Add(level);
        }
        return levels;
    }

    private ProblemHttpResult TooLarge() =>
        Problems.Status(413, "file_too_large", new Dictionary<string, object?> { ["field"] = "file", ["maxBytes"] = Options.MaxUploadBytes });

    private static ProblemHttpResult QuotaExceeded(long quota) =>
        Problems.Status(413, "quota_exceeded", new Dictionary<string, object?> { ["field"] = "file", ["quotaBytes"] = quota });
}
