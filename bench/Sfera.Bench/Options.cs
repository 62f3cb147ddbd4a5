using System.Globalization;

namespace Sfera.Bench;

/// <summary>The command line: --name value pairs.</summary>
public sealed class Options(string[] args)
{
    public string? Text(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    /// <summary>A bare switch such as --timeline.</summary>
    public bool Flag(string name) => args.Contains(name);

    public int Count(string name, int fallback) => Text(name) is { } v ? int.Parse(v.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;

    public double Number(string name, double fallback) => Text(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public List<double> Numbers(string name, string fallback) =>
        (Text(name) ?? fallback).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();

    public Dictionary<string, object?> Named(params string[] names) =>
        names.Where(n => Text(n) is not null).ToDictionary(n => n.TrimStart('-'), n => (object?)Text(n));
}
