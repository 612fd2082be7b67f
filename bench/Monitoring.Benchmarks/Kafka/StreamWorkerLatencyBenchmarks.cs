using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;

namespace Monitoring.Benchmarks.Kafka;

/// <summary>
/// How long an input takes from its producer's acknowledgement to its output being visible to readers, in each
/// <see cref="ProcessingGuarantee"/>, on DevKafka: delivered (AtLeastOnce) or its transaction committed (ExactlyOnce,
/// 100 ms interval), which is when <c>messages_produced</c> counts it. One invocation is <see cref="Probes"/> inputs, one
/// at a time after a random 0–20 ms pause; the counter is read every millisecond, so figures are ±1 ms. The
/// percentiles over all measured invocations are printed at the end of each case (<c>// latency …</c>).
/// Run: dotnet run -c Release --project bench/Monitoring.Benchmarks -- --filter '*StreamWorkerLatency*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class StreamWorkerLatencyBenchmarks
{
    public const int Probes = 100;
    private readonly List<double> _latencies = [];
    private readonly Random _pauses = new(20261203);
    private DevKafkaServer _kafka = null!;
    private ServiceProvider _services = null!;
    private IProducer<string, string> _inputs = null!;
    private GatedEchoWorker? _worker;
    private MetricsManager? _metrics;
    private CounterSeries? _visible;
    private string _input = "";
    private int _round;
    private int _invocations;

    [Params(ProcessingGuarantee.AtLeastOnce, ProcessingGuarantee.ExactlyOnce)]
    public ProcessingGuarantee Guarantee { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _kafka = DevKafkaServer.StartAsync().GetAwaiter().GetResult();
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _inputs = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = _kafka.Bootstrap, LingerMs = 0 }).Build();
    }

    [IterationSetup]
    public void StartWorker()
    {
        _round++;
        _input = $"latency-in-{_round}";
        var output = $"latency-out-{_round}";
        _metrics = new MetricsManager(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "bench");
        _visible = _metrics.CreateCounter("messages_produced", "Messages produced, by topic.", "topic").WithLabels(output);
        var settings = new KafkaSettings
        {
            BootstrapServers = _kafka.Bootstrap, GroupId = $"latency-{_round}", StatisticsInterval = TimeSpan.Zero,
            ProcessingGuarantee = Guarantee, TransactionalId = $"latency-{_round}",
        };
        settings.Properties["auto.offset.reset"] = "earliest";
        // As the samples run on DevKafka: the mock cluster answers a fetch only when its wait is over.
        settings.Properties["fetch.wait.max.ms"] = "10";
        _worker = new GatedEchoWorker(settings, _metrics, _input, output);
        _worker.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        // One input to join the group with, outside the measurement; every input has one key, so one partition, in order.
        Send();
        _worker.Waiting.GetAwaiter().GetResult();
        _worker.Open();
        WaitVisible(1);
    }

    [Benchmark(OperationsPerInvoke = Probes)]
    public void AckToVisible()
    {
        var measured = new double[Probes];
        for (var i = 0; i < Probes; i++)
        {
            Thread.Sleep(_pauses.Next(0, 21));
            var acknowledged = Send();
            WaitVisible(i + 2);
            measured[i] = Stopwatch.GetElapsedTime(acknowledged).TotalMilliseconds;
        }
        // The first measured invocation of each case warms up; its figures are left out.
        if (++_invocations > 1)
        {
            _latencies.AddRange(measured);
        }
    }

    [IterationCleanup]
    public void StopWorker()
    {
        _worker!.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _worker.Dispose();
        _metrics!.Dispose();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine(LatencyPercentiles.Describe($"{Guarantee} over {_latencies.Count} inputs", _latencies));
        _latencies.Clear();
        _invocations = 0;
        _inputs.Dispose();
        _services.Dispose();
        _kafka.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Produces one input and returns the timestamp of its acknowledgement.</summary>
    private long Send()
    {
        _inputs.ProduceAsync(_input, new Message<string, string> { Key = "probe", Value = "{\"form\":1}" }).GetAwaiter().GetResult();
        return Stopwatch.GetTimestamp();
    }

    private void WaitVisible(int outputs)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_visible!.Value < outputs)
        {
            Thread.Sleep(1);
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Output {outputs} was not visible within 30 s.");
            }
        }
    }
}
