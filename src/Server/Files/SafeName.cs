using System.Text;

namespace Sfera.Files;

/// <summary>
/// A file name as the uploader gave it, made safe to show and to save: no folders, no control or bidirectional
/// override characters (which can disguise "cod.exe" as "exe.doc"), none of the characters Windows forbids,
/// no reserved device names, at most 200 characters with the extension kept.
/// </summary>
public static class SafeName
{
    private const int MaxLength = 200;
    private static readonly HashSet<string> Reserved =
        ["CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
         "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"];

    public static string Make(string? name, string fallback = "file")
    {
        var given = (name ?? "").Replace('\\', '/');
        given = given[(given.LastIndexOf('/') + 1)..].Normalize(NormalizationForm.FormC);
        var clean = new StringBuilder(given.Length);
        foreach (var c in given)
        {
            if (char.IsControl(c) || c is '<' or '>' or ':' or '"' or '|' or '?' or '*') continue;
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C') continue;
            clean.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }
        var result = clean.ToString().Trim().Trim('.').Trim();
        if (result.Length == 0) return fallback;
        var stem = Path.GetFileNameWithoutExtension(result);
        if (Reserved.Contains(stem.ToUpperInvariant())) result = "_" + result;
        if (result.Length > MaxLength)
        {
            var ext = Path.GetExtension(result);
            if (ext.Length > 20) ext = "";
            var keep = MaxLength - ext.Length;
            // Do not cut a surrogate pair in half.
            if (char.IsHighSurrogate(result[keep - 1])) keep--;
            result = result[..keep].TrimEnd() + ext;
        }
        return result;
    }
}
