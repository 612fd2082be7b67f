using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace MonitoringStack.AppHost.Tests;

/// <summary>DevKafka as the app model runs it, its broker faults driven through its resource commands.</summary>
[Collection(AppHostGroup.Name)]
public sealed class DevKafkaTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Started_ThreeBrokersAndTheDeclaredTopics()
    {
        var bootstrap = await fixture.App.GetConnectionStringAsync("kafka", TestContext.Current.CancellationToken);
        using var control = fixture.App.CreateHttpClient("kafka", "control");

        var topics = JsonDocument.Parse(await control.GetStringAsync(new Uri("/topics", UriKind.Relative), TestContext.Current.CancellationToken))
            .RootElement.EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("partitions").GetInt32());

        Assert.Equal(3, bootstrap!.Split(',').Length);
        Assert.All(bootstrap.Split(','), b => Assert.StartsWith("127.0.0.1:", b, StringComparison.Ordinal));
        Assert.Equal(new Dictionary<string, int> { ["forms"] = 4, ["outgoing"] = 4, ["forms.dlq"] = 1 }, topics);
    }

    [Fact]
    public async Task ProduceThenConsumeInAGroup_ReadsEveryMessage()
    {
        var bootstrap = await fixture.App.GetConnectionStringAsync("kafka", TestContext.Current.CancellationToken);
        var sent = Enumerable.Range(0, 20).Select(i => $"form-{i}-{Guid.NewGuid():N}").ToHashSet();
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
        {
            foreach (var value in sent)
            {
                await producer.ProduceAsync("forms.dlq", new Message<string, string> { Key = value[..7], Value = value }, TestContext.Current.CancellationToken);
            }
        }
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"apphost-tests-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe("forms.dlq");

        var received = new HashSet<string>();
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
    public async Task BrokerDownCommand_LeaderOfAPartition_ItStallsUntilTheUpCommand()
    {
        var cancel = TestContext.Current.CancellationToken;
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        var bootstrap = await fixture.App.GetConnectionStringAsync("kafka", cancel);
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

        var down = await commands.ExecuteCommandAsync("kafka", $"broker-{leader}-down", cancel);
        try
        {
            Assert.True(down.Success, down.Message);
            var failure = await Assert.ThrowsAsync<ProduceException<Null, string>>(() =>
                producer.ProduceAsync(partition, new Message<Null, string> { Value = "while down" }, cancel));
            Assert.Equal(ErrorCode.Local_MsgTimedOut, failure.Error.Code);
        }
        finally
        {
            // The model is shared by the collection: the broker comes back whatever happened above.
            var up = await commands.ExecuteCommandAsync("kafka", $"broker-{leader}-up", CancellationToken.None);
            Assert.True(up.Success, up.Message);
        }

        var after = await producer.ProduceAsync(partition, new Message<Null, string> { Value = "after" }, cancel);
        Assert.Equal(PersistenceStatus.Persisted, after.Status);
    }
}
