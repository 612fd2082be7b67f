using System.Net;
using Confluent.Kafka;
using DevKafka.Tests.Fixtures;

namespace DevKafka.Tests;

/// <summary>
/// <c>/topics/{topic}/committed</c> answers what a read_committed consumer of a real broker reads: a committed
/// transaction's records and plain ones, not an aborted transaction's, nothing of one still open.
/// </summary>
public sealed class CommittedRecordsTests
{
    [Fact]
    public async Task ReadCommitted_CommittedAbortedAndOpenTransactions_OnlyCommittedAndPlainRecords()
    {
        await using var server = await DevKafkaServer.StartAsync("--topic", "mixed:2");
        var config = new ProducerConfig { BootstrapServers = server.Bootstrap, TransactionalId = "committed-records-test" };
        using var producer = new ProducerBuilder<string, string>(config).Build();
        producer.InitTransactions(TimeSpan.FromSeconds(10));
        ProduceInTransaction(producer, "committed", 4).CommitTransaction(TimeSpan.FromSeconds(10));
        ProduceInTransaction(producer, "aborted", 3).AbortTransaction(TimeSpan.FromSeconds(10));
        await KafkaTopic.ProduceAsync(server.Bootstrap, "mixed", "plain", "plain0", requestId: "req-plain");
        ProduceInTransaction(producer, "open", 2);

        var records = await server.ReadCommittedAsync("mixed");

        Assert.Equal(["committed0", "committed1", "committed2", "committed3", "plain0"], records.Select(r => r.Value).Order(StringComparer.Ordinal));
        Assert.Equal("req-plain", records.Single(r => r.Key == "plain").Headers["request_id"]);
        // A plain read of the same cluster gets every record, the aborted and open ones too.
        Assert.Equal(4 + 3 + 1 + 2, KafkaTopic.Read(server.Bootstrap, "mixed", count: 10).Count);
    }

    [Fact]
    public async Task ReadCommitted_QuietOutOfRange_BadRequestNamingTheParameter()
    {
        await using var server = await DevKafkaServer.StartAsync("--topic", "any:1");

        using var response = await server.Http.GetAsync(new Uri("/topics/any/committed?quietMs=5", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("quietMs must be 100 to 30000, not 5.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static IProducer<string, string> ProduceInTransaction(IProducer<string, string> producer, string prefix, int count)
    {
        producer.BeginTransaction();
        for (var i = 0; i < count; i++)
        {
            producer.Produce("mixed", new Message<string, string> { Key = prefix, Value = $"{prefix}{i}" });
        }
        producer.Flush(TimeSpan.FromSeconds(10));
        return producer;
    }
}
