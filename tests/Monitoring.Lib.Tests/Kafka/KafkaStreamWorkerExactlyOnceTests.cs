using Confluent.Kafka;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Tests.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>ProcessingGuarantee.ExactlyOnce on the shared DevKafka: outputs and offsets committed together.</summary>
[Collection(KafkaClusterDefinition.Name)]
public sealed class KafkaStreamWorkerExactlyOnceTests(KafkaCluster cluster)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task ExecuteAsync_ExactlyOnce_OutputsCommittedOnceWithTheirOffsetsAndCountedOnce()
    {
        var (input, output, deadLetters, group) = (cluster.Unique("in"), cluster.Unique("out"), cluster.Unique("dlq"), cluster.Unique("g"));
        var values = Values(100).Append("bad1").ToArray();
        await cluster.ProduceAsync(input, values);
        using var metrics = TestMetrics.CreateManager("stream");

        using (var worker = new EchoWorker(Settings(group), metrics, input, output, deadLetters))
        {
            await worker.StartAsync(TestContext.Current.CancellationToken);
            var outcome = await ExactlyOnceOutcome.ReadAsync(cluster.Server, output, 100);
            Assert.True(outcome.Duplicates == 0, outcome.ToString());
            await worker.StopAsync(TestContext.Current.CancellationToken);
        }

        // The failed input's dead letter went out in its transaction; the group's offsets came with the outputs.
        Assert.Equal("bad1", Assert.Single(await cluster.Server.ReadCommittedAsync(deadLetters)).Value);
        Assert.Equal(values.Length, KafkaTopic.Committed(cluster.Bootstrap, input, group));
        var text = metrics.GetText();
        Assert.True(text.Contains($"messages_produced{{app=\"stream\",topic=\"{deadLetters}\"}} 1\n", StringComparison.Ordinal), text);
        Assert.Contains($"messages_consumed{{app=\"stream\",topic=\"{input}\"}} {values.Length}\n", text, StringComparison.Ordinal);
        Assert.Contains($"messages_produced{{app=\"stream\",topic=\"{output}\"}} 100\n", text, StringComparison.Ordinal);
        Assert.Contains($"messages_produced{{app=\"stream\",topic=\"{deadLetters}\"}} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_AnotherProducerTakesTheTransactionalId_WorkerIsFencedReplacesItsProducerAndNothingIsDuplicated()
    {
        var (input, output, group, transactionalId) = (cluster.Unique("in"), cluster.Unique("out"), cluster.Unique("g"), cluster.Unique("tx"));
        using var metrics = TestMetrics.CreateManager("stream");
        var settings = ExactlyOnceOutcome.Settings(cluster.Settings(group), transactionalId);
        // The topic exists before the worker subscribes (see ExecuteAsync_MemberJoinsMidStream).
        await cluster.ProduceAsync(input, Values(50));
        using var worker = new EchoWorker(settings, metrics, input, output);
        await worker.StartAsync(TestContext.Current.CancellationToken);
        await ExactlyOnceOutcome.ReadAsync(cluster.Server, output, 50);

        // A zombie's successor: the same transactional id registered again bumps its epoch, so the worker's next
        // transaction is refused as fenced.
        var usurper = cluster.Settings().ToProducerConfig();
        usurper.TransactionalId = transactionalId;
        using (var fencing = new ProducerBuilder<string, string>(usurper).Build())
        {
            fencing.InitTransactions(TimeSpan.FromSeconds(10));
        }
        await cluster.ProduceAsync(input, Values(100).Skip(50));
        var outcome = await ExactlyOnceOutcome.ReadAsync(cluster.Server, output, 100);

        Assert.False(worker.ExecuteTask!.IsCompleted, $"the worker ended: {worker.ExecuteTask.Exception?.GetBaseException().Message}");
        Assert.True(outcome.Duplicates == 0, outcome.ToString());
        await worker.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ExecuteAsync_QuietInputTopic_TransactionCommitsAfterItsIntervalNotThePollTimeout()
    {
        var (input, output, group) = (cluster.Unique("in"), cluster.Unique("out"), cluster.Unique("g"));
        await cluster.ProduceAsync(input, Values(1));
        var settings = Settings(group);
        settings.PollTimeout = TimeSpan.FromSeconds(20);
        using var metrics = TestMetrics.CreateManager("stream");
        using var worker = new EchoWorker(settings, metrics, input, output);
        await worker.StartAsync(TestContext.Current.CancellationToken);

        // Nothing else arrives: a poll waiting its whole 20 s would keep the one input's transaction open that long.
        await Eventually.TrueAsync(() => Task.FromResult(metrics.GetText().Contains($"topic=\"{output}\"}} 1\n", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "the transaction to commit");

        Assert.Single(await cluster.Server.ReadCommittedAsync(output));
        await worker.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ExecuteAsync_MemberJoinsMidStream_EveryInputOnceOnTheOutput()
    {
        var (input, output, group) = (cluster.Unique("in"), cluster.Unique("out"), cluster.Unique("g"));
        using var firstMetrics = TestMetrics.CreateManager("first");
        using var secondMetrics = TestMetrics.CreateManager("second");
        var log = new CapturingLogger<EchoWorker>();
        using var first = new EchoWorker(ExactlyOnceOutcome.Settings(cluster.Settings(group), group + "-a"), firstMetrics, input, output, logger: log);
        using var second = new EchoWorker(ExactlyOnceOutcome.Settings(cluster.Settings(group), group + "-b"), secondMetrics, input, output, logger: log);
        var values = Values(300);
        // The topic exists before the first member subscribes: a KIP-848 member subscribed to a missing topic is not
        // given it until its next metadata refresh (minutes).
        await cluster.ProduceAsync(input, values.Take(1));
        await first.StartAsync(TestContext.Current.CancellationToken);

        var producing = ProduceSlowlyAsync(input, values.Skip(1));
        await Eventually.TrueAsync(() => Task.FromResult(first.Handled >= 100), Wait, "the first member to handle 100 inputs");
        await second.StartAsync(TestContext.Current.CancellationToken);
        await producing;
        var outcome = await ExactlyOnceOutcome.ReadAsync(cluster.Server, output, values.Length);

        Assert.True(second.Handled > 0, "the second member was given no partition");
        Assert.True(outcome.Duplicates == 0, outcome + "\n" + string.Join("\n", log.Lines.Select(l => $"{l.Level}: {l.Message}")));
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        await first.StopAsync(stopping.Token);
        await second.StopAsync(stopping.Token);
    }

    private KafkaSettings Settings(string group) => ExactlyOnceOutcome.Settings(cluster.Settings(group), group + "-tx");

    private static string[] Values(int count) => [.. Enumerable.Range(0, count).Select(i => $"v{i:D4}")];

    // Inputs keep arriving while the group rebalances, so transactions are open when the partitions move.
    private async Task ProduceSlowlyAsync(string topic, IEnumerable<string> values)
    {
        using var producer = new ProducerBuilder<string, string>(cluster.Settings().ToProducerConfig()).Build();
        foreach (var value in values)
        {
            producer.Produce(topic, new Message<string, string> { Key = value, Value = value });
            // 50/s: the last 200 take 4 s, time enough for the second member to be given partitions midway.
            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }
        producer.Flush(TimeSpan.FromSeconds(10));
    }
}
