namespace Sfera.Auth;

/// <summary>
/// The passwords people pick most often (`common-passwords.txt`, embedded): the first ones tried by anyone guessing,
/// so they are refused even though they have a letter and a digit.
/// </summary>
public static class CommonPasswords
{
    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static bool Contains(string password) => List.Value.Contains(password.Trim());

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("Sfera.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords resource is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#')) set.Add(line);
        return set;
    }
}
