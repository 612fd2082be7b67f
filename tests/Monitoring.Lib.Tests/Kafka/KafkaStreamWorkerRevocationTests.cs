using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;
using Monitoring.Lib.Tests.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>A revocation while the revoked inputs' work still runs: what the member keeps or gets back must not wait for it.</summary>
[Collection(KafkaClusterDefinition.Name)]
public sealed class KafkaStreamWorkerRevocationTests(KafkaCluster cluster)
{
    private const int Inputs = 40;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ExecuteAsync_PartitionsRevokedWhileTheirWorkIsHeld_InputsHandledAfterTheRebalanceCommitWithoutIt()
    {
        var (input, output, group) = (cluster.Unique("in"), cluster.Unique("out"), cluster.Unique("g"));
        // 40 keys over the topic's 4 partitions: each member ends up with some of them.
        var values = Enumerable.Range(0, Inputs).Select(i => $"v{i:D2}").ToArray();
        await cluster.ProduceAsync(input, values);
        using var firstMetrics = TestMetrics.CreateManager("first");
        using var secondMetrics = TestMetrics.CreateManager("second");
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var first = new HeldFirstHandlingWorker(WorkerSettings(group), firstMetrics, input, output, held.Task);
        using var second = new HeldFirstHandlingWorker(WorkerSettings(group), secondMetrics, input, output, Task.CompletedTask);

        try
        {
            await first.StartAsync(TestContext.Current.CancellationToken);
            await Eventually.TrueAsync(() => Consumed(firstMetrics, input) == Inputs, Wait, "the first member to handle every input");
            await second.StartAsync(TestContext.Current.CancellationToken);
            // The join revokes every partition of the first member (librdkafka's default assignors are eager), whose
            // inputs all wait for the held work. Dropped at the revocation, they hold nothing up: the partitions it gets
            // back are read again from the last commit, handled without held work and committed, as the second member's are.
            await Eventually.ReturnsAsync(() => Task.FromResult(KafkaTopic.Committed(cluster.Bootstrap, input, group)), c => c == Inputs, Wait,
                "every input to be committed while the first handling's work is still held", TimeSpan.FromSeconds(1));

            Assert.True(Consumed(secondMetrics, input) > 0, "the second member got no partition");
            Assert.False(first.ExecuteTask!.IsCompleted, $"the first member ended: {first.ExecuteTask.Exception?.GetBaseException().Message}");
            Assert.False(second.ExecuteTask!.IsCompleted, $"the second member ended: {second.ExecuteTask.Exception?.GetBaseException().Message}");
        }
        finally
        {
            // Also when the test failed: a worker disposed while it runs would close its consumer under the poll.
            held.TrySetResult();
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            await first.StopAsync(stopping.Token);
            await second.StopAsync(stopping.Token);
        }
        var outputs = cluster.ReadUntil(output, read => read.Select(m => m.Message.Value).Distinct().Count() >= Inputs);
        Assert.Equal(values.Select(v => v.ToUpperInvariant()), outputs.Select(m => m.Message.Value).Distinct().Order(StringComparer.Ordinal));
    }

    private static long Consumed(MetricsManager metrics, string topic) => (long)metrics.Consumed.WithLabel(topic).Value;

    private KafkaSettings WorkerSettings(string group)
    {
        var settings = cluster.Settings(group);
        settings.PollTimeout = TimeSpan.FromMilliseconds(100);
        // Commits land within a poll or two of the store, so waiting for them costs little.
        settings.Properties["auto.commit.interval.ms"] = "100";
        return settings;
    }
}
