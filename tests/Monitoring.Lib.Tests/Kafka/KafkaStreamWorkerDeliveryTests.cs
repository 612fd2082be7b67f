using System.Net;
using Confluent.Kafka;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Tests.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>Outputs that cannot be delivered: on its own DevKafka, since a broker goes down.</summary>
public sealed class KafkaStreamWorkerDeliveryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    // Six single-partition outputs over three brokers: whatever leaders librdkafka picks, some fit each test's needs.
    private static readonly string[] OutputTopics = ["out0", "out1", "out2", "out3", "out4", "out5"];

    [Fact]
    public async Task ExecuteAsync_OutputLeaderDown_WorkerStopsWithoutCommitAndRestartDeliversOutput()
    {
        await using var server = await DevKafkaServer.StartAsync(["--topic", "in:1", .. OutputTopics.SelectMany(t => new[] { "--topic", $"{t}:1" })]);
        var leaders = await LeadersAsync(server.Bootstrap, ["in", .. OutputTopics]);
        // An output topic led by another broker than the input, so only the output side fails.
        var output = OutputTopics.First(t => leaders[t] != leaders["in"]);
        var settings = KafkaCluster.ForBootstrap(server.Bootstrap, "delivery");
        settings.PollTimeout = TimeSpan.FromMilliseconds(100);
        settings.Properties["message.timeout.ms"] = "1500";
        using var metrics = TestMetrics.CreateManager("stream");
        using var producer = new ProducerBuilder<string, string>(KafkaCluster.ForBootstrap(server.Bootstrap).ToProducerConfig()).Build();
        await producer.ProduceAsync("in", new Message<string, string> { Key = "k", Value = "warm-up" }, TestContext.Current.CancellationToken);

        using (var failing = new EchoWorker(settings, metrics, "in", output))
        {
            await failing.StartAsync(TestContext.Current.CancellationToken);
            // Joined, delivered and committed before the broker goes down: the broker taken down may also be the
            // group's coordinator, which a worker needs to join but not to go on fetching its assigned partition.
            await Eventually.TrueAsync(() => Task.FromResult(Committed(server.Bootstrap) == 1), Wait, "the warm-up input to be committed");
            using (var down = await server.PostAsync($"/brokers/{leaders[output]}/down"))
            {
                Assert.Equal(HttpStatusCode.NoContent, down.StatusCode);
            }
            await producer.ProduceAsync("in", new Message<string, string> { Key = "k", Value = "a" }, TestContext.Current.CancellationToken);

            await Eventually.TrueAsync(() => Task.FromResult(failing.ExecuteTask!.IsCompleted), Wait, "the worker to stop on the failed delivery");
            var error = await Assert.ThrowsAsync<ProduceException<string, string>>(() => failing.ExecuteTask!);
            Assert.Equal(ErrorCode.Local_MsgTimedOut, error.Error.Code);
            Assert.Equal(2, failing.Handled);
        }
        Assert.Contains("messages_errors{app=\"stream\",exception=\"Local_MsgTimedOut\"} 1\n", metrics.GetText(), StringComparison.Ordinal);

        using (var up = await server.PostAsync($"/brokers/{leaders[output]}/up"))
        {
            Assert.Equal(HttpStatusCode.NoContent, up.StatusCode);
        }
        // The failed input was not committed: still only the warm-up.
        Assert.Equal(1, Committed(server.Bootstrap).Value);
        settings.Properties["message.timeout.ms"] = "10000";
        using (var restarted = new EchoWorker(settings, metrics, "in", output))
        {
            await restarted.StartAsync(TestContext.Current.CancellationToken);
            await Eventually.TrueAsync(() => Task.FromResult(metrics.GetText().Contains($"messages_produced{{app=\"stream\",topic=\"{output}\"}} 2\n",
                StringComparison.Ordinal)), Wait, "the restarted worker to deliver the output");
            await restarted.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(2, Committed(server.Bootstrap).Value);
    }

    [Fact]
    public async Task ExecuteAsync_LaterInputsDeliveredEarlierFails_OffsetNeverPassesTheFailedInput()
    {
        await using var server = await DevKafkaServer.StartAsync(["--topic", "in:1", .. OutputTopics.SelectMany(t => new[] { "--topic", $"{t}:1" })]);
        var leaders = await LeadersAsync(server.Bootstrap, ["in", .. OutputTopics]);
        // One output whose leader goes down (not the input's broker) and one led by another broker, which stays up.
        var failing = OutputTopics.First(t => leaders[t] != leaders["in"]);
        var healthy = OutputTopics.First(t => leaders[t] != leaders[failing]);
        var settings = KafkaCluster.ForBootstrap(server.Bootstrap, "ordering");
        settings.PollTimeout = TimeSpan.FromMilliseconds(100);
        // Inputs 2 and 3 must be handled before input 1's output times out: 10 s leaves room on a loaded machine.
        settings.Properties["message.timeout.ms"] = "10000";
        using var metrics = TestMetrics.CreateManager("stream");
        using var producer = new ProducerBuilder<string, string>(KafkaCluster.ForBootstrap(server.Bootstrap).ToProducerConfig()).Build();
        await producer.ProduceAsync("in", new Message<string, string> { Key = "k", Value = $"{healthy}:warm-up" }, TestContext.Current.CancellationToken);

        using var worker = new RoutingWorker(settings, metrics, "in");
        await worker.StartAsync(TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => Task.FromResult(Committed(server.Bootstrap, "ordering") == 1), Wait, "the warm-up input to be committed");
        using (var down = await server.PostAsync($"/brokers/{leaders[failing]}/down"))
        {
            Assert.Equal(HttpStatusCode.NoContent, down.StatusCode);
        }
        // Input 1 cannot be delivered; inputs 2 and 3 are, while input 1 is still in flight.
        foreach (var value in new[] { $"{failing}:lost", $"{healthy}:after-1", $"{healthy}:after-2" })
        {
            await producer.ProduceAsync("in", new Message<string, string> { Key = "k", Value = value }, TestContext.Current.CancellationToken);
        }

        await Eventually.TrueAsync(() => Task.FromResult(worker.ExecuteTask!.IsCompleted), Wait, "the worker to stop on the failed delivery");
        await Assert.ThrowsAsync<ProduceException<string, string>>(() => worker.ExecuteTask!);
        Assert.Equal(4, worker.Handled);
        Assert.Contains($"messages_produced{{app=\"stream\",topic=\"{healthy}\"}} 3\n", metrics.GetText(), StringComparison.Ordinal);
        using (var up = await server.PostAsync($"/brokers/{leaders[failing]}/up"))
        {
            Assert.Equal(HttpStatusCode.NoContent, up.StatusCode);
        }
        // The later inputs were delivered, but the committed offset stops before the one that was not.
        Assert.Equal(1, Committed(server.Bootstrap, "ordering").Value);
    }

    private static async Task<Dictionary<string, int>> LeadersAsync(string bootstrap, params string[] topics)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        // Right after the start a topic's metadata can still say "no leader" (-1); a run here once got such a layout and
        // found no healthy output. Ask again until every partition has one.
        return await Eventually.ReturnsAsync(
            () => Task.FromResult(topics.ToDictionary(t => t, t => admin.GetMetadata(t, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.SingleOrDefault()?.Leader ?? -1)),
            leaders => leaders.Values.All(leader => leader >= 0), Wait, $"a leader for every partition of {string.Join(", ", topics)}");
    }

    private static Offset Committed(string bootstrap, string group = "delivery")
    {
        using var consumer = new ConsumerBuilder<string, string>(KafkaCluster.ForBootstrap(bootstrap, group).ToConsumerConfig()).Build();
        return consumer.Committed([new TopicPartition("in", 0)], TimeSpan.FromSeconds(10)).Single().Offset;
    }
}
