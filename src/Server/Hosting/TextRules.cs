using System.Globalization;
using System.Text;

namespace Sfera.Hosting;

/// <summary>
/// What text people may send: no control characters (PostgreSQL cannot even store NUL), lengths counted in
/// characters rather than UTF-16 units, and display names without invisible or direction-changing characters.
/// </summary>
public static class TextRules
{
    /// <summary>True when the text holds a control character (Cc) or a lone surrogate; with
    /// <paramref name="multiLine"/>, newlines and tabs are allowed.</summary>
    public static bool HasControl(string text, bool multiLine = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return true;
            if (char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t')) return true;
        }
        return false;
    }

    /// <summary>Characters as people count them (Unicode scalar values): an emoji is one, not two.</summary>
    public static int Length(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            count++;
        }
        return count;
    }

    /// <summary>NFC, trimmed, every run of spaces made one ordinary space: how a display name is stored.</summary>
    public static string NormalizeName(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        var text = name.IsNormalized(NormalizationForm.FormC) ? name : TryNormalize(name);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            // Space separators only: tabs and newlines stay, so the check below refuses them.
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator)
            {
                if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
            }
            else sb.Append(c);
        }
        return sb.ToString().Trim(' ');
    }

    // A string with lone surrogates cannot be normalized; it is refused by the check anyway.
    private static string TryNormalize(string text)
    {
        try { return text.Normalize(NormalizationForm.FormC); }
        catch (ArgumentException) { return text; }
    }

    /// <summary>The text key of what is wrong with a normalized display name, or null. Refuses control,
    /// format (bidi overrides, zero-width), private-use and line-separator characters and the blank-looking
    /// fillers that are letters to Unicode; a name needs at least one letter.</summary>
    public static string? NameProblem(string name)
    {
        if (HasControl(name)) return "control_chars";
        var letter = false;
        foreach (var rune in name.EnumerateRunes())
        {
            if (Invisible.Contains(rune.Value)) return "name_chars";
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate:
                    return "name_chars";
                case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter:
                    letter = true;
                    break;
            }
        }
        return letter ? null : "name_letters";
    }

    // Hangul fillers, Braille blank, Mongolian vowel separator, combining grapheme joiner, Khmer inherent vowels:
    // they render as nothing but are not Cf.
    private static readonly HashSet<int> Invisible = [0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x180E, 0x034F, 0x17B4, 0x17B5];
}
