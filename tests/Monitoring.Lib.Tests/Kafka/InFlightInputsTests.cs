using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Lib.Tests.Metrics;
using Monitoring.Lib.Kafka.Internal;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>
/// The in-flight window of the stream worker on a real consumer. The worker's own rebalance callbacks release a
/// partition's inputs before librdkafka takes it away, so it never meets a refused store itself: the assignment is
/// changed here under the window, which only a manual assignment can do.
/// </summary>
[Collection(KafkaClusterDefinition.Name)]
public sealed class InFlightInputsTests(KafkaCluster cluster)
{
    [Fact]
    public async Task StoreDone_PartitionTakenAwayWithoutCallback_DropsItsInputsAndStoresTheRest()
    {
        var (topic, group) = (cluster.Unique("in"), cluster.Unique("g"));
        var (kept, taken) = (new TopicPartition(topic, 0), new TopicPartition(topic, 1));
        using (var producer = new ProducerBuilder<string, string>(cluster.Settings().ToProducerConfig()).Build())
        {
            await producer.ProduceAsync(taken, new Message<string, string> { Key = "t", Value = "taken" }, TestContext.Current.CancellationToken);
            await producer.ProduceAsync(kept, new Message<string, string> { Key = "k", Value = "kept" }, TestContext.Current.CancellationToken);
        }
        var config = cluster.Settings(group).ToConsumerConfig();
        config.EnableAutoOffsetStore = false;
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Assign([new TopicPartitionOffset(taken, Offset.Beginning), new TopicPartitionOffset(kept, Offset.Beginning)]);
        var inputs = ConsumeBoth(consumer);
        var window = new InFlightInputs<string, string>(consumer.StoreOffset, capacity: 10, NullLogger.Instance, "test");
        var (takenDone, keptDone) = (new TaskCompletionSource<bool>(), new TaskCompletionSource<bool>());
        // In this order, so the refused store comes first and the kept input behind it must still be stored.
        await window.AddAsync(inputs["taken"], takenDone.Task);
        await window.AddAsync(inputs["kept"], keptDone.Task);

        consumer.Assign([new TopicPartitionOffset(kept, inputs["kept"].Offset + 1)]);
        takenDone.SetResult(true);
        keptDone.SetResult(true);
        window.StoreDone();

        Assert.Equal(0, window.Count);
        consumer.Commit();
        var committed = consumer.Committed([taken, kept], TimeSpan.FromSeconds(10));
        Assert.Equal([Offset.Unset, inputs["kept"].Offset + 1], committed.Select(c => c.Offset));
    }

    [Theory]
    [InlineData(false, LogLevel.Critical, "Stream worker test stops: outputs of in [2] @7 were not delivered")]
    [InlineData(true, LogLevel.Warning, "Stream worker test: outputs of in [2] @7 were not delivered; its transaction is aborted")]
    public async Task AddAsync_DeliveryFailedAtTheHead_ThrownStoresNothingAndLogsWhatTheWorkerDoesNext(bool inTransactions, LogLevel level, string message)
    {
        var stored = new List<ConsumeResult<string, string>>();
        var log = new CapturingLogger<InFlightInputsTests>();
        var window = new InFlightInputs<string, string>(stored.Add, capacity: 10, log, "test", inTransactions);
        var input = new ConsumeResult<string, string> { TopicPartitionOffset = new TopicPartitionOffset("in", 2, 7), Message = new() { Key = "k", Value = "v" } };

        var failure = await Assert.ThrowsAsync<KafkaException>(() => window.AddAsync(input, Task.FromException<bool>(new KafkaException(ErrorCode.Local_MsgTimedOut))));

        Assert.Equal(ErrorCode.Local_MsgTimedOut, failure.Error.Code);
        Assert.Empty(stored);
        var (loggedLevel, logged) = Assert.Single(log.Lines);
        Assert.Equal(level, loggedLevel);
        Assert.StartsWith(message, logged, StringComparison.Ordinal);
    }

    /// <summary>The one message of each partition, by value (bounded by 30 s).</summary>
    private static Dictionary<string, ConsumeResult<string, string>> ConsumeBoth(IConsumer<string, string> consumer)
    {
        var read = new Dictionary<string, ConsumeResult<string, string>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (read.Count < 2 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } result)
            {
                read[result.Message.Value] = result;
            }
        }
        Assert.Equal(["kept", "taken"], read.Keys.Order(StringComparer.Ordinal));
        return read;
    }
}
