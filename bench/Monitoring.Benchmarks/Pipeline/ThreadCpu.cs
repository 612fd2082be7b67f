using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// CPU time of every thread on the machine, read from /proc, and what each "program / thread name" used between two
/// snapshots (numbers in a name dropped, so librdkafka's <c>rdk:broker1</c>, <c>rdk:broker2</c> … count as one).
/// </summary>
internal static partial class ThreadCpu
{
    /// <summary>User + system clock ticks (1/100 s) of every live thread, keyed by thread id.</summary>
    public static Dictionary<int, (string Key, long Ticks)> Snapshot()
    {
        var threads = new Dictionary<int, (string, long)>();
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }
            try
            {
                var program = ProgramCpu.ProgramName(process);
                foreach (var thread in Directory.EnumerateDirectories(Path.Combine(process, "task")))
                {
                    var (name, ticks) = ProgramCpu.ReadStat(Path.Combine(thread, "stat"));
                    threads[int.Parse(Path.GetFileName(thread), CultureInfo.InvariantCulture)] = (program + " / " + Digits().Replace(name, "#"), ticks);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process or thread ended while being read, or belongs to someone else.
            }
        }
        return threads;
    }

    /// <summary>
    /// Ticks used between the snapshots per "program / thread name" (the name at the second snapshot). A thread started
    /// in between counts whole; one that ended in between is lost (its last ticks are not readable).
    /// </summary>
    public static Dictionary<string, long> Used(Dictionary<int, (string Key, long Ticks)> before, Dictionary<int, (string Key, long Ticks)> after)
    {
        var used = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (id, (key, ticks)) in after)
        {
            // Matched by thread id, not name: a kernel worker renames itself after the queue it serves, and counting
            // its whole lifetime on every rename put 85 µs per form of "kernel" time into each mode. Fewer ticks than
            // before means the id was reused by a new thread.
            var earlier = before.TryGetValue(id, out var old) && old.Ticks <= ticks ? old.Ticks : 0;
            used[key] = used.GetValueOrDefault(key) + ticks - earlier;
        }
        return used;
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
