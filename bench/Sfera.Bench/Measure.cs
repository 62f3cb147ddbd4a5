using System.Globalization;
using System.Text.Json;

namespace Sfera.Bench;

/// <summary>
/// CPU seconds used so far by the server process and, on PostgreSQL, by the bench cluster's postmaster and every one
/// of its children (backends, writer, WAL writer...), read from /proc (utime + stime, in clock ticks of 1/100 s).
/// </summary>
public sealed class ServerCpu(int serverPid, string? postgresDataDirectory)
{
    private const double TicksPerSecond = 100;

    public double Seconds()
    {
        var ticks = Own(serverPid, withChildren: false);
        if (postgresDataDirectory is not null && PostmasterPid() is { } postmaster)
        {
            // Exited backends' time lands in the postmaster's cutime/cstime, so nothing is lost between two readings.
            ticks += Own(postmaster, withChildren: true);
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
                if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } s && s.Parent == postmaster)
                    ticks += s.Ticks;
        }
        return ticks / TicksPerSecond;
    }

    /// <summary>Which processes are counted, for the log.</summary>
    public string Describe()
    {
        if (postgresDataDirectory is null) return $"server process {serverPid}";
        if (PostmasterPid() is not { } postmaster) return $"server process {serverPid}; no postmaster.pid in {postgresDataDirectory}!";
        var children = Directory.EnumerateDirectories("/proc").Count(d =>
            int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } s && s.Parent == postmaster);
        return $"server process {serverPid} + PostgreSQL postmaster {postmaster} and its {children} children";
    }

    private int? PostmasterPid()
    {
        var file = Path.Combine(postgresDataDirectory!, "postmaster.pid");
        return File.Exists(file) && int.TryParse(File.ReadLines(file).First(), CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static long Own(int pid, bool withChildren) => Stat(pid) is { } s ? s.Ticks + (withChildren ? s.ChildTicks : 0) : 0;

    private static (int Parent, long Ticks, long ChildTicks)? Stat(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // Fields after the command name (which may hold spaces) in parentheses: state ppid ... utime(14) stime(15) cutime(16) cstime(17).
        var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long L(int field) => long.Parse(f[field - 3], CultureInfo.InvariantCulture);
        return (int.Parse(f[1], CultureInfo.InvariantCulture), L(14) + L(15), L(16) + L(17));
    }
}

/// <summary>Latencies in milliseconds, summarised.</summary>
public sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(List<double> ms)
    {
        if (ms.Count == 0) return new(0, double.NaN, double.NaN, double.NaN, double.NaN);
        ms.Sort();
        double P(double q) => ms[Math.Clamp((int)Math.Ceiling(q * ms.Count) - 1, 0, ms.Count - 1)];
        return new(ms.Count, P(0.50), P(0.95), P(0.99), ms[^1]);
    }

    public override string ToString() => Count == 0 ? "n=0" : $"n={Count} p50={P50:F1} p95={P95:F1} p99={P99:F1} max={Max:F1} ms";
}

/// <summary>A workload's rows: printed as a table and written as JSON (bench/results/ by default).</summary>
public sealed class Results(string workload, string provider, IReadOnlyDictionary<string, object?> parameters)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private readonly List<(string? Table, Dictionary<string, object?> Row)> rows = [];

    /// <summary>A row of the workload's one table, or of the named one (a workload with several prints each; in the JSON
    /// the row says which under "table").</summary>
    public void Add(Dictionary<string, object?> row, string? table = null)
    {
        rows.Add((table, row));
        Console.WriteLine((table is null ? "" : $"[{table}] ") + string.Join("  ", row.Select(kv => $"{kv.Key}={Format(kv.Value)}")));
    }

    public async Task WriteAsync(string? path)
    {
        Console.WriteLine();
        Console.WriteLine($"## {workload} on {provider}");
        foreach (var table in rows.Select(r => r.Table).Distinct().ToList())
        {
            var inTable = rows.Where(r => r.Table == table).Select(r => r.Row).ToList();
            if (table is not null) Console.WriteLine($"{Environment.NewLine}### {table}");
            var columns = inTable.SelectMany(r => r.Keys).Distinct().ToList();
            Console.WriteLine("| " + string.Join(" | ", columns) + " |");
            Console.WriteLine("|" + string.Concat(columns.Select(_ => "---|")));
            foreach (var row in inTable) Console.WriteLine("| " + string.Join(" | ", columns.Select(c => Format(row.GetValueOrDefault(c)))) + " |");
        }
        path ??= Path.Combine(ServerProcess.FindRepo(), "bench/results", $"{workload}-{provider}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var file = File.Create(path);
        var json = rows.Select(r => r.Table is null ? r.Row : new Dictionary<string, object?>(r.Row.Prepend(new("table", r.Table)))).ToList();
        await JsonSerializer.SerializeAsync(file, new { workload, provider, machine = Environment.MachineName, cores = Environment.ProcessorCount, at = DateTimeOffset.UtcNow, parameters, rows = json },
            Indented);
        Console.WriteLine($"written to {path}");
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d when double.IsNaN(d) => "-",
        double d => d.ToString(d >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
