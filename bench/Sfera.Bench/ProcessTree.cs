using System.Globalization;

namespace Sfera.Bench;

/// <summary>
/// CPU time and memory of processes from /proc, for the calls benchmark: one process (Janus, coturn, the server) or a
/// whole tree (Chromium: the browser process, its zygotes, renderers and utility processes, and Playwright's driver),
/// and the machine as a whole.
/// </summary>
public static class ProcessTree
{
    private const double TicksPerSecond = 100;

    /// <summary>utime + stime of the process, in seconds (0 when it is gone).</summary>
    public static double CpuSeconds(int pid) => Stat(pid) is { } s ? s.Ticks / TicksPerSecond : 0;

    public static double CpuSeconds(IEnumerable<int> pids) => pids.Sum(CpuSeconds);

    /// <summary>The processes below <paramref name="root"/> (not itself), skipping the subtrees of <paramref name="except"/>.</summary>
    public static List<int> Descendants(int root, IReadOnlySet<int> except)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } s)
            {
                if (!children.TryGetValue(s.Parent, out var list)) children[s.Parent] = list = [];
                list.Add(pid);
            }
        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var pid))
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
                if (!except.Contains(child))
                {
                    found.Add(child);
                    queue.Enqueue(child);
                }
        return found;
    }

    /// <summary>Resident memory (VmRSS) in MB.</summary>
    public static double RssMb(int pid) => Field($"/proc/{pid}/status", "VmRSS:") / 1024.0;

    /// <summary>Proportional set size in MB, summed: pages shared between processes (Chromium's) are counted once overall.</summary>
    public static double PssMb(IEnumerable<int> pids) => pids.Sum(pid => Field($"/proc/{pid}/smaps_rollup", "Pss:")) / 1024.0;

    /// <summary>(busy, total) jiffies of all cores since boot.</summary>
    public static (long Busy, long Total) Machine()
    {
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = f.Take(8).Sum(); // user nice system idle iowait irq softirq steal
        return (total - f[3] - f[4], total);
    }

    private static long Field(string file, string name)
    {
        try
        {
            var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static (int Parent, long Ticks)? Stat(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long L(int field) => long.Parse(f[field - 3], CultureInfo.InvariantCulture);
        return (int.Parse(f[1], CultureInfo.InvariantCulture), L(14) + L(15));
    }
}
