using System.Net;
using Confluent.Kafka;
using DevKafka.Tests.Fixtures;

namespace DevKafka.Tests;

/// <summary>Pins a group's coordinator through the control endpoint: on its own DevKafka, since brokers go down.</summary>
public sealed class CoordinatorTests
{
    private static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task SetGroupCoordinator_PinnedBrokerUpOthersDown_GroupCommitsThroughIt()
    {
        await using var server = await DevKafkaServer.StartAsync("--topic", "pinned:1");
        const string group = "pinned-group";

        // Two rounds, each with only the pinned broker up. Unpinned, the coordinator is the one broker the group id
        // hashes to, so at most one round could commit.
        await PinAndIsolateAsync(server, group, coordinator: 1);
        Assert.Equal(5, await CommitAndReadBackAsync(server.Bootstrap, group, 5));

        await PinAndIsolateAsync(server, group, coordinator: 2);
        Assert.Equal(6, await CommitAndReadBackAsync(server.Bootstrap, group, 6));
    }

    [Fact]
    public async Task SetGroupCoordinator_UnknownBroker_NotFoundWithTheValidIds()
    {
        await using var server = await DevKafkaServer.StartAsync();

        using var response = await server.PostAsync("/groups/any/coordinator/4");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No broker '4': the brokers are 1 to 3.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Pins the coordinator, then leaves only it up.</summary>
    private static async Task PinAndIsolateAsync(DevKafkaServer server, string group, int coordinator)
    {
        using (var pinned = await server.PostAsync($"/groups/{group}/coordinator/{coordinator}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, pinned.StatusCode);
        }
        for (var broker = 1; broker <= 3; broker++)
        {
            using var response = await server.PostAsync($"/brokers/{broker}/{(broker == coordinator ? "up" : "down")}");
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
    }

    /// <summary>A new client (so it asks for the coordinator afresh) commits <paramref name="offset"/>; another reads it back.</summary>
    private static async Task<long> CommitAndReadBackAsync(string bootstrap, string group, long offset)
    {
        var partition = new TopicPartition("pinned", 0);
        using (var committer = KafkaClients.Consumer(bootstrap, group, autoCommit: false))
        {
            // Bounded: a commit whose coordinator is down waits for it rather than fail at once.
            await Task.Run(() => committer.Commit([new TopicPartitionOffset(partition, offset)]), TestContext.Current.CancellationToken)
                .WaitAsync(CommitWait, TestContext.Current.CancellationToken);
        }
        using var reader = KafkaClients.Consumer(bootstrap, group, autoCommit: false);
        return reader.Committed([partition], CommitWait).Single().Offset.Value;
    }
}
