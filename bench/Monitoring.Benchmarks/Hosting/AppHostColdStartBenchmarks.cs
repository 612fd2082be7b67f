using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Monitoring.AppHost;
using Monitoring.Hosting;
using Monitoring.Hosting.Testing;

namespace Monitoring.Benchmarks.Hosting;

/// <summary>
/// AppHost cold start: from StartAsync of the template's app model (the one Program.cs runs) until every
/// infrastructure resource is healthy — DevKafka (3 brokers, 3 topics), redis, influxdb, metrics cache ×2,
/// prometheus. Goal: ≤ 10 s. Each iteration starts everything from nothing; stopping is outside the measurement.
/// Run: dotnet run -c Release --project bench/Monitoring.Benchmarks -- --filter '*ColdStart*'
/// (build the solution in Release first: the AppHost runs DevKafka from its Release output).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class AppHostColdStartBenchmarks
{
    private static readonly string[] Infrastructure = ["kafka", "redis", "influxdb", "metrics-cache", "prometheus"];
    private DistributedApplication? _app;

    [Benchmark]
    public async Task StartUntilEveryResourceHealthy()
    {
        _app = await DistributedApplicationTestingBuilder.CreateAsync(AppModel.Configure, "--Hosting:StopTimeout=00:00:05");
        await _app.StartAsync();
        await Task.WhenAll(Infrastructure.Select(name => _app.WaitForResourceHealthyAsync(name, TimeSpan.FromSeconds(60))));
    }

    [IterationCleanup]
    public void Stop()
    {
        _app?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _app = null;
    }
}
