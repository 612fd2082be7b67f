using System.Globalization;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// CPU time of every process on the machine, added up per program (a .NET app by its dll and, for a resource of the
/// app model, its <c>APP_NAME</c>; anything else by its executable), read from /proc: where the pipeline's CPU goes.
/// </summary>
internal static class ProgramCpu
{
    /// <summary>User + system clock ticks (1/100 s) per program, now.</summary>
    public static Dictionary<string, long> Snapshot()
    {
        var ticks = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }
            try
            {
                var (_, used) = ReadStat(Path.Combine(directory, "stat"));
                var name = ProgramName(directory);
                ticks[name] = ticks.GetValueOrDefault(name) + used;
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
        }
        return ticks;
    }

    /// <summary>The name and user + system clock ticks of a process's or thread's <c>stat</c> file.</summary>
    internal static (string Name, long Ticks) ReadStat(string path)
    {
        var stat = File.ReadAllText(path);
        // "pid (name) state …": the name may hold spaces and parentheses; after it, utime is field 14 and stime 15.
        var close = stat.LastIndexOf(')');
        var fields = stat[(close + 2)..].Split(' ');
        return (stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..close],
            long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    }

    /// <summary>Busy clock ticks (1/100 s) of the whole machine since boot.</summary>
    // The first line of /proc/stat: "cpu user nice system idle iowait irq softirq steal ..."; busy = all but idle and iowait.
    public static long MachineBusyTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return ticks.Sum() - ticks[3] - ticks[4];
    }

    /// <summary>What each program used between two snapshots, largest first.</summary>
    public static IEnumerable<(string Program, long Ticks)> Difference(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.Select(p => (p.Key, p.Value - before.GetValueOrDefault(p.Key))).Where(p => p.Item2 > 0).OrderByDescending(p => p.Item2);

    /// <summary>
    /// <c>MonitoringStack.SampleConsumer.dll [sample-consumer]</c>, <c>DevKafka.dll</c>, <c>influxd</c>, <c>(kernel)</c>: the resource
    /// name tells the two copies of the samples apart (<see cref="PipelineUnderTest"/>).
    /// </summary>
    internal static string ProgramName(string processDirectory)
    {
        var commandLine = File.ReadAllText(Path.Combine(processDirectory, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        if (commandLine.Length == 0)
        {
            return "(kernel)";
        }
        var dll = commandLine.FirstOrDefault(arg => arg.EndsWith(".dll", StringComparison.Ordinal));
        if (dll is null)
        {
            return Path.GetFileName(commandLine[0]);
        }
        var resource = AppName(processDirectory);
        return resource is null ? Path.GetFileName(dll) : $"{Path.GetFileName(dll)} [{resource}]";
    }

    private static string? AppName(string processDirectory)
    {
        const string Prefix = "APP_NAME=";
        try
        {
            return File.ReadAllText(Path.Combine(processDirectory, "environ")).Split('\0')
                .FirstOrDefault(variable => variable.StartsWith(Prefix, StringComparison.Ordinal))?[Prefix.Length..];
        }
        catch (UnauthorizedAccessException)
        {
            // Another user's process: its environment is private, and it is no resource of ours.
            return null;
        }
    }
}
