namespace MonitoringStack.AppHost.Tests;

/// <summary>The AppHost as `dotnet run` runs it: whatever way it ends, no process of the run and no run folder stay behind.</summary>
public sealed class LifetimeTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Interrupt_FreshContainerWithoutUserOrCertificate_EveryResourceHealthyThenEveryProcessAndTheRunFolderGone()
    {
        // What run.sh does on a new container or CI runner: no USER or LOGNAME, and a home without an HTTPS development
        // certificate, which eng/trust-dev-cert.sh creates and trusts before the AppHost starts.
        var home = Directory.CreateTempSubdirectory("apphost-fresh-home-");
        try
        {
            var appHostDll = Path.Combine(AppContext.BaseDirectory, "MonitoringStack.AppHost.dll");
            var trustScript = Path.Combine(RepositoryRoot(), "eng", "trust-dev-cert.sh");
            await using var appHost = await AppHostProcess.StartAsync(
                ["bash", "-c", "source \"$0\" && exec dotnet \"$1\"", trustScript, appHostDll],
                new Dictionary<string, string?> { ["USER"] = null, ["LOGNAME"] = null, ["HOME"] = home.FullName, ["DOTNET_NOLOGO"] = "1" });
            await appHost.WaitForLineAsync("Cold start:", StartTimeout);
            var processes = ProcessTree.Of(appHost.Id);
            var runFolders = RunFoldersOf(appHost.Id);
            AssertEveryResourceHealthy(appHost);
            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(home.FullName, ".aspnet", "dev-certs", "trust")));

            appHost.Interrupt();
            var left = await WaitGoneAsync(processes, TimeSpan.FromSeconds(60));

            AssertTheWholeModelRan(processes);
            // The services stopped first, while the servers they flush to still ran (AddDependentsFirstShutdown).
            Assert.Contains("before the servers they use", appHost.Line("Stopped ") ?? "", StringComparison.Ordinal);
            Assert.Single(runFolders);
            Assert.Empty(left);
            Assert.False(Directory.Exists(runFolders[0]), $"{runFolders[0]} is left behind");
        }
        finally
        {
            home.Delete(recursive: true);
        }
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

    private static void AssertEveryResourceHealthy(AppHostProcess appHost)
    {
        var table = appHost.SummaryTable();
        Assert.NotEmpty(table);
        Assert.All(table, line => Assert.Contains(" Running Healthy ", line, StringComparison.Ordinal));
        // Each resource's time is when it was first ready: what waits for another is ready after it.
        var readyAt = table.ToDictionary(line => line.Split(' ')[0], ReadySeconds);
        Assert.True(readyAt["prometheus"] > readyAt["metrics-cache"], string.Join('\n', table));
//#if (samples)
        Assert.True(readyAt["sample-consumer"] > readyAt["kafka"], string.Join('\n', table));
        Assert.True(readyAt["sample-web-producer"] > readyAt["redis"], string.Join('\n', table));
//#endif
    }

    private static double ReadySeconds(string summaryLine)
    {
        var match = System.Text.RegularExpressions.Regex.Match(summaryLine, @" Running Healthy +(\d+\.\d) s ");
        Assert.True(match.Success, $"No ready time in: {summaryLine}");
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "eng", "trust-dev-cert.sh")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No eng/trust-dev-cert.sh above {AppContext.BaseDirectory}");
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
//#if (samples)
        Assert.Equal(2, commands.Count(c => c.EndsWith("/MonitoringStack.SampleWebProducer.dll", StringComparison.Ordinal)));
        Assert.Single(commands, c => c.EndsWith("/MonitoringStack.SampleConsumer.dll", StringComparison.Ordinal));
//#endif
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
