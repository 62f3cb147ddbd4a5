namespace Sfera.Files;

/// <summary>
/// MPEG audio (MP3) without an ID3 tag is recognised by its frame headers. Eleven set bits alone match far too
/// much (a UTF-16 byte-order mark, random binary): the header must name a real version, layer, bit rate and sample
/// rate, and a second header must follow exactly where the first frame ends.
/// </summary>
public static class MpegAudio
{
    // Bit rates in kbit/s by [version is MPEG-1 ? 0 : 1][layer 1..3][index]; index 0 (free) and 15 are refused.
    private static readonly int[][][] BitRates =
    [
        [
            [],
            [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
            [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
            [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
        ],
        [
            [],
            [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
            [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
            [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
        ],
    ];

    public static bool StartsWithFrames(ReadOnlySpan<byte> head)
    {
        if (FrameLength(head) is not { } length) return false;
        // A file shorter than two frames is judged by its one header; otherwise the next one must be there.
        return head.Length < length + 4 || FrameLength(head[length..]) is not null;
    }

    /// <summary>The length in bytes of the frame whose header starts <paramref name="h"/>, or null if it is not one.</summary>
    private static int? FrameLength(ReadOnlySpan<byte> h)
    {
        if (h.Length < 4 || h[0] != 0xFF || (h[1] & 0xE0) != 0xE0) return null;
        var version = (h[1] >> 3) & 3; // 0: MPEG-2.5, 1: reserved, 2: MPEG-2, 3: MPEG-1
        var layer = 4 - ((h[1] >> 1) & 3); // bits 00 are reserved, which gives 4
        var rateIndex = h[2] >> 4;
        var sampleIndex = (h[2] >> 2) & 3;
        if (version == 1 || layer == 4 || rateIndex is 0 or 15 || sampleIndex == 3) return null;
        var mpeg1 = version == 3;
        var bitRate = BitRates[mpeg1 ? 0 : 1][layer][rateIndex] * 1000;
        var sampleRate = new[] { 44100, 48000, 32000 }[sampleIndex] >> (mpeg1 ? 0 : version == 2 ? 1 : 2);
        var padding = (h[2] >> 1) & 1;
        return layer == 1
            ? (12 * bitRate / sampleRate + padding) * 4
            : (layer == 3 && !mpeg1 ? 72 : 144) * bitRate / sampleRate + padding;
    }
}
