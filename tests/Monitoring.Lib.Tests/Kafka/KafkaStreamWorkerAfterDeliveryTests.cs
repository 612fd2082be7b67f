using System.Collections.Concurrent;
using Confluent.Kafka;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Tests.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>Work a handler sets with <see cref="KafkaStreamOutputs{TKey, TValue}.OnDelivered"/>: after delivery, before commit.</summary>
[Collection(KafkaClusterDefinition.Name)]
public sealed class KafkaStreamWorkerAfterDeliveryTests(KafkaCluster cluster)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OnDelivered_OutputsDelivered_RunsOnceTheOutputIsOnItsTopicInConsumeOrderThenCommits()
    {
        var (input, output, group) = (cluster.Unique("in"), cluster.Unique("out"), cluster.Unique("g"));
        string[] values = ["m0", "m1", "m2", "m3", "m4"];
        await ProduceAsync(input, values);
        using var metrics = TestMetrics.CreateManager("stream");
        var seen = new ConcurrentQueue<(string Value, long OnTopic)>();

        using (var worker = new AfterDeliveryWorker(WorkerSettings(group), metrics, input, output, (value, _) =>
        {
            // Read from the broker while the work runs: its own output (and those before it) must already be there.
            seen.Enqueue((value, KafkaTopic.Written(cluster.Bootstrap, output)));
            return Task.CompletedTask;
        }))
        {
            await worker.StartAsync(TestContext.Current.CancellationToken);
            await Eventually.TrueAsync(() => Task.FromResult(seen.Count == values.Length), Wait, "the work of every input to run");
            await worker.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(values, seen.Select(s => s.Value));
        Assert.All(seen.Select((s, i) => (s.OnTopic, Position: i + 1)), s => Assert.InRange(s.OnTopic, s.Position, values.Length));
        Assert.Equal(values.Length, KafkaTopic.Committed(cluster.Bootstrap, input, group));
    }

    [Fact]
    public async Task OnDelivered_OutputNotDelivered_NeverRunsForItOrLaterInputsAndTheWorkerStops()
    {
        var (input, output, group) = (cluster.Unique("in"), cluster.Unique("out"), cluster.Unique("g"));
        await ProduceAsync(input, ["ok1", "huge", "ok2"]);
        using var metrics = TestMetrics.CreateManager("stream");
        var ran = new ConcurrentQueue<string>();

        using (var worker = new AfterDeliveryWorker(WorkerSettings(group), metrics, input, output, (value, _) =>
        {
            ran.Enqueue(value);
            return Task.CompletedTask;
        }))
        {
            await worker.StartAsync(TestContext.Current.CancellationToken);
            await Eventually.TrueAsync(() => Task.FromResult(worker.ExecuteTask!.IsCompleted), Wait, "the worker to stop on the refused output");
            var error = await Assert.ThrowsAsync<ProduceException<string, string>>(() => worker.ExecuteTask!);
            Assert.Equal(ErrorCode.MsgSizeTooLarge, error.Error.Code);
        }

        Assert.Equal(["ok1"], ran);
        Assert.Equal(1, KafkaTopic.Committed(cluster.Bootstrap, input, group));
    }

    [Fact]
    public async Task OnDelivered_WorkUnfinishedAtStop_ItsInputAndLaterOnesStayUncommittedAndAreHandledAgain()
    {
        var (input, output, group) = (cluster.Unique("in"), cluster.Unique("out"), cluster.Unique("g"));
        await ProduceAsync(input, ["a", "hold", "c"]);
        using var metrics = TestMetrics.CreateManager("stream");
        var finished = new ConcurrentQueue<string>();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using (var first = new AfterDeliveryWorker(WorkerSettings(group), metrics, input, output, async (value, ct) =>
        {
            if (value == "hold")
            {
                holding.TrySetResult();
                // Work that waits for something that never comes, until the stop.
                await Task.Delay(Timeout.Infinite, ct);
            }
            finished.Enqueue(value);
        }))
        {
            await first.StartAsync(TestContext.Current.CancellationToken);
            await holding.Task.WaitAsync(Wait, TestContext.Current.CancellationToken);
            // Every output is delivered, "c" included, while the work of "hold" still runs.
            Assert.Equal(3, cluster.ReadAll(output, 3).Count);
            await first.StopAsync(TestContext.Current.CancellationToken);
            Assert.True(first.ExecuteTask!.IsCompletedSuccessfully);
        }
        Assert.Equal(["a"], finished);
        // The stop committed every stored offset: "hold" was delivered but its work never finished, so not it, nor "c".
        Assert.Equal(1, KafkaTopic.Committed(cluster.Bootstrap, input, group));

        using (var second = new AfterDeliveryWorker(WorkerSettings(group), metrics, input, output, (value, _) =>
        {
            finished.Enqueue(value);
            return Task.CompletedTask;
        }))
        {
            await second.StartAsync(TestContext.Current.CancellationToken);
            await Eventually.TrueAsync(() => Task.FromResult(finished.Count == 3), Wait, "the restarted worker to finish the rest");
            await second.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(["a", "hold", "c"], finished);
        Assert.Equal(3, KafkaTopic.Committed(cluster.Bootstrap, input, group));
        // At least once: the uncommitted inputs were produced again.
        Assert.Equal(["A", "C", "C", "HOLD", "HOLD"], cluster.ReadAll(output, 5).Select(m => m.Message.Value).Order(StringComparer.Ordinal));
    }

    /// <summary>All with one key, so they land on one partition and are consumed in this order.</summary>
    private async Task ProduceAsync(string topic, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            await KafkaTopic.ProduceAsync(cluster.Bootstrap, topic, "one-key", value);
        }
    }

    private KafkaSettings WorkerSettings(string group)
    {
        var settings = cluster.Settings(group);
        settings.PollTimeout = TimeSpan.FromMilliseconds(100);
        return settings;
    }
}
