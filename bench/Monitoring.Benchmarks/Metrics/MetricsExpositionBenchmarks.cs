using System.Buffers;
using System.Diagnostics.Metrics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Lib.Metrics;

namespace Monitoring.Benchmarks.Metrics;

/// <summary>Prometheus text for 1,000 series into a reused buffer (target 100 µs).</summary>
[MemoryDiagnoser]
public class MetricsExpositionBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256 * 1024);
    private ServiceProvider _provider = null!;
    private MetricsManager _manager = null!;

    [GlobalSetup]
    public void Setup()
    {
        _provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _manager = MetricsSeries.Create(_provider.GetRequiredService<IMeterFactory>(), 1000);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _manager.Dispose();
        _provider.Dispose();
    }

    [Benchmark]
    public int Write1000Series()
    {
        _buffer.ResetWrittenCount();
        _manager.WriteTo(_buffer);
        return _buffer.WrittenCount;
    }
}

/// <summary>A manager holding a given number of series of mixed kinds, for the exposition and push benchmarks.</summary>
public static class MetricsSeries
{
    public static MetricsManager Create(IMeterFactory factory, int count)
    {
        var manager = new MetricsManager(factory, "bench");
        var requests = manager.CreateCounter("http_requests", "Requests by route and status.", "route", "status");
        var gauge = manager.CreateGauge("queue_depth", "Queue depth.", "queue");
        for (var i = 0; i < count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            switch (i % 4)
            {
                case 0:
                    manager.CountConsumed("topic-" + n, i);
                    break;
                case 1:
                    manager.CountProduced("topic-" + n, i);
                    break;
                case 2:
                    requests.WithLabels("GET:/forms/" + n, "200").Add(i);
                    break;
                default:
                    gauge.WithLabels("queue-" + n).Set(i * 0.5);
                    break;
            }
        }
        return manager;
    }
}
