namespace MonitoringApp.AppHost.Tests;

/// <summary>The AppHost as `dotnet run` runs it: whatever way it ends, no process of the run and no run folder stay behind.</summary>
public sealed class LifetimeTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Interrupt_EverythingRunning_EveryProcessAndTheRunFolderGone()
    {
        await using var appHost = await AppHostProcess.StartAsync();
        await appHost.WaitForLineAsync("Cold start:", StartTimeout);
        var processes = ProcessTree.Of(appHost.Id);
        var runFolders = RunFoldersOf(appHost.Id);

        appHost.Interrupt();
        var left = await WaitGoneAsync(processes, TimeSpan.FromSeconds(60));

        AssertTheWholeModelRan(processes);
        Assert.Single(runFolders);
        Assert.Empty(left);
        Assert.False(Directory.Exists(runFolders[0]), $"{runFolders[0]} is left behind");
    }

    [Fact]
    public async Task Sigkill_EverythingRunning_DcpStopsEveryProcess()
    {
        await using var appHost = await AppHostProcess.StartAsync();
        await appHost.WaitForLineAsync("Cold start:", StartTimeout);
        var processes = ProcessTree.Of(appHost.Id);

        appHost.Kill();
        var left = await WaitGoneAsync(processes, TimeSpan.FromSeconds(90));

        AssertTheWholeModelRan(processes);
        Assert.Empty(left);
    }

    private static void AssertTheWholeModelRan(Dictionary<int, string> processes)
    {
        var commands = processes.Values.ToList();
        Assert.Contains(commands, c => c.StartsWith("/usr/bin/redis-server", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.StartsWith("/usr/bin/influxd", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.StartsWith("/usr/bin/prometheus ", StringComparison.Ordinal));
        Assert.Equal(2, commands.Count(c => c.StartsWith("/usr/bin/prometheus-pushgateway", StringComparison.Ordinal)));
        Assert.Contains(commands, c => c.Contains("DevKafka.dll", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("MetricsCacheFront.dll", StringComparison.Ordinal));
        Assert.Equal(2, commands.Count(c => c.EndsWith("/MonitoringApp.SampleWebProducer", StringComparison.Ordinal)));
        Assert.Single(commands, c => c.EndsWith("/MonitoringApp.SampleConsumer", StringComparison.Ordinal));
    }

    private static async Task<List<string>> WaitGoneAsync(Dictionary<int, string> processes, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && processes.Keys.Any(ProcessTree.IsAlive))
        {
            await Task.Delay(200);
        }
        return [.. processes.Where(p => ProcessTree.IsAlive(p.Key)).Select(p => $"{p.Key} {p.Value}")];
    }

    private static List<string> RunFoldersOf(int appHost) =>
        [.. Directory.EnumerateDirectories(Path.Combine(Path.GetTempPath(), "monitoring-apphost"), $"{appHost}-*")];
}
