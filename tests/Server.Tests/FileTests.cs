using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Sfera.Data;
using Sfera.Files;
using Sfera.Messages;
using Sfera.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace Sfera.Tests;

/// <summary>Uploading, posting and downloading files, on the local disk and on a real S3 API server.</summary>
public sealed class FileTests
{
    private readonly SferaApp app = SferaApp.Shared;

    public static TheoryData<string> Stores => ["local", "s3"];

    private static async Task<SferaApp> AppWithStoreAsync(string store) =>
        store == "s3" ? new SferaApp(await S3Server.SettingsAsync()) : new SferaApp();

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_file_posted_in_a_chat_comes_back_byte_for_byte_with_ranges_and_etag(string store)
    {
        await using var app = await AppWithStoreAsync(store);
        var cast = await SchoolCast.CreateAsync(app);
        var bytes = RandomBytes(7 * 1024 * 1024 + 123, seed: 7); // above the S3 part size: a multipart upload there
        var file = await Files.UploadAsync(cast, cast.ClassTeacher, bytes, "Контрольная работа №3.bin").Read<FileResponse>(HttpStatusCode.Created);
        Assert.Equal(bytes.Length, file.Size);
        Assert.Equal("application/octet-stream", file.ContentType);
        Assert.Equal(FileKind.File, file.Kind);
        Assert.Equal("Контрольная работа №3.bin", file.Name);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        var message = await Files.PostAsync(cast, cast.ClassTeacher, chat.Id, "Задание на завтра", file.Id).Read<MessageResponse>(HttpStatusCode.Created);
        Assert.Equal(file.Id, Assert.Single(message.Attachments).Id);

        using var response = await cast.Classmate.Client.GetAsync(file.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var downloaded = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(downloaded));
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Контрольная работа №3.bin", response.Content.Headers.ContentDisposition?.FileNameStar);
        AssertSandboxed(response);
        var etag = response.Headers.ETag!;
        Assert.Equal($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"", etag.Tag);

        using var ranged = new HttpRequestMessage(HttpMethod.Get, file.Url);
        ranged.Headers.Range = new RangeHeaderValue(5_000_000, 5_000_099);
        using var part = await cast.Classmate.Client.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(bytes.AsSpan(5_000_000, 100).ToArray(), await part.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 5000000-5000099/{bytes.Length}", part.Content.Headers.ContentRange?.ToString());

        using var tail = new HttpRequestMessage(HttpMethod.Get, file.Url);
        tail.Headers.Range = new RangeHeaderValue(null, 10);
        using var last = await cast.Classmate.Client.SendAsync(tail);
        Assert.Equal(bytes[^10..], await last.Content.ReadAsByteArrayAsync());

        using var again = new HttpRequestMessage(HttpMethod.Get, file.Url);
        again.Headers.IfNoneMatch.Add(etag);
        using var unchanged = await cast.Classmate.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);

        var storage = await cast.Classmate.Client.GetJson<StorageResponse>(cast.School.Url("/files/storage"));
        Assert.Equal(bytes.Length, storage.UsedBytes);
    }

    [Fact]
    public async Task Only_the_uploader_and_members_of_a_chat_where_it_was_posted_can_read_a_file()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var outsiderSchool = await Cast.CreateSchoolAsync(app);
        var outsider = outsiderSchool.Admin;
        var file = await Files.UploadAsync(cast, cast.Student, "домашка"u8.ToArray(), "домашка.txt").Read<FileResponse>(HttpStatusCode.Created);
        var meta = cast.School.Url($"/files/{file.Id}");

        await cast.Student.Client.GetAsync(file.Url).Expect(HttpStatusCode.OK);
        // Not posted yet: nobody else, however senior.
        foreach (var other in new[] { cast.Classmate, cast.Admin, cast.ClassTeacher })
        {
            await other.Client.GetAsync(file.Url).Expect(HttpStatusCode.NotFound);
            await other.Client.GetAsync(meta).Expect(HttpStatusCode.NotFound);
        }
        var chat = await cast.ChatAsync(cast.Student, ChatKind.Class, "5А");
        // Someone else cannot post it either.
        await Files.PostAsync(cast, cast.Classmate, chat.Id, "моё", file.Id).Expect(HttpStatusCode.BadRequest);
        var message = await Files.PostAsync(cast, cast.Student, chat.Id, "", file.Id).Read<MessageResponse>(HttpStatusCode.Created);

        await cast.Classmate.Client.GetAsync(file.Url).Expect(HttpStatusCode.OK);
        await cast.ClassTeacher.Client.GetAsync(meta).Expect(HttpStatusCode.OK);
        await cast.OtherStudent.Client.GetAsync(file.Url).Expect(HttpStatusCode.NotFound);
        await cast.Parent.Client.GetAsync(file.Url).Expect(HttpStatusCode.NotFound);
        await outsider.Client.GetAsync(file.Url).Expect(HttpStatusCode.NotFound);
        await outsider.Client.GetAsync(outsiderSchool.Url($"/files/{file.Id}/content")).Expect(HttpStatusCode.NotFound);
        await app.Anonymous().GetAsync(file.Url).Expect(HttpStatusCode.Unauthorized);
        // A member who forwards it may; a classmate who removes it may not delete it.
        await cast.Classmate.Client.DeleteAsync(meta).Expect(HttpStatusCode.Forbidden);
        await cast.Student.Client.DeleteAsync(meta).Expect(HttpStatusCode.Conflict);

        await cast.Student.Client.DeleteAsync(cast.School.Url($"/chats/{chat.Id}/messages/{message.Id}")).Expect(HttpStatusCode.NoContent);
        await cast.Classmate.Client.GetAsync(file.Url).Expect(HttpStatusCode.NotFound);
        await cast.Student.Client.GetAsync(file.Url).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_with_413_and_leaves_nothing_behind()
    {
        await using var app = new SferaApp(new() { ["Files:MaxUploadBytes"] = "100000", ["Files:SchoolQuotaBytes"] = "150000" });
        var cast = await SchoolCast.CreateAsync(app);
        var problem = await Files.UploadAsync(cast, cast.ClassTeacher, RandomBytes(100_001, 1), "big.bin").Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("file", problem.GetProperty("field").GetString());
        Assert.Equal(100000, problem.GetProperty("maxBytes").GetInt64());
        Assert.Contains("слишком большой", problem.GetProperty("title").GetString(), StringComparison.Ordinal);

        // Without a declared length the server counts as it reads, and stops at the limit.
        using (var chunked = new StreamContent(new GeneratedStream(300_000, 2)))
        {
            chunked.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            await cast.ClassTeacher.Client.PostAsync(cast.School.Url("/files?name=big.bin"), chunked).Expect(HttpStatusCode.RequestEntityTooLarge);
        }

        await Files.UploadAsync(cast, cast.ClassTeacher, RandomBytes(90_000, 3), "first.bin").Expect(HttpStatusCode.Created);
        var quota = await Files.UploadAsync(cast, cast.ClassTeacher, RandomBytes(90_000, 4), "second.bin").Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("https://sfera.local/problems/quota-exceeded", quota.GetProperty("type").GetString());
        var storage = await cast.ClassTeacher.Client.GetJson<StorageResponse>(cast.School.Url("/files/storage"));
        Assert.Equal(90_000, storage.UsedBytes);
        Assert.Equal(150_000, storage.QuotaBytes);

        // On disk: the one accepted file, and nothing half-written in the spool.
        var files = Path.Combine(app.DataDirectory, "files");
        Assert.Empty(Directory.GetFiles(Path.Combine(files, ".incoming")));
        Assert.Single(Directory.GetFiles(files, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Html_disguised_as_a_picture_is_only_ever_downloaded()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var html = "<!DOCTYPE html><html><body><script>fetch('/api/v1/me')</script></body></html>"u8.ToArray();
        var file = await Files.UploadAsync(cast, cast.Student, html, "котик.jpg", "image/jpeg").Read<FileResponse>(HttpStatusCode.Created);
        Assert.Equal("text/html", file.ContentType);
        Assert.Equal(FileKind.File, file.Kind);
        Assert.Null(file.ThumbnailUrl);
        using var response = await cast.Student.Client.GetAsync(file.Url);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        AssertSandboxed(response);

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray();
        var drawing = await Files.UploadAsync(cast, cast.Student, svg, "схема.png").Read<FileResponse>(HttpStatusCode.Created);
        Assert.Equal("image/svg+xml", drawing.ContentType);
        using var svgResponse = await cast.Student.Client.GetAsync(drawing.Url);
        Assert.Equal("attachment", svgResponse.Content.Headers.ContentDisposition?.DispositionType);
        AssertSandboxed(svgResponse);
    }

    [Fact]
    public async Task Photos_lose_their_gps_position_and_get_a_thumbnail()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var photo = PhotoWithGps(1600, 1200);
        using (var original = Image.Load(photo))
            Assert.NotNull(original.Metadata.ExifProfile?.GetValue(ExifTag.GPSLatitude)); // the test photo does carry a position

        var file = await Files.UploadAsync(cast, cast.ClassTeacher, photo, "экскурсия.jpg").Read<FileResponse>(HttpStatusCode.Created);
        Assert.Equal(FileKind.Image, file.Kind);
        Assert.Equal("image/jpeg", file.ContentType);
        Assert.Equal((1600, 1200), (file.Width, file.Height));

        using var response = await cast.ClassTeacher.Client.GetAsync(file.Url);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        AssertSandboxed(response);
        var stored = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(file.Size, stored.Length);
        using (var served = Image.Load(stored))
        {
            Assert.Null(served.Metadata.ExifProfile);
            Assert.Equal(1600, served.Width);
        }
        Assert.True(stored.AsSpan().IndexOf("Exif\0\0"u8) < 0, "an EXIF block is still in the stored file");

        using var thumb = await cast.ClassTeacher.Client.GetAsync(file.ThumbnailUrl!);
        Assert.Equal("image/webp", thumb.Content.Headers.ContentType?.MediaType);
        using var small = Image.Load(await thumb.Content.ReadAsByteArrayAsync());
        Assert.Equal((480, 360), (small.Width, small.Height));
        Assert.Null(small.Metadata.ExifProfile);
    }

    [Fact]
    public async Task Scans_in_tiff_are_rewritten_with_a_thumbnail_and_formats_that_cannot_be_cleaned_are_refused()
    {
        var cast = await SchoolCast.CreateAsync(app);
        using var jpeg = Image.Load(PhotoWithGps(800, 600));
        using var tiffBytes = new MemoryStream();
        jpeg.SaveAsTiff(tiffBytes);
        var scan = await Files.UploadAsync(cast, cast.ClassTeacher, tiffBytes.ToArray(), "скан.tif").Read<FileResponse>(HttpStatusCode.Created);
        Assert.Equal((FileKind.Image, "image/tiff", 800), (scan.Kind, scan.ContentType, scan.Width));
        Assert.NotNull(scan.ThumbnailUrl);
        using var response = await cast.ClassTeacher.Client.GetAsync(scan.Url);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType); // browsers do not show TIFF
        using (var served = Image.Load(await response.Content.ReadAsByteArrayAsync()))
            Assert.Equal(600, served.Height);

        foreach (var brand in new[] { "heic", "avif" })
        {
            var photo = RandomBytes(5000, 4);
            byte[] header = [0, 0, 0, 0x18, .. Encoding.ASCII.GetBytes("ftyp" + brand)];
            header.CopyTo(photo, 0);
            var refused = await Files.UploadAsync(cast, cast.ClassTeacher, photo, $"IMG_0001.{brand}").Problem(HttpStatusCode.BadRequest);
            Assert.Equal(["file"], refused.Fields());
            Assert.Contains("JPEG", refused.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(scan.Size, (await cast.ClassTeacher.Client.GetJson<StorageResponse>(cast.School.Url("/files/storage"))).UsedBytes);
    }

    [Fact]
    public async Task Voice_notes_keep_duration_and_waveform_and_video_plays_inline_with_ranges()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var voice = await Files.UploadAsync(cast, cast.Parent, WebmAudio(), "voice.webm", query: "&kind=Voice&durationMs=4200&waveform=0,10,55,100,40")
            .Read<FileResponse>(HttpStatusCode.Created);
        Assert.Equal((FileKind.Voice, "audio/webm", 4200), (voice.Kind, voice.ContentType, voice.DurationMs));
        Assert.Equal([0, 10, 55, 100, 40], voice.Waveform);

        var fields = await Files.UploadAsync(cast, cast.Parent, WebmAudio(), "voice.webm", query: "&kind=Voice&waveform=5,500").Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["durationMs", "waveform"], fields.Fields());
        var notAudio = await Files.UploadAsync(cast, cast.Parent, PhotoWithGps(10, 10), "voice.webm", query: "&kind=Voice&durationMs=1000").Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["kind"], notAudio.Fields());

        var video = RandomBytes(300_000, 9);
        byte[] header = [0, 0, 0, 0x18, .. "ftypmp42"u8];
        header.CopyTo(video, 0);
        var clip = await Files.UploadAsync(cast, cast.ClassTeacher, video, "опыт.mp4").Read<FileResponse>(HttpStatusCode.Created);
        Assert.Equal((FileKind.Video, "video/mp4"), (clip.Kind, clip.ContentType));
        using var request = new HttpRequestMessage(HttpMethod.Get, clip.Url);
        request.Headers.Range = new RangeHeaderValue(1000, null);
        using var response = await cast.ClassTeacher.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(video[1000..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Empty_files_and_unsafe_names_are_handled()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var empty = await Files.UploadAsync(cast, cast.Student, [], "пусто.txt").Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["file"], empty.Fields());
        var missing = await cast.Student.Client.PostAsync(cast.School.Url("/files"), new ByteArrayContent([1])).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["name"], missing.Fields());
        var sneaky = await Files.UploadAsync(cast, cast.Student, "hi"u8.ToArray(), "../../etc/\u202Etxt.exe").Read<FileResponse>(HttpStatusCode.Created);
        Assert.Equal("txt.exe", sneaky.Name);
        Assert.Equal("_CON.txt", SafeName.Make("CON.txt"));
        Assert.Equal("file", SafeName.Make(" ... "));
        Assert.Equal(200, SafeName.Make(new string('я', 300) + ".pdf").Length);
        Assert.EndsWith(".pdf", SafeName.Make(new string('я', 300) + ".pdf"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_never_posted_are_swept_after_a_day_and_free_their_space()
    {
        await using var app = new SferaApp();
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        var orphan = await Files.UploadAsync(cast, cast.ClassTeacher, RandomBytes(1000, 1), "черновик.bin").Read<FileResponse>(HttpStatusCode.Created);
        var posted = await Files.UploadAsync(cast, cast.ClassTeacher, RandomBytes(2000, 2), "задание.bin").Read<FileResponse>(HttpStatusCode.Created);
        await Files.PostAsync(cast, cast.ClassTeacher, chat.Id, "Задание", posted.Id).Expect(HttpStatusCode.Created);
        var sweeper = app.Services.GetRequiredService<OrphanSweeper>();

        app.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await sweeper.SweepAsync());
        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await sweeper.SweepAsync());

        var teacher = await Cast.SignInAsync(app, cast.ClassTeacher.Login, cast.ClassTeacher.Password); // a day later: a new session
        await teacher.GetAsync(orphan.Url).Expect(HttpStatusCode.NotFound);
        await teacher.GetAsync(posted.Url).Expect(HttpStatusCode.OK);
        Assert.Equal(2000, (await teacher.GetJson<StorageResponse>(cast.School.Url("/files/storage"))).UsedBytes);
        Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "files"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_reported_photo_stays_visible_to_safeguarding_staff_after_deletion_and_to_nobody_else()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.Student, ChatKind.Class, "5А");
        var photo = await Files.UploadAsync(cast, cast.Student, PhotoWithGps(40, 30), "фото.jpg").Read<FileResponse>(HttpStatusCode.Created);
        var message = await Files.PostAsync(cast, cast.Student, chat.Id, "", photo.Id).Read<MessageResponse>(HttpStatusCode.Created);
        await cast.Classmate.Client.PostJsonAsync(cast.School.Url($"/chats/{chat.Id}/messages/{message.Id}/report"), new Sfera.Moderation.ReportRequest("обидная картинка"))
            .Expect(HttpStatusCode.Created);
        await cast.Student.Client.DeleteAsync(cast.School.Url($"/chats/{chat.Id}/messages/{message.Id}")).Expect(HttpStatusCode.NoContent);
        await cast.Classmate.Client.GetAsync(photo.Url).Expect(HttpStatusCode.NotFound);

        // The administrator is not in the class chat: the report is the only way in, and it shows the kept photo.
        var report = Assert.Single(await cast.Admin.Client.GetJson<List<Sfera.Moderation.ReportResponse>>(cast.School.Url("/reports")));
        var context = await cast.Admin.Client.GetJson<Sfera.Moderation.ReportedChatResponse>(cast.School.Url($"/reports/{report.Id}/chat"));
        var kept = context.Messages.Single(m => m.Id == message.Id);
        Assert.True(kept.Deleted);
        Assert.Equal(photo.Id, Assert.Single(kept.Attachments).Id);
        await cast.Admin.Client.GetAsync(photo.Url).Expect(HttpStatusCode.OK);
        await cast.Admin.Client.GetAsync(photo.ThumbnailUrl!).Expect(HttpStatusCode.OK);
        await cast.ClassTeacher.Client.GetAsync(photo.Url).Expect(HttpStatusCode.OK);
        // Other staff are not its reviewers; other students are not either.
        await cast.SubjectTeacher.Client.GetAsync(photo.Url).Expect(HttpStatusCode.NotFound);
        await cast.Staff.Client.GetAsync(photo.Url).Expect(HttpStatusCode.NotFound);
        await cast.OtherStudent.Client.GetAsync(photo.Url).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_a_message_among_adults_erases_its_files()
    {
        await using var app = new SferaApp();
        var cast = await SchoolCast.CreateAsync(app);
        var staffRoom = await cast.ChatAsync(cast.Admin, ChatKind.Staff);
        var file = await Files.UploadAsync(cast, cast.ClassTeacher, RandomBytes(500, 3), "ведомость.bin").Read<FileResponse>(HttpStatusCode.Created);
        var message = await Files.PostAsync(cast, cast.ClassTeacher, staffRoom.Id, "Ведомость", file.Id).Read<MessageResponse>(HttpStatusCode.Created);
        await cast.Staff.Client.GetAsync(file.Url).Expect(HttpStatusCode.OK);
        await cast.ClassTeacher.Client.DeleteAsync(cast.School.Url($"/chats/{staffRoom.Id}/messages/{message.Id}")).Expect(HttpStatusCode.NoContent);
        await cast.Staff.Client.GetAsync(file.Url).Expect(HttpStatusCode.NotFound);

        app.Clock.Advance(OrphanSweeper.MaxAge + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await app.Services.GetRequiredService<OrphanSweeper>().SweepAsync());
        Assert.Empty(Directory.GetFiles(Path.Combine(app.DataDirectory, "files"), "*", SearchOption.AllDirectories));
    }

    private static void AssertSandboxed(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("sandbox", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
    }

    internal static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A JPEG with EXIF GPS coordinates, as a phone camera writes them.</summary>
    internal static byte[] PhotoWithGps(int width, int height)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(30, 120, 200));
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(55, 1), new Rational(45, 1), new Rational(2111, 100)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(37, 1), new Rational(37, 1), new Rational(1234, 100)]);
        exif.SetValue(ExifTag.Make, "PhoneCam");
        image.Metadata.ExifProfile = exif;
        using var output = new MemoryStream();
        image.SaveAsJpeg(output);
        return output.ToArray();
    }

    /// <summary>The start of a WebM file with one Opus audio track, as MediaRecorder writes it.</summary>
    internal static byte[] WebmAudio()
    {
        var bytes = new List<byte> { 0x1A, 0x45, 0xDF, 0xA3 };
        bytes.AddRange(Encoding.ASCII.GetBytes("\x42\x82\x84webm....A_OPUS...."));
        bytes.AddRange(RandomBytes(2000, 5));
        return [.. bytes];
    }
}

/// <summary>The large-file test runs alone, after the others, so that the heap it watches is its own.</summary>
[CollectionDefinition(nameof(LargeFileTests), DisableParallelization = true)]
public sealed class LargeFileCollection;

[Collection(nameof(LargeFileTests))]
public sealed class LargeFileTests
{
    [Theory]
    [MemberData(nameof(FileTests.Stores), MemberType = typeof(FileTests))]
    public async Task A_file_over_100_MB_streams_through_with_the_server_memory_bounded(string store)
    {
        var settings = store == "s3" ? await S3Server.SettingsAsync() : [];
        await using var app = new SferaApp(settings, kestrel: true);
        var cast = await SchoolCast.CreateAsync(app);
        const long size = 120L * 1024 * 1024 + 17;
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Authorization = cast.ClassTeacher.Client.DefaultRequestHeaders.Authorization;

        using var memory = new HeapWatch();
        var upload = new GeneratedStream(size, seed: 120);
        using var content = new StreamContent(upload, 64 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = size;
        var file = await client.PostAsync(cast.School.Url("/files?name=" + Uri.EscapeDataString("видео урока.bin")), content).Read<FileResponse>(HttpStatusCode.Created);
        Assert.Equal(size, file.Size);

        using var response = await client.GetAsync(file.Url, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var downloaded = await SHA256.HashDataAsync(body);
        Assert.Equal(upload.Hash(), downloaded);
        // Client and server share this process: the managed heap must not grow by anything like the file's size.
        Assert.True(memory.PeakGrowth < 64L * 1024 * 1024, $"heap grew by {memory.PeakGrowth / (1024 * 1024)} MB while moving a {size / (1024 * 1024)} MB file");
    }

}

/// <summary>Upload and post helpers.</summary>
public static class Files
{
    public static Task<HttpResponseMessage> UploadAsync(SchoolCast cast, Person who, byte[] bytes, string name, string contentType = "application/octet-stream", string query = "")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return who.Client.PostAsync(cast.School.Url($"/files?name={Uri.EscapeDataString(name)}{query}"), content);
    }

    public static Task<HttpResponseMessage> PostAsync(SchoolCast cast, Person who, Guid chatId, string text, params Guid[] files) =>
        who.Client.PostJsonAsync(cast.School.Url($"/chats/{chatId}/messages"), new SendMessageRequest(Guid.NewGuid().ToString(), text, Attachments: [.. files]));
}

/// <summary>Deterministic pseudo-random bytes of any length, made as they are read and hashed on the way.</summary>
public sealed class GeneratedStream(long length, int seed) : Stream
{
    private readonly Random random = new(seed);
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long position;
    private byte[]? final;

    /// <summary>The SHA-256 of everything read; complete once the stream has been read to its end.</summary>
    public byte[] Hash() => final ?? hash.GetCurrentHash();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - position);
        if (n <= 0) return 0;
        random.NextBytes(buffer.AsSpan(offset, n));
        hash.AppendData(buffer, offset, n);
        position += n;
        if (position == length) final = hash.GetCurrentHash();
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) hash.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>Samples the live managed heap (after a full collection, every quarter second) while it lives and reports
/// the largest growth over the start: a server that buffered a whole upload would show its size here.</summary>
public sealed class HeapWatch : IDisposable
{
    private readonly long start;
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampler;
    private long peak;

    public HeapWatch()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        start = GC.GetTotalMemory(forceFullCollection: true);
        sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var now = GC.GetTotalMemory(forceFullCollection: true);
                if (now > Interlocked.Read(ref peak)) Interlocked.Exchange(ref peak, now);
                try { await Task.Delay(250, stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public long PeakGrowth => Math.Max(0, Interlocked.Read(ref peak) - start);

    public void Dispose()
    {
        stop.Cancel();
        sampler.Wait();
        stop.Dispose();
    }
}
