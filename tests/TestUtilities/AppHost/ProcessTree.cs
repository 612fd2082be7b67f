using System.Globalization;
using System.Runtime.InteropServices;

namespace Monitoring.TestUtilities;

/// <summary>What an AppHost run has started, read from /proc: never found by name, always from the AppHost's PID.</summary>
public static partial class ProcessTree
{
    private const int SigInt = 2;

    /// <summary>
    /// <paramref name="root"/> (the AppHost, or `dotnet run` of it) with its descendants and DCP's, each with its command
    /// line: DCP detaches (its parent is init) but is started with <c>--monitor {AppHost PID}</c>, and everything the
    /// run starts descends from it.
    /// </summary>
    public static Dictionary<int, string> Of(int root)
    {
        var all = Snapshot();
        var found = new HashSet<int> { root };
        for (var added = true; added;)
        {
            added = false;
            foreach (var (pid, (parent, commandLine)) in all)
            {
                if (!found.Contains(pid) && (found.Contains(parent) || found.Any(f => commandLine.Contains($" --monitor {f} ", StringComparison.Ordinal))))
                {
                    added = found.Add(pid);
                }
            }
        }
        return found.Where(all.ContainsKey).ToDictionary(pid => pid, pid => all[pid].CommandLine.Trim());
    }

    /// <summary><paramref name="pid"/> and its children: what Ctrl+C reaches of `dotnet run` and the AppHost (DCP runs in a session of its own).</summary>
    public static void Interrupt(int pid)
    {
        foreach (var (child, (parent, _)) in Snapshot())
        {
            if (parent == pid)
            {
                Kill(child, SigInt);
            }
        }
        Kill(pid, SigInt);
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
