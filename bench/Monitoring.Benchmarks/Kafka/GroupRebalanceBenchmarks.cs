using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Confluent.Kafka;

namespace Monitoring.Benchmarks.Kafka;

/// <summary>
/// How long a consumer group on DevKafka (librdkafka 2.16's mock) takes to give all partitions to the remaining member
/// after the other one leaves (Close: a clean leave), with the classic protocol and with KIP-848's
/// <c>group.protocol=consumer</c> (issue 11 item 2). One operation = one leave; the figure is the seconds until the
/// remaining consumer is assigned all 4 partitions.
/// Run: dotnet run -c Release --project bench/Monitoring.Benchmarks -- --filter '*GroupRebalance*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 5, invocationCount: 1)]
public class GroupRebalanceBenchmarks
{
    private const int Partitions = 4;
    private DevKafkaServer _kafka = null!;
    private int _round;
    private IConsumer<string, string>? _leaving;
    private IConsumer<string, string>? _staying;

    [Params("classic", "consumer")]
    public string Protocol { get; set; } = "classic";

    [GlobalSetup]
    public void Setup() => _kafka = DevKafkaServer.StartAsync(["--topic", $"rebalance:{Partitions}"]).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _kafka.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [IterationSetup]
    public void JoinTwo()
    {
        var group = $"rebalance-{Protocol}-{++_round}";
        (_leaving, _staying) = (Consumer(group), Consumer(group));
        // Both members poll until the group has given out every partition between them.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_leaving.Assignment.Count + _staying.Assignment.Count < Partitions || _leaving.Assignment.Count == 0 || _staying.Assignment.Count == 0)
        {
            _leaving.Consume(TimeSpan.FromMilliseconds(50));
            _staying.Consume(TimeSpan.FromMilliseconds(50));
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The {Protocol} group did not spread {Partitions} partitions over two members in 60 s.");
            }
        }
    }

    [Benchmark]
    public void LeaveUntilTheOtherOwnsAll()
    {
        _leaving!.Close();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (_staying!.Assignment.Count < Partitions)
        {
            _staying.Consume(TimeSpan.FromMilliseconds(20));
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The {Protocol} group did not reassign within 120 s.");
            }
        }
    }

    [IterationCleanup]
    public void Leave()
    {
        _leaving?.Dispose();
        _staying?.Close();
        _staying?.Dispose();
    }

    private IConsumer<string, string> Consumer(string group)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = _kafka.Bootstrap,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        if (Protocol == "consumer")
        {
            config.Set("group.protocol", "consumer");
        }
        else
        {
            // What the AppHost gives consumers when DevKafka runs.
            config.SessionTimeoutMs = 6000;
        }
        var consumer = new ConsumerBuilder<string, string>(config).SetLogHandler((_, _) => { }).Build();
        consumer.Subscribe("rebalance");
        return consumer;
    }
}
