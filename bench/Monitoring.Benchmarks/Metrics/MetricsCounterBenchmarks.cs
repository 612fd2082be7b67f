using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Lib.Metrics;

namespace Monitoring.Benchmarks.Metrics;

/// <summary>The two hot paths: a pre-bound series (target 5 ns, 0 B) and the Meter API with one tag (target 25 ns, 0 B).</summary>
[MemoryDiagnoser]
public class MetricsCounterBenchmarks
{
    private static readonly KeyValuePair<string, object?> Topic = new("topic", "forms");
    private static readonly KeyValuePair<string, object?>[] Topics =
        [new("topic", "forms"), new("topic", "orders"), new("topic", "audit"), new("topic", "events")];
    private ServiceProvider _provider = null!;
    private int _next;
    private MetricsManager _manager = null!;
    private CounterSeries _bound = null!;
    private Counter<long> _meterCounter = null!;
    private long _bareCount;

    [GlobalSetup]
    public void Setup()
    {
        _provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _manager = new MetricsManager(_provider.GetRequiredService<IMeterFactory>(), "bench");
        _bound = _manager.Consumed.WithLabels("forms");
        _meterCounter = _manager.CreateMeterCounter<long>("bench_events", "Events.", "topic");
        _meterCounter.Add(1, Topic);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _manager.Dispose();
        _provider.Dispose();
    }

    [Benchmark]
    public void PreBoundIncrement() => _bound.Increment();

    /// <summary>
    /// 100 increments per call: BenchmarkDotNet subtracts the call overhead from a single increment, which can
    /// leave less than the instruction's own latency; this figure does not depend on that subtraction.
    /// </summary>
    [Benchmark(OperationsPerInvoke = 100)]
    public void PreBoundIncrementHundredTimes()
    {
        var series = _bound;
        for (var i = 0; i < 100; i++)
        {
            series.Increment();
        }
    }

    /// <summary>
    /// The anchor for <see cref="PreBoundIncrementHundredTimes"/> in the same run: 100 bare <c>Interlocked.Increment</c>
    /// calls on a field, the floor of any atomic counter on this CPU.
    /// </summary>
    [Benchmark(OperationsPerInvoke = 100)]
    public void BareInterlockedIncrementHundredTimes()
    {
        for (var i = 0; i < 100; i++)
        {
            Interlocked.Increment(ref _bareCount);
        }
    }

    [Benchmark]
    public void MeterApiAddOneTag() => _meterCounter.Add(1, Topic);

    /// <summary>The worst case for the last-series cache: every call hits a different series than the one before.</summary>
    [Benchmark]
    public void MeterApiAddOneTagRotating() => _meterCounter.Add(1, Topics[_next++ & 3]);

    [Benchmark]
    public void CountConsumedByTopic() => _manager.CountConsumed("forms");
}
