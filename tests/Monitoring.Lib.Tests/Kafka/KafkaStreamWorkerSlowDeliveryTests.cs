using System.Net;
using Confluent.Kafka;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Tests.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>
/// An output held back while the consumer auto-commits: on loopback a delivery takes about a millisecond, too short for
/// a commit to land before it. On its own DevKafka, since a broker goes down.
/// </summary>
public sealed class KafkaStreamWorkerSlowDeliveryTests
{
    private const string Group = "held-back";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ExecuteAsync_OutputHeldBackWhileTheGroupCommits_HeldInputIsNeverCommitted()
    {
        await using var server = await DevKafkaServer.StartAsync("--topic", "in:1", "--topic", "out:1");
        var leaders = await LeadersAsync(server.Bootstrap, "in", "out");
        Assert.NotEqual(leaders["in"], leaders["out"]);
        // The group commits through the input's broker, which stays up: only the output waits.
        await PostAsync(server, $"/groups/{Group}/coordinator/{leaders["in"]}");
        // The handler rejects "bad-first" (no dead-letter topic: skipped), so its offset is stored while it is handled,
        // before "held" is read; an offset stored for "held" is then never overwritten by an earlier input's.
        await KafkaTopic.ProduceAsync(server.Bootstrap, "in", "k", "bad-first");
        await KafkaTopic.ProduceAsync(server.Bootstrap, "in", "k", "held");
        await PostAsync(server, $"/brokers/{leaders["out"]}/down");
        using var metrics = TestMetrics.CreateManager("stream");

        using (var worker = new EchoWorker(WorkerSettings(server.Bootstrap), metrics, "in", "out"))
        {
            await worker.StartAsync(TestContext.Current.CancellationToken);
            var committedWhileHeld = await Eventually.ReturnsAsync(() => Task.FromResult(Committed(server.Bootstrap)), c => c >= 1, Wait,
                "the skipped input to be committed while the output is held back");
            // The stop waits for the held output, whose delivery times out: the worker ends on the failure and commits
            // what it stored.
            await worker.StopAsync(TestContext.Current.CancellationToken);

            Assert.Equal(1, committedWhileHeld);
            var failure = await Assert.ThrowsAsync<ProduceException<string, string>>(() => worker.ExecuteTask!);
            Assert.Equal(ErrorCode.Local_MsgTimedOut, failure.Error.Code);
            Assert.Equal(["held"], worker.HandledValues);
        }
        Assert.Equal(1, Committed(server.Bootstrap));
        await PostAsync(server, $"/brokers/{leaders["out"]}/up");
        Assert.Equal(0, KafkaTopic.Written(server.Bootstrap, "out"));
        // What the next member of the group gets: the input whose output never arrived.
        Assert.Equal(["held"], ReadFromCommitted(server.Bootstrap));
    }

    private static KafkaSettings WorkerSettings(string bootstrap)
    {
        var settings = KafkaCluster.ForBootstrap(bootstrap, Group);
        settings.PollTimeout = TimeSpan.FromMilliseconds(100);
        // Many commits while the output is held back, and a hold that ends within the test.
        settings.Properties["auto.commit.interval.ms"] = "100";
        settings.Properties["message.timeout.ms"] = "3000";
        return settings;
    }

    private static async Task PostAsync(DevKafkaServer server, string path)
    {
        using var response = await server.PostAsync(path);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task<Dictionary<string, int>> LeadersAsync(string bootstrap, params string[] topics)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        // Right after the start a partition may still report no leader (-1).
        return await Eventually.ReturnsAsync(
            () => Task.FromResult(topics.ToDictionary(t => t, t => admin.GetMetadata(t, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Single().Leader)),
            leaders => leaders.Values.All(leader => leader > 0), Wait, $"a leader for {string.Join(", ", topics)}");
    }

    private static long Committed(string bootstrap) => KafkaTopic.Committed(bootstrap, "in", Group);

    /// <summary>Reads the input topic from the group's committed offset to its end, as a new member would, committing nothing.</summary>
    private static List<string> ReadFromCommitted(string bootstrap)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = Group,
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Assign(new TopicPartitionOffset("in", 0, Offset.Stored));
        var values = new List<string>();
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is { IsPartitionEOF: true })
            {
                break;
            }
            if (result?.Message is not null)
            {
                values.Add(result.Message.Value);
            }
        }
        return values;
    }
}
