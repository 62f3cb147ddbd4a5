using System.Buffers.Binary;

namespace Sfera.Files;

/// <summary>
/// How many frames (animation frames, TIFF pages) a picture holds, counted by walking its blocks without decoding
/// anything. ImageSharp 2's Identify reports only the canvas, yet decodes every frame at the canvas's size: a few
/// hundred bytes of GIF can declare dozens of 4000×4000 frames.
/// </summary>
public static class ImageFrames
{
    private const int MaxWalk = 1_000_000;

    public static long Count(string path, string contentType)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        var frames = contentType switch
        {
            "image/gif" => Gif(file),
            "image/webp" => Webp(file),
            "image/tiff" => Tiff(file),
            _ => 1,
        };
        return Math.Max(1, frames);
    }

    private static long Gif(Stream s)
    {
        Span<byte> block = stackalloc byte[13];
        if (s.ReadAtLeast(block, 13, throwOnEndOfStream: false) < 13) return 0;
        if ((block[10] & 0x80) != 0) s.Seek(3 << ((block[10] & 7) + 1), SeekOrigin.Current); // global colour table
        long frames = 0;
        for (var i = 0; i < MaxWalk; i++)
        {
            switch (s.ReadByte())
            {
                case 0x21: // extension: label, then data sub-blocks
                    if (s.ReadByte() < 0) return frames;
                    SkipSubBlocks(s);
                    break;
                case 0x2C: // image descriptor: position, size, flags; local colour table; LZW code size; data
                    if (s.ReadAtLeast(block[..9], 9, throwOnEndOfStream: false) < 9) return frames;
                    if ((block[8] & 0x80) != 0) s.Seek(3 << ((block[8] & 7) + 1), SeekOrigin.Current);
                    s.ReadByte();
                    SkipSubBlocks(s);
                    frames++;
                    break;
                default: // the trailer, the end, or garbage where the decoder stops as well
                    return frames;
            }
        }
        return frames;
    }

    private static void SkipSubBlocks(Stream s)
    {
        int length;
        for (var i = 0; i < MaxWalk && (length = s.ReadByte()) > 0; i++) s.Seek(length, SeekOrigin.Current);
    }

    private static long Webp(Stream s)
    {
        Span<byte> chunk = stackalloc byte[8];
        s.Seek(12, SeekOrigin.Begin);
        long frames = 0;
        for (var i = 0; i < MaxWalk && s.ReadAtLeast(chunk, 8, throwOnEndOfStream: false) == 8; i++)
        {
            if (chunk[..4].SequenceEqual("ANMF"u8)) frames++;
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            s.Seek(size + (size & 1), SeekOrigin.Current);
        }
        return frames;
    }

    private static long Tiff(Stream s)
    {
        Span<byte> header = stackalloc byte[8];
        if (s.ReadAtLeast(header, 8, throwOnEndOfStream: false) < 8) return 0;
        var little = header[0] == (byte)'I';
        if ((little ? BinaryPrimitives.ReadUInt16LittleEndian(header[2..]) : BinaryPrimitives.ReadUInt16BigEndian(header[2..])) != 42) return 1;
        uint U32(ReadOnlySpan<byte> b) => little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
        var offset = U32(header[4..]);
        var seen = new HashSet<uint>();
        long pages = 0;
        Span<byte> field = stackalloc byte[4];
        while (offset != 0 && offset < s.Length && seen.Add(offset) && pages < MaxWalk)
        {
            s.Seek(offset, SeekOrigin.Begin);
            if (s.ReadAtLeast(field[..2], 2, throwOnEndOfStream: false) < 2) break;
            var entries = little ? BinaryPrimitives.ReadUInt16LittleEndian(field) : BinaryPrimitives.ReadUInt16BigEndian(field);
            pages++;
            s.Seek(entries * 12L, SeekOrigin.Current);
            if (s.ReadAtLeast(field, 4, throwOnEndOfStream: false) < 4) break;
            offset = U32(field);
        }
        return pages;
    }
}
