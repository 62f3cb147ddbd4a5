using System.Net;
using System.Text;
using Sfera.Data;
using Sfera.Files;
using Sfera.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;

namespace Sfera.Tests;

/// <summary>Uploads built to hurt: picture bombs, text that looks like sound.</summary>
public sealed class UploadSafetyTests
{
    private readonly SferaApp app = SferaApp.Shared;

    [Fact]
    public async Task A_tiny_gif_with_a_huge_canvas_times_many_frames_is_refused_and_nothing_is_stored()
    {
        var cast = await SchoolCast.CreateAsync(app);
        // 2000×2000 is within the per-picture limit; 16 frames of it (64 million pixels) are not.
        var bomb = GifBomb(2000, 2000, frames: 16);
        Assert.True(bomb.Length < 400, $"the bomb is {bomb.Length} bytes");
        var refused = await Files.UploadAsync(cast, cast.Student, bomb, "котик.gif").Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["file"], refused.Fields());
        Assert.Contains("слишком большое", refused.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await cast.Student.Client.GetJson<StorageResponse>(cast.School.Url("/files/storage"))).UsedBytes);

        // A real animation is still welcome.
        using var animation = new Image<Rgba32>(120, 80, new Rgba32(200, 30, 30));
        using var second = new Image<Rgba32>(120, 80, new Rgba32(30, 200, 30));
        animation.Frames.AddFrame(second.Frames.RootFrame);
        using var gif = new MemoryStream();
        animation.SaveAsGif(gif);
        var file = await Files.UploadAsync(cast, cast.Student, gif.ToArray(), "мигалка.gif").Read<FileResponse>(HttpStatusCode.Created);
        Assert.Equal((FileKind.Image, 120, 80), (file.Kind, file.Width, file.Height));
        using var stored = Image.Load(await cast.Student.Client.GetByteArrayAsync(file.Url));
        Assert.Equal(2, stored.Frames.Count);
    }

    [Fact]
    public async Task A_utf16_text_file_is_downloaded_as_text_not_played_as_sound()
    {
        var cast = await SchoolCast.CreateAsync(app);
        byte[] text = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Список класса: Иванов, Петров, Сидорова\r\n")];
        var file = await Files.UploadAsync(cast, cast.Student, text, "список.txt").Read<FileResponse>(HttpStatusCode.Created);
        Assert.Equal((FileKind.File, "text/plain"), (file.Kind, file.ContentType));
        using var response = await cast.Student.Client.GetAsync(file.Url);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(text, await response.Content.ReadAsByteArrayAsync());

        // Real MPEG audio without an ID3 tag (two frames in a row) still plays.
        var mp3 = await Files.UploadAsync(cast, cast.Student, MpegFrames(3), "запись.mp3").Read<FileResponse>(HttpStatusCode.Created);
        Assert.Equal((FileKind.Audio, "audio/mpeg"), (mp3.Kind, mp3.ContentType));
    }

    /// <summary>A GIF whose logical screen is <paramref name="width"/>×<paramref name="height"/>, with
    /// <paramref name="frames"/> frames of one pixel each: ImageSharp 2 decodes every frame at the screen's size.</summary>
    internal static byte[] GifBomb(int width, int height, int frames)
    {
        var bytes = new List<byte>("GIF89a"u8.ToArray());
        bytes.AddRange([(byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0x80, 0, 0]);
        bytes.AddRange([0, 0, 0, 255, 255, 255]); // two colours
        for (var i = 0; i < frames; i++)
            // Image descriptor at 0,0 of 1×1; LZW minimum code size 2; codes clear, 0, end in 3 bits each.
            bytes.AddRange([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0]);
        bytes.Add(0x3B);
        return [.. bytes];
    }

    /// <summary>MPEG-1 Layer III frames, 128 kbit/s at 44.1 kHz: 417 bytes each, silence.</summary>
    internal static byte[] MpegFrames(int count)
    {
        var frame = new byte[417];
        frame[0] = 0xFF; frame[1] = 0xFB; frame[2] = 0x90; frame[3] = 0x64;
        return [.. Enumerable.Repeat(frame, count).SelectMany(f => f)];
    }
}
