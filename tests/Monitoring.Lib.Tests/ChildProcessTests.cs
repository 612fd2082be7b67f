using System.Diagnostics;

namespace Monitoring.Lib.Tests;

public sealed class ChildProcessTests
{
    [Fact]
    public async Task StopAsync_RunningProcess_EndsItWithinTimeout()
    {
        using var directory = new TestDirectory("child");
        var child = await ChildProcess.StartAsync("sleep", "/bin/sleep", ["300"], directory.Path);
        Assert.False(child.HasExited);

        await child.StopAsync(TimeSpan.FromSeconds(5));

        Assert.True(child.HasExited);
        await child.DisposeAsync();
    }

    [Fact]
    public async Task StartAsync_ParentKilled_ChildGetsTerminated()
    {
        // A bash parent starts a child through setpriv exactly as ChildProcess does, then is SIGKILLed:
        // the child must not outlive it.
        using var directory = new TestDirectory("orphan");
        var pidFile = Path.Combine(directory.Path, "child.pid");
        var parent = await ChildProcess.StartAsync(
            "parent", "/bin/bash", ["-c", $"setpriv --pdeathsig TERM -- /bin/sleep 300 & echo $! > {pidFile}; wait"], directory.Path);
        var childPid = await Eventually.ReturnsAsync(
            () => Task.FromResult(File.Exists(pidFile) ? File.ReadAllText(pidFile).Trim() : ""),
            text => text.Length > 0, TimeSpan.FromSeconds(10), "the child's pid file");
        // The pid is the forked shell's at first; only once it has become sleep has setpriv set the death signal (it does
        // so before it execs). Killed earlier, the parent would orphan a child that never hears of it, and the kill
        // below would wait the whole 300 s for the pipe the child inherited.
        await Eventually.TrueAsync(() => File.ReadAllText($"/proc/{childPid}/comm").Trim() == "sleep",
            TimeSpan.FromSeconds(10), "the child to have become sleep, its death signal set");

        await parent.KillAsync();

        await Eventually.TrueAsync(
            () => Task.FromResult(!IsAlive(int.Parse(childPid, System.Globalization.CultureInfo.InvariantCulture))),
            TimeSpan.FromSeconds(10), "the orphaned child to end");
        await parent.DisposeAsync();
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
