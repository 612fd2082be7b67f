using System.Buffers;
using System.Diagnostics.Metrics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Lib.Metrics;
using Prometheus;

namespace Monitoring.Benchmarks.Metrics;

/// <summary>
/// This project's registry against prometheus-net 8.2.1, side by side in one run (issue 11 item 7): a pre-bound
/// increment, an increment that looks its series up by label, an increment through the .NET Meter API, and the
/// Prometheus text of 1,000 series (the same series in both registries).
/// </summary>
[MemoryDiagnoser]
public class RegistryComparisonBenchmarks
{
    private const int SeriesCount = 1000;
    private static readonly KeyValuePair<string, object?> Topic = new("topic", "forms");
    private readonly ArrayBufferWriter<byte> _buffer = new(256 * 1024);
    private readonly MemoryStream _stream = new(256 * 1024);
    private ServiceProvider _provider = null!;
    private MetricsManager _ours = null!;
    private MetricsManager _oursText = null!;
    private CounterSeries _oursBound = null!;
    private Counter<long> _oursMeter = null!;
    private CollectorRegistry _theirs = null!;
    private CollectorRegistry _theirsText = null!;
    private Prometheus.Counter _theirsCounter = null!;
    private Prometheus.Counter.Child _theirsBound = null!;
    private Meter _adaptedMeter = null!;
    private Counter<long> _theirsMeter = null!;
    private IDisposable _adapter = null!;

    [GlobalSetup]
    public void Setup()
    {
        _provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = _provider.GetRequiredService<IMeterFactory>();
        _ours = new MetricsManager(factory, "bench");
        _oursBound = _ours.Consumed.WithLabels("forms");
        _oursMeter = _ours.CreateMeterCounter<long>("bench_events", "Events.", "topic");
        _oursMeter.Add(1, Topic);
        _oursText = MetricsSeries.Create(factory, SeriesCount);

        _theirs = Prometheus.Metrics.NewCustomRegistry();
        var theirFactory = Prometheus.Metrics.WithCustomRegistry(_theirs);
        _theirsCounter = theirFactory.CreateCounter("messages_consumed", "Messages consumed.", "app", "topic");
        _theirsBound = _theirsCounter.WithLabels("bench", "forms");
        _adaptedMeter = new Meter("bench.adapted");
        _theirsMeter = _adaptedMeter.CreateCounter<long>("bench_events");
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = _theirs,
            InstrumentFilterPredicate = instrument => instrument.Meter == _adaptedMeter,
        });
        _theirsMeter.Add(1, Topic);
        _theirsText = TheirSeries(SeriesCount);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _adapter.Dispose();
        _adaptedMeter.Dispose();
        _ours.Dispose();
        _oursText.Dispose();
        _provider.Dispose();
    }

    [Benchmark(OperationsPerInvoke = 100)]
    public void Ours_PreBoundIncrement()
    {
        var series = _oursBound;
        for (var i = 0; i < 100; i++)
        {
            series.Increment();
        }
    }

    [Benchmark(OperationsPerInvoke = 100)]
    public void PrometheusNet_PreBoundIncrement()
    {
        var series = _theirsBound;
        for (var i = 0; i < 100; i++)
        {
            series.Inc();
        }
    }

    [Benchmark]
    public void Ours_IncrementByLabel() => _ours.CountConsumed("forms");

    [Benchmark]
    public void PrometheusNet_IncrementByLabel() => _theirsCounter.WithLabels("bench", "forms").Inc();

    [Benchmark]
    public void Ours_MeterApiAdd() => _oursMeter.Add(1, Topic);

    [Benchmark]
    public void PrometheusNet_MeterAdapterAdd() => _theirsMeter.Add(1, Topic);

    [Benchmark]
    public int Ours_Text1000Series()
    {
        _buffer.ResetWrittenCount();
        _oursText.WriteTo(_buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public long PrometheusNet_Text1000Series()
    {
        _stream.SetLength(0);
        _theirsText.CollectAndExportAsTextAsync(_stream).GetAwaiter().GetResult();
        return _stream.Length;
    }

    // The same 1,000 series as MetricsSeries.Create: consumed, produced, requests by route and status, a gauge.
    private static CollectorRegistry TheirSeries(int count)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var consumed = factory.CreateCounter("messages_consumed", "Messages consumed.", "app", "topic");
        var produced = factory.CreateCounter("messages_produced", "Messages produced.", "app", "topic");
        var requests = factory.CreateCounter("http_requests", "Requests by route and status.", "app", "route", "status");
        var gauge = factory.CreateGauge("queue_depth", "Queue depth.", "app", "queue");
        for (var i = 0; i < count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            switch (i % 4)
            {
                case 0:
                    consumed.WithLabels("bench", "topic-" + n).Inc(i);
                    break;
                case 1:
                    produced.WithLabels("bench", "topic-" + n).Inc(i);
                    break;
                case 2:
                    requests.WithLabels("bench", "GET:/forms/" + n, "200").Inc(i);
                    break;
                default:
                    gauge.WithLabels("bench", "queue-" + n).Set(i * 0.5);
                    break;
            }
        }
        return registry;
    }
}
