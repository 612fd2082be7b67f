using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;

namespace Monitoring.Benchmarks.Kafka;

/// <summary>
/// Consumer throughput on DevKafka: the stream worker (consume → handle → produce → await delivery → store offset,
/// at-least-once; and in ExactlyOnce, outputs and offsets in a transaction committed every 100 ms) against bare
/// Confluent.Kafka loops, one with the same delivery wait and one that does not wait.
/// Time per operation is per message, group joins excluded. Each iteration uses fresh topics filled beforehand.
/// Run: dotnet run -c Release --project bench/Monitoring.Benchmarks -- --filter '*StreamWorker*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class StreamWorkerBenchmarks
{
    private const int Messages = 5_000;
    private DevKafkaServer _kafka = null!;
    private ServiceProvider _services = null!;
    private int _round;
    private string _input = "";
    private string _output = "";
    private GatedEchoWorker? _worker;
    private MetricsManager? _metrics;
    private IConsumer<string, string>? _consumer;
    private IProducer<string, string>? _producer;

    [GlobalSetup]
    public void Setup()
    {
        _kafka = DevKafkaServer.StartAsync().GetAwaiter().GetResult();
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _kafka.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [IterationSetup(Target = nameof(StreamWorker))]
    public void SetupWorker() => StartWorker(ProcessingGuarantee.AtLeastOnce);

    [IterationSetup(Target = nameof(StreamWorkerExactlyOnce))]
    public void SetupExactlyOnceWorker() => StartWorker(ProcessingGuarantee.ExactlyOnce);

    [Benchmark(OperationsPerInvoke = Messages)]
    public void StreamWorker() => AwaitOutputs();

    // Outputs are counted once their transaction commits, so the wait ends at the last commit.
    [Benchmark(OperationsPerInvoke = Messages)]
    public void StreamWorkerExactlyOnce() => AwaitOutputs();

    private void StartWorker(ProcessingGuarantee guarantee)
    {
        NextTopics();
        _metrics = new MetricsManager(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "bench");
        var settings = Settings("worker");
        settings.ProcessingGuarantee = guarantee;
        settings.TransactionalId = $"bench-{_round}";
        _worker = new GatedEchoWorker(settings, _metrics, _input, _output);
        _worker.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        Fill(Messages + 1);
        _worker.Waiting.GetAwaiter().GetResult();
    }

    private void AwaitOutputs()
    {
        _worker!.Open();
        var done = $"messages_produced{{app=\"bench\",topic=\"{_output}\"}} {Messages + 1}\n";
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!_metrics!.GetText().Contains(done, StringComparison.Ordinal))
        {
            Thread.Sleep(1);
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The worker did not deliver every output within 2 minutes.");
            }
        }
    }

    [IterationCleanup(Targets = [nameof(StreamWorker), nameof(StreamWorkerExactlyOnce)])]
    public void StopWorker()
    {
        _worker!.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _worker.Dispose();
        _metrics!.Dispose();
    }

    [IterationSetup(Targets = [nameof(BareLoopAwaitingDelivery), nameof(BareLoopFireAndForget)])]
    public void SetupBare()
    {
        NextTopics();
        var settings = Settings("bare");
        var config = settings.ToConsumerConfig();
        config.EnableAutoOffsetStore = false;
        _consumer = new ConsumerBuilder<string, string>(config).Build();
        _producer = new ProducerBuilder<string, string>(settings.ToProducerConfig()).Build();
        // Filled first: librdkafka 2.16 reports a subscribed topic that does not exist yet as a consume error.
        Fill(Messages + 1);
        _consumer.Subscribe(_input);
        // Join the group and take the first message outside the measurement, as the worker does.
        while (_consumer.Consume(TimeSpan.FromSeconds(1)) is null)
        {
        }
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task BareLoopAwaitingDelivery()
    {
        for (var handled = 0; handled < Messages;)
        {
            if (_consumer!.Consume(TimeSpan.FromSeconds(1)) is { } input)
            {
                await _producer!.ProduceAsync(_output, input.Message);
                _consumer.StoreOffset(input);
                handled++;
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public void BareLoopFireAndForget()
    {
        for (var handled = 0; handled < Messages;)
        {
            if (_consumer!.Consume(TimeSpan.FromSeconds(1)) is { } input)
            {
                _producer!.Produce(_output, input.Message);
                _consumer.StoreOffset(input);
                handled++;
            }
        }
        _producer!.Flush(TimeSpan.FromMinutes(1));
    }

    [IterationCleanup(Targets = [nameof(BareLoopAwaitingDelivery), nameof(BareLoopFireAndForget)])]
    public void StopBare()
    {
        _consumer!.Close();
        _consumer.Dispose();
        _producer!.Dispose();
    }

    private void NextTopics()
    {
        _round++;
        _input = $"bench-in-{_round}";
        _output = $"bench-out-{_round}";
    }

    private KafkaSettings Settings(string group)
    {
        var settings = new KafkaSettings { BootstrapServers = _kafka.Bootstrap, GroupId = $"{group}-{_round}", StatisticsInterval = TimeSpan.Zero };
        settings.Properties["auto.offset.reset"] = "earliest";
        return settings;
    }

    private void Fill(int count)
    {
        using var producer = new ProducerBuilder<string, string>(Settings("fill").ToProducerConfig()).Build();
        for (var i = 0; i < count; i++)
        {
            producer.Produce(_input, new Message<string, string> { Key = $"k{i % 64}", Value = $"{{\"form\":{i}}}" });
        }
        producer.Flush(TimeSpan.FromMinutes(1));
    }
}
