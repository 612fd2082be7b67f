using System.Net;
using Confluent.Kafka;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Tests.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>The brokers going away under load and coming back: on its own DevKafka, since its brokers go down.</summary>
public sealed class KafkaStreamWorkerBrokerOutageTests
{
    private const int Inputs = 300;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(9);

    [Fact]
    public async Task ExecuteAsync_BrokersDownLongerThanTheSessionUnderLoad_WorkerStaysUpAndEveryInputReachesTheOutput()
    {
        await using var server = await DevKafkaServer.StartAsync("--topic", "in:4", "--topic", "out:4");
        var settings = KafkaCluster.ForBootstrap(server.Bootstrap, "outage");
        settings.PollTimeout = TimeSpan.FromMilliseconds(100);
        // Deliveries wait out the outage (librdkafka's default is 300 s); the 6 s session expires during it.
        settings.Properties["message.timeout.ms"] = "60000";
        using var metrics = TestMetrics.CreateManager("stream");
        using var producer = new ProducerBuilder<string, string>(settings.ToProducerConfig()).Build();
        using var worker = new EchoWorker(settings, metrics, "in", "out");
        await worker.StartAsync(TestContext.Current.CancellationToken);

        var produced = new List<Task>();
        for (var i = 0; i < Inputs; i++)
        {
            if (i == Inputs / 3 || i == 2 * Inputs / 3)
            {
                // Every broker, so the group's coordinator is among them (the mock cannot say which one it is): the
                // member's session expires during the outage and its partitions are lost, with inputs in flight.
                await SetBrokersAsync(server, up: i != Inputs / 3);
            }
            var value = $"v{i:D3}";
            produced.Add(producer.ProduceAsync("in", new Message<string, string> { Key = value, Value = value }, TestContext.Current.CancellationToken));
            await Task.Delay(TimeSpan.FromMilliseconds(10), TestContext.Current.CancellationToken);
        }
        await Task.WhenAll(produced);
        var outputs = await ReadDistinctAsync(server.Bootstrap, Inputs);

        var distinct = outputs.Select(m => m.Message.Value).Distinct().Count();
        Assert.False(worker.ExecuteTask!.IsCompleted, $"the worker ended: {worker.ExecuteTask.Exception?.GetBaseException().Message}");
        Assert.True(distinct == Inputs, $"{distinct} of {Inputs} inputs reached the output ({outputs.Count - distinct} duplicates)");
        await worker.StopAsync(TestContext.Current.CancellationToken);
    }

    private static async Task SetBrokersAsync(DevKafkaServer server, bool up)
    {
        if (up)
        {
            await Task.Delay(Outage, TestContext.Current.CancellationToken);
        }
        for (var broker = 1; broker <= 3; broker++)
        {
            using var response = await server.PostAsync($"/brokers/{broker}/{(up ? "up" : "down")}");
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
    }

    // Up to 60 s: the worker's group rejoins after the outage before it catches up.
    private static Task<List<ConsumeResult<string, string>>> ReadDistinctAsync(string bootstrap, int count) => Eventually.ReturnsAsync(
        () => Task.FromResult(KafkaTopic.Read(bootstrap, "out", (int)KafkaTopic.Written(bootstrap, "out"))),
        read => read.Select(m => m.Message.Value).Distinct().Count() >= count, TimeSpan.FromSeconds(60),
        $"{count} distinct values on the output topic", TimeSpan.FromSeconds(1));
}
