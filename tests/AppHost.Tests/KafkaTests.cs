using System.Text.Json;
using Confluent.Kafka;
using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Testing;
using Monitoring.Lib.Kafka;

namespace Monitoring.AppHost.Tests;

/// <summary>
/// Kafka as the app model runs it: DevKafka from the solution's build output. These tests need DevKafka/ built; without
/// it they fail with the reason ("DevKafka.dll does not exist: build the solution first").
/// </summary>
[Collection(AppModelGroup.Name)]
public sealed class KafkaTests(AppModelFixture fixture)
{
    private readonly Hosting.DistributedApplication _app = fixture.App;

    [Fact]
    public async Task DevKafka_Started_ThreeBrokersAndTheDeclaredTopics()
    {
        await _app.WaitForResourceHealthyAsync("kafka", TimeSpan.FromSeconds(60));
        var bootstrap = await _app.GetConnectionStringAsync("kafka", TestContext.Current.CancellationToken);
        using var control = new HttpClient { BaseAddress = new Uri(_app.Model.Get("kafka").GetEndpoint("control").Url) };

        var topics = JsonDocument.Parse(await control.GetStringAsync(new Uri("/topics", UriKind.Relative), TestContext.Current.CancellationToken))
            .RootElement.EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("partitions").GetInt32());

        Assert.Equal(3, bootstrap.Split(',').Length);
        Assert.All(bootstrap.Split(','), b => Assert.StartsWith("127.0.0.1:", b, StringComparison.Ordinal));
        Assert.Equal(4, topics["forms"]);
        Assert.Equal(4, topics["outgoing"]);
        Assert.Equal(1, topics["forms.dlq"]);
    }

    [Fact]
    public async Task DevKafka_ProduceThenConsumeInAGroup_ReadsEveryMessage()
    {
        await _app.WaitForResourceHealthyAsync("kafka", TimeSpan.FromSeconds(60));
        var bootstrap = await _app.GetConnectionStringAsync("kafka", TestContext.Current.CancellationToken);
        KafkaNativeLibrary.EnsureLoaded();
        var sent = Enumerable.Range(0, 20).Select(i => $"form-{i}-{Guid.NewGuid():N}").ToHashSet();

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
        {
            foreach (var value in sent)
            {
                await producer.ProduceAsync("forms", new Message<string, string> { Key = value[..7], Value = value }, TestContext.Current.CancellationToken);
            }
        }
        var received = new HashSet<string>();
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"apphost-tests-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe("forms");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !sent.IsSubsetOf(received))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                received.Add(result.Message.Value);
            }
        }
        consumer.Close();

        Assert.Subset(received, sent);
    }

    [Fact]
    public async Task DevKafka_BrokerTakenDownThroughItsControl_ItsPartitionStallsUntilItIsUp()
    {
        await _app.WaitForResourceHealthyAsync("kafka", TimeSpan.FromSeconds(60));
        KafkaNativeLibrary.EnsureLoaded();
        var cancel = TestContext.Current.CancellationToken;
        var bootstrap = await _app.GetConnectionStringAsync("kafka", cancel);
        using var control = new HttpClient { BaseAddress = new Uri(_app.Model.Get("kafka").GetEndpoint("control").Url) };
        int leader;
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build())
        {
            leader = admin.GetMetadata("outgoing", TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Single(p => p.PartitionId == 0).Leader;
        }
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            MessageTimeoutMs = 3000,
            // Find the broker again within a second once it is up, not after librdkafka's longer default backoff.
            ReconnectBackoffMs = 100,
            ReconnectBackoffMaxMs = 500,
        }).Build();
        var partition = new TopicPartition("outgoing", 0);
        Assert.Equal(PersistenceStatus.Persisted, (await producer.ProduceAsync(partition, new Message<Null, string> { Value = "before" }, cancel)).Status);

        using (var down = await control.PostAsync(new Uri($"/brokers/{leader}/down", UriKind.Relative), null, cancel))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, down.StatusCode);
        }
        try
        {
            var failure = await Assert.ThrowsAsync<ProduceException<Null, string>>(() =>
                producer.ProduceAsync(partition, new Message<Null, string> { Value = "while down" }, cancel));
            Assert.Equal(ErrorCode.Local_MsgTimedOut, failure.Error.Code);
        }
        finally
        {
            // The fixture is shared: the broker comes back whatever happened above.
            using var up = await control.PostAsync(new Uri($"/brokers/{leader}/up", UriKind.Relative), null, CancellationToken.None);
            Assert.Equal(System.Net.HttpStatusCode.NoContent, up.StatusCode);
        }

        var after = await producer.ProduceAsync(partition, new Message<Null, string> { Value = "after" }, cancel);
        Assert.Equal(PersistenceStatus.Persisted, after.Status);
    }
}
