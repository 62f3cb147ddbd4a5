using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Processing;

namespace Sfera.Files;

public sealed record ProcessedImage(int Width, int Height, string ThumbnailPath);

/// <summary>
/// Pictures are decoded, turned the way the camera meant, and written again without their metadata (EXIF with
/// its GPS position, XMP, IPTC, comments), so a photo of a class does not say where it was taken. A small WebP
/// thumbnail is made alongside.
/// </summary>
public static class ImageProcessor
{
    public const int ThumbnailSize = 480;

    /// <summary>Bytes a picture may hold at once per pixel allowed: the decoded frames (4 bytes a pixel), the
    /// turned copy, the decoder's and encoder's working buffers.</summary>
    public const int BudgetBytesPerPixel = 16;

    // Decoding is CPU- and memory-heavy: a few pictures at a time, the rest wait their turn (or their client leaves).
    private static readonly SemaphoreSlim Gate = new(2);

    /// <summary>Rewrites <paramref name="path"/> in place. Returns null when the picture is too large to decode
    /// (canvas × frames above <paramref name="maxPixels"/>, or more memory than its budget) or is not a picture
    /// after all; the caller refuses it then, rather than keep metadata it cannot remove.</summary>
    public static async Task<ProcessedImage?> ProcessAsync(string path, string contentType, long maxPixels, CancellationToken ct)
    {
        try
        {
            var info = await Image.IdentifyAsync(path, ct);
            if (info is null || (long)info.Width * info.Height * ImageFrames.Count(path, contentType) > maxPixels) return null;
        }
        catch (ImageFormatException)
        {
            return null;
        }

        await Gate.WaitAsync(ct);
        try
        {
            var configuration = Configuration.Default.Clone();
            configuration.MemoryAllocator = new BudgetAllocator(Configuration.Default.MemoryAllocator, maxPixels * BudgetBytesPerPixel);
            return await RewriteAsync(configuration, path, contentType, ct);
        }
        catch (Exception e) when (e is ImageFormatException or InvalidMemoryOperationException or ImageProcessingException)
        {
            return null;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<ProcessedImage> RewriteAsync(Configuration configuration, string path, string contentType, CancellationToken ct)
    {
        using var image = await Image.LoadAsync(configuration, path, ct);
        image.Mutate(x => x.AutoOrient());
        Strip(image);
        var rewritten = path + ".clean";
        await image.SaveAsync(rewritten, EncoderFor(contentType), ct);
        File.Move(rewritten, path, overwrite: true);

        var thumbnailPath = path + ".thumb";
        using var thumbnail = image.Frames.CloneFrame(0);
        thumbnail.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(ThumbnailSize, ThumbnailSize), Mode = ResizeMode.Max }));
        await thumbnail.SaveAsync(thumbnailPath, new WebpEncoder { Quality = 80 }, ct);
        return new ProcessedImage(image.Width, image.Height, thumbnailPath);
    }

    private static void Strip(Image image)
    {
        var metadata = image.Metadata;
        metadata.ExifProfile = null;
        metadata.XmpProfile = null;
        metadata.IptcProfile = null;
        metadata.GetPngMetadata().TextData.Clear();
        metadata.GetGifMetadata().Comments.Clear();
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IptcProfile = null;
        }
    }

    private static IImageEncoder EncoderFor(string contentType) => contentType switch
    {
        "image/png" => new PngEncoder(),
        "image/gif" => new GifEncoder(),
        "image/webp" => new WebpEncoder { Quality = 90 },
        "image/tiff" => new TiffEncoder(),
        "image/bmp" => new BmpEncoder(),
        _ => new JpegEncoder { Quality = 90 },
    };
}
