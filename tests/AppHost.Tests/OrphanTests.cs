using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Monitoring.AppHost.Tests;

public sealed class OrphanTests
{
    [Fact]
    public async Task SigkillAppHost_ServersRunning_NoChildLeftBehind()
    {
        await using var appHost = await AppHostProcess.StartAsync();
        await appHost.WaitForLineAsync("resources ready after", TimeSpan.FromSeconds(60));
        var children = ChildrenOf(appHost.Id);
        var names = children.Select(Name).ToList();

        appHost.Kill();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && children.Any(IsAlive))
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Contains("redis-server", names);
        Assert.Contains("influxd", names);
        Assert.Contains("prometheus", names);
        Assert.Equal(2, names.Count(n => n.StartsWith("prometheus-push", StringComparison.Ordinal)));
        Assert.Empty(children.Where(IsAlive).Select(p => $"{p} {Name(p)}"));
    }

    private static List<int> ChildrenOf(int parent) =>
        [.. Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(d => int.TryParse(d, out _))
            .Select(d => int.Parse(d!, CultureInfo.InvariantCulture)).Where(pid => ParentOf(pid) == parent)];

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsAlive(int pid)
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

    private static string Name(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
