using System.Text;

namespace Sfera.Files;

/// <summary>
/// The content type of a file, read from its first bytes. The client's claim and the file name's extension are
/// never trusted for what the browser will do with the file; the extension only tells apart formats that share a
/// container (a .docx and a .zip are both ZIP).
/// </summary>
public static class ContentSniffer
{
    public const int HeadLength = 8192;

    private static readonly HashSet<string> InlineTypes =
    [
        "image/jpeg", "image/png", "image/gif", "image/webp",
        "audio/webm", "audio/ogg", "audio/mp4", "audio/mpeg", "audio/wav", "audio/flac",
        "video/webm", "video/mp4", "video/quicktime", "video/ogg",
    ];

    /// <summary>Shown in the page (img, audio, video) rather than downloaded. Everything else is sent as an
    /// attachment: HTML, SVG, XML, scripts, PDF and all the rest.</summary>
    public static bool IsInline(string contentType) => InlineTypes.Contains(contentType);

    /// <summary>Pictures that are decoded and rewritten without their metadata (and get a thumbnail).</summary>
    public static bool IsImage(string contentType) => contentType is "image/jpeg" or "image/png" or "image/gif" or "image/webp" or "image/tiff" or "image/bmp";

    /// <summary>Pictures that may carry a location and cannot be rewritten here (HEIC/HEIF, AVIF): refused, not kept with it.</summary>
    public static bool IsUnprocessableImage(string contentType) => contentType is "image/heic" or "image/avif";

    public static string Sniff(ReadOnlySpan<byte> head, string fileName)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        // A byte-order mark says "text" before anything else: FF FE also looks like the start of an MPEG audio frame.
        if (TextEncodingOf(head) is not null) return SniffText(head, ext);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return "image/gif";
        if (head.StartsWith("RIFF"u8) && head.Length >= 12)
        {
            var form = head[8..12];
            if (form.SequenceEqual("WEBP"u8)) return "image/webp";
            if (form.SequenceEqual("WAVE"u8)) return "audio/wav";
            if (form.SequenceEqual("AVI "u8)) return "video/x-msvideo";
        }
        if (head.StartsWith("BM"u8) && head.Length > 14) return "image/bmp";
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8)) return "image/tiff";
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
            // Matroska/WebM: a video track names a V_ codec early in the header; a recorded voice note has only audio.
            return head.IndexOf("V_VP"u8) >= 0 || head.IndexOf("V_AV1"u8) >= 0 || head.IndexOf("V_MPEG"u8) >= 0 ? "video/webm" : "audio/webm";
        if (head.StartsWith("OggS"u8)) return head.IndexOf("theora"u8) >= 0 ? "video/ogg" : "audio/ogg";
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(head[8..12]);
            if (brand is "heic" or "heix" or "hevc" or "mif1" or "msf1") return "image/heic";
            if (brand is "avif" or "avis") return "image/avif";
            if (brand is "M4A " or "M4B ") return "audio/mp4";
            if (brand is "qt  ") return "video/quicktime";
            return "video/mp4";
        }
        if (head.StartsWith("ID3"u8) || MpegAudio.StartsWithFrames(head)) return "audio/mpeg";
        if (head.StartsWith("fLaC"u8)) return "audio/flac";
        if (head.StartsWith("PK\x03\x04"u8))
            return ext switch
            {
                ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ".pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                ".odt" => "application/vnd.oasis.opendocument.text",
                ".ods" => "application/vnd.oasis.opendocument.spreadsheet",
                ".odp" => "application/vnd.oasis.opendocument.presentation",
                _ => "application/zip",
            };
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            return ext switch
            {
                ".doc" => "application/msword",
                ".xls" => "application/vnd.ms-excel",
                ".ppt" => "application/vnd.ms-powerpoint",
                _ => "application/x-ole-storage",
            };
        if (head.StartsWith("{\\rtf"u8)) return "application/rtf";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C])) return "application/x-7z-compressed";
        if (head.StartsWith("Rar!"u8)) return "application/vnd.rar";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return "application/gzip";
        return SniffText(head, ext);
    }

    private static string SniffText(ReadOnlySpan<byte> head, string ext)
    {
        if (head.Length == 0) return "application/octet-stream";
        string text;
        if (TextEncodingOf(head) is (Encoding encoding, int bom) && encoding is not UTF8Encoding)
            text = encoding.GetString(head[bom..]);
        else
        {
            if (head.IndexOf((byte)0) >= 0) return "application/octet-stream";
            // The head may cut a multi-byte character in two: allow an incomplete sequence at the very end only.
            var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true);
            try { text = decoder.GetString(head[..ValidUtf8Prefix(head)]); }
            catch (DecoderFallbackException) { return "application/octet-stream"; }
        }
        var start = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').ToLowerInvariant();
        // Markup a browser would render or run is marked as such, whatever the file is called.
        if (start.StartsWith("<?xml", StringComparison.Ordinal))
            return start.Contains("<svg", StringComparison.Ordinal) ? "image/svg+xml"
                : start.Contains("<html", StringComparison.Ordinal) ? "application/xhtml+xml" : "application/xml";
        if (start.StartsWith("<svg", StringComparison.Ordinal)) return "image/svg+xml";
        string[] html = ["<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<!--", "<style", "<title", "<a ", "<div", "<img", "<p>", "<meta", "<table", "<br", "<h1"];
        if (html.Any(tag => start.StartsWith(tag, StringComparison.Ordinal)) || start.Contains("<script", StringComparison.Ordinal)) return "text/html";
        return ext switch
        {
            ".csv" => "text/csv",
            ".js" or ".mjs" => "text/javascript",
            ".css" => "text/css",
            _ => "text/plain",
        };
    }

    /// <summary>The encoding a byte-order mark announces, and the mark's length.</summary>
    private static (Encoding Encoding, int Bom)? TextEncodingOf(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]) ? (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4)
        : head.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]) ? (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4)
        : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? (Encoding.Unicode, 2)
        : head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? (Encoding.BigEndianUnicode, 2)
        : head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? (Encoding.UTF8, 3)
        : null;

    private static int ValidUtf8Prefix(ReadOnlySpan<byte> head)
    {
        // Drop a trailing partial sequence (at most 3 bytes) so the decoder sees only whole characters.
        for (var back = 1; back <= Math.Min(3, head.Length); back++)
        {
            var b = head[^back];
            if ((b & 0xC0) == 0x80) continue; // continuation byte
            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? head.Length - back : head.Length;
        }
        return head.Length;
    }
}
