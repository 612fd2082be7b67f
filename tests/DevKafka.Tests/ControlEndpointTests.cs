using Confluent.Kafka;
using System.Net;
using System.Text.Json;
using DevKafka.Tests.Fixtures;

namespace DevKafka.Tests;

[Collection(SharedClusterDefinition.Name)]
public sealed class ControlEndpointTests(SharedCluster cluster)
{
    [Fact]
    public async Task Health_Started_AnswersHealthy()
    {
        using var response = await cluster.Server.Http.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DescribeCluster_Started_ThreeNodesAndBrokerOneAsController()
    {
        using var admin = KafkaClients.Admin(cluster.Bootstrap);

        var description = await admin.DescribeClusterAsync(new Confluent.Kafka.Admin.DescribeClusterOptions { RequestTimeout = TimeSpan.FromSeconds(10) });

        Assert.Equal(1, description.Controller?.Id);
        Assert.Equal([1, 2, 3], description.Nodes.Select(n => n.Id).Order());
    }

    [Fact]
    public async Task Bootstrap_Started_ListsThreeLoopbackListenersAsPrintedOnStdout()
    {
        var brokers = cluster.Bootstrap.Split(',');

        Assert.Equal(3, brokers.Length);
        Assert.All(brokers, b => Assert.Matches(@"^127\.0\.0\.1:\d{2,5}$", b));
        Assert.Equal(3, brokers.Distinct().Count());
        await Eventually.TrueAsync(
            () => Task.FromResult(cluster.Server.Process.RecentOutput.Contains($"DevKafka bootstrap: {cluster.Bootstrap}", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(5), "the bootstrap line on stdout");
        Assert.Contains("development and tests only", cluster.Server.Process.RecentOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Topics_Declared_ExistWithDeclaredPartitionCounts()
    {
        using var admin = KafkaClients.Admin(cluster.Bootstrap);

        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));

        Assert.Equal([1, 2, 3], metadata.Brokers.Select(b => b.BrokerId).Order());
        Assert.Equal(4, metadata.Topics.Single(t => t.Topic == "forms").Partitions.Count);
        Assert.Single(metadata.Topics.Single(t => t.Topic == "forms.dlq").Partitions);
        Assert.Equal(
            """[{"name":"forms","partitions":4},{"name":"forms.dlq","partitions":1},{"name":"commits","partitions":1}]""",
            await cluster.Server.Http.GetStringAsync(new Uri("/topics", UriKind.Relative), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Topics_Declared_LeadersRoundRobinOverBrokersInDeclarationOrder()
    {
        using var admin = KafkaClients.Admin(cluster.Bootstrap);

        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        int Leader(string topic, int partition) => metadata.Topics.Single(t => t.Topic == topic).Partitions.Single(p => p.PartitionId == partition).Leader;

        // forms[0..3], forms.dlq[0], commits[0] as declared: brokers 1, 2, 3, 1, 2, 3.
        Assert.Equal([1, 2, 3, 1], Enumerable.Range(0, 4).Select(p => Leader("forms", p)));
        Assert.Equal(2, Leader("forms.dlq", 0));
        Assert.Equal(3, Leader("commits", 0));
    }

    [Fact]
    public async Task Brokers_AllUp_ReportsEachIdUp()
    {
        var json = await cluster.Server.Http.GetStringAsync(new Uri("/brokers", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("""[{"id":1,"up":true},{"id":2,"up":true},{"id":3,"up":true}]""", json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(3, document.RootElement.GetArrayLength());
    }

    [Theory]
    [InlineData("/brokers/9/down")]
    [InlineData("/brokers/0/up")]
    [InlineData("/brokers/one/down")]
    public async Task SetBroker_UnknownId_Returns404NamingIt(string path)
    {
        using var response = await cluster.Server.PostAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var id = path.Split('/')[2];
        Assert.Equal($"No broker '{id}': the brokers are 1 to 3.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Kcat_ListMetadata_ShowsThreeBrokersAndDeclaredTopics()
    {
        using var directory = new TestDirectory("kcat");
        await using var kcat = await ChildProcess.StartAsync("kcat", "/usr/bin/kcat", ["-L", "-b", cluster.Bootstrap, "-m", "10"], directory.Path);

        Assert.True(await kcat.WaitForExitAsync(TimeSpan.FromSeconds(20)), $"kcat did not finish:\n{kcat.RecentOutput}");
        Assert.Equal(0, kcat.ExitCode);
        var output = kcat.RecentOutput;
        Assert.Contains(" 3 brokers:", output, StringComparison.Ordinal);
        foreach (var (listener, id) in cluster.Bootstrap.Split(',').Select((l, i) => (l, i + 1)))
        {
            Assert.Contains($"broker {id} at {listener}", output, StringComparison.Ordinal);
        }
        Assert.Contains("topic \"forms\" with 4 partitions:", output, StringComparison.Ordinal);
        Assert.Contains("topic \"forms.dlq\" with 1 partitions:", output, StringComparison.Ordinal);
    }
}
