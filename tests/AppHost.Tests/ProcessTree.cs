using System.Globalization;
using System.Runtime.InteropServices;

namespace Monitoring.AppHost.Tests;

/// <summary>What an AppHost run has started, read from /proc: never found by name, always from the AppHost's PID.</summary>
internal static partial class ProcessTree
{
    public const int SigInt = 2;

    /// <summary>
    /// The AppHost's descendants plus DCP's, each with its command line: DCP detaches (its parent is init) but is started
    /// with <c>--monitor {AppHost PID}</c>, and everything of the run descends from it.
    /// </summary>
    public static Dictionary<int, string> Of(int appHost)
    {
        var all = Snapshot();
        var roots = all.Where(p => p.Value.Parent == appHost || p.Value.CommandLine.Contains($" --monitor {appHost} ", StringComparison.Ordinal))
            .Select(p => p.Key).ToList();
        var found = new HashSet<int>(roots);
        for (var added = true; added;)
        {
            added = false;
            foreach (var (pid, (parent, _)) in all)
            {
                if (found.Contains(parent) && found.Add(pid))
                {
                    added = true;
                }
            }
        }
        return found.ToDictionary(pid => pid, pid => all[pid].CommandLine.Trim());
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }

    public static void Signal(int pid, int signal) => Kill(pid, signal);

    private static Dictionary<int, (int Parent, string CommandLine)> Snapshot()
    {
        var processes = new Dictionary<int, (int, string)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after the last ')'.
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                processes[pid] = (parent, " " + CommandLine(pid) + " ");
            }
            catch (IOException)
            {
                // Gone between the listing and the read.
            }
        }
        return processes;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
