using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;
using Monitoring.Lib.Tests.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>Partitions taken from a worker while its inputs are still in flight: a rebalance must not end the worker.</summary>
[Collection(KafkaClusterDefinition.Name)]
public sealed class KafkaStreamWorkerRebalanceTests(KafkaCluster cluster)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task ExecuteAsync_PartitionsRevokedWithInputsInFlight_WorkerGoesOnAndEveryInputReachesTheOutput()
    {
        var (input, output, group) = (cluster.Unique("in"), cluster.Unique("out"), cluster.Unique("g"));
        // 40 keys over the topic's 4 partitions, so the second member takes partitions that hold in-flight inputs.
        var values = Enumerable.Range(0, 40).Select(i => $"v{i:D2}").ToArray();
        foreach (var value in values)
        {
            await KafkaTopic.ProduceAsync(cluster.Bootstrap, input, value, value);
        }
        using var firstMetrics = TestMetrics.CreateManager("first");
        using var secondMetrics = TestMetrics.CreateManager("second");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstDone = 0;

        using var first = new AfterDeliveryWorker(WorkerSettings(group), firstMetrics, input, output, async (_, ct) =>
        {
            // Held until the group has rebalanced: every input the first member handled is still in flight then.
            await gate.Task.WaitAsync(ct);
            Interlocked.Increment(ref firstDone);
        });
        using var second = new AfterDeliveryWorker(WorkerSettings(group), secondMetrics, input, output, (_, _) => Task.CompletedTask);
        await first.StartAsync(TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => Task.FromResult(Consumed(firstMetrics, input) == values.Length), Wait, "the first member to handle every input");

        await second.StartAsync(TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => Task.FromResult(Consumed(secondMetrics, input) > 0), Wait,
            "the second member to be given partitions and consume their uncommitted inputs");
        gate.SetResult();
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref firstDone) == Consumed(firstMetrics, input)), Wait,
            "the first member's held work to finish");
        var outputs = cluster.ReadUntil(output, read => read.Select(m => m.Message.Value).Distinct().Count() >= values.Length);
        // The inputs the first member gave up unstored are handled again (by whichever member owns their partition now)
        // and then committed: in the end nothing is left for a third member to do again. By then the first member has
        // polled many times since its held work finished, storing (or dropping) those offsets.
        await Eventually.TrueAsync(() => Task.FromResult(KafkaTopic.Committed(cluster.Bootstrap, input, group) == values.Length), Wait,
            "every input to be committed by the group", TimeSpan.FromSeconds(1));

        Assert.False(first.ExecuteTask!.IsCompleted, $"the first member ended: {first.ExecuteTask.Exception?.GetBaseException().Message}");
        Assert.False(second.ExecuteTask!.IsCompleted, $"the second member ended: {second.ExecuteTask.Exception?.GetBaseException().Message}");
        Assert.Equal(values.Select(v => v.ToUpperInvariant()), outputs.Select(m => m.Message.Value).Distinct().Order(StringComparer.Ordinal));
        // Both stop within the worker's own bounds (5 s to give up partitions, 10 s to close): a close that hangs in
        // librdkafka must not hold the host.
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        await first.StopAsync(stopping.Token);
        await second.StopAsync(stopping.Token);
    }

    private static long Consumed(MetricsManager metrics, string topic) => (long)metrics.Consumed.WithLabel(topic).Value;

    private KafkaSettings WorkerSettings(string group)
    {
        var settings = cluster.Settings(group);
        settings.PollTimeout = TimeSpan.FromMilliseconds(100);
        return settings;
    }
}
