using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitoring.Lib.Metrics;

namespace Monitoring.Benchmarks.Metrics;

/// <summary>One push of 1,000 series to two real Pushgateway replicas (target 5 ms).</summary>
[MemoryDiagnoser]
public class MetricsPushBenchmarks
{
    private PushgatewayServer _replicaA = null!;
    private PushgatewayServer _replicaB = null!;
    private ServiceProvider _provider = null!;
    private MetricsManager _manager = null!;
    private MetricsPusher _pusher = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _replicaA = await PushgatewayServer.StartNewAsync("bench-pushgateway-a");
        _replicaB = await PushgatewayServer.StartNewAsync("bench-pushgateway-b");
        _provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _manager = MetricsSeries.Create(_provider.GetRequiredService<IMeterFactory>(), 1000);
        var options = new MetricsOptions { AppName = "bench", PodName = "bench-pod" };
        options.ReplicaUrls.Add(_replicaA.Url);
        options.ReplicaUrls.Add(_replicaB.Url);
        _pusher = new MetricsPusher(_manager, Options.Create(options), NullLogger<MetricsPusher>.Instance, TimeProvider.System);
        if (await _pusher.PushAsync() != 2)
        {
            throw new InvalidOperationException("The warm-up push did not reach both replicas: " + _pusher.GetStatus()[0].LastError);
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _pusher.Dispose();
        _manager.Dispose();
        await _provider.DisposeAsync();
        await _replicaA.DisposeAsync();
        await _replicaB.DisposeAsync();
    }

    [Benchmark]
    public Task<int> Push1000SeriesToTwoReplicas() => _pusher.PushAsync();
}
