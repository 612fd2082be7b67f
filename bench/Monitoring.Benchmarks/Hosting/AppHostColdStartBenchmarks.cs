using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Monitoring.Benchmarks.Hosting;

/// <summary>
/// The AppHost as a user runs it (`dotnet run --project AppHost --no-build -c Release`, the http launch profile):
/// <see cref="ColdStart"/> from launch until it prints the startup summary (every resource healthy: DevKafka, redis,
/// influxd, 2 Pushgateways and their front, prometheus, the consumer and 2 producer replicas; goal ≤ 10 s), and
/// <see cref="CtrlC"/> from SIGINT (what Ctrl+C sends to `dotnet run` and the AppHost) until the last process of the run
/// is gone (goal ≤ 10 s). Each iteration starts from nothing.
/// Run: dotnet build -c Release MonitoringStack.sln, then
///      dotnet run -c Release --no-build --project bench/Monitoring.Benchmarks -- --filter '*AppHostColdStart*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class AppHostColdStartBenchmarks
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private AppHostProcess? _appHost;
    private Dictionary<int, string> _processes = [];

    [IterationSetup(Target = nameof(CtrlC))]
    public void StartForCtrlC()
    {
        _appHost = StartAsync().GetAwaiter().GetResult();
        _processes = ProcessTree.Of(_appHost.Id);
    }

    [Benchmark]
    public async Task ColdStart() => _appHost = await StartAsync();

    [Benchmark]
    public Task CtrlC() => InterruptAndWaitGoneAsync(_appHost!, _processes);

    /// <summary>Every iteration starts from nothing: the run that <see cref="ColdStart"/> left is stopped and gone first.</summary>
    [IterationCleanup]
    public void Stop()
    {
        if (_appHost is { } appHost)
        {
            InterruptAndWaitGoneAsync(appHost, ProcessTree.Of(appHost.Id)).GetAwaiter().GetResult();
            appHost.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        _appHost = null;
    }

    private static async Task InterruptAndWaitGoneAsync(AppHostProcess appHost, Dictionary<int, string> processes)
    {
        appHost.Interrupt();
        var deadline = DateTime.UtcNow + Timeout;
        while (processes.Keys.Any(ProcessTree.IsAlive))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still running {Timeout} after SIGINT: {string.Join(", ", processes.Where(p => ProcessTree.IsAlive(p.Key)).Select(p => p.Value))}");
            }
            await Task.Delay(50);
        }
    }

    private static async Task<AppHostProcess> StartAsync()
    {
        var project = Path.Combine(RepositoryRoot(), "AppHost", "MonitoringStack.AppHost.csproj");
        var appHost = await AppHostProcess.StartAsync(["dotnet", "run", "--project", project, "--no-build", "-c", "Release"]);
        await appHost.WaitForLineAsync("Cold start:", Timeout);
        // The summary's own figure (AppHost process start until every resource is healthy), for the record beside
        // BenchmarkDotNet's, which also counts `dotnet run`'s start.
        Console.WriteLine($"// summary: {appHost.Line("Cold start:")}");
        return appHost;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MonitoringStack.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No MonitoringStack.sln above {AppContext.BaseDirectory}.");
    }
}
