using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace MonitoringStack.SampleConsumer.Tests;

[Collection(ConsumerServersGroup.Name)]
public sealed class FormsWorkerTests(ConsumerServers servers)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task HandleAsync_ValidForm_GoesToOutgoingAndItsEventToTheAccountChannelAndLog()
    {
        var (input, output, dlq, account) = (servers.Unique("forms"), servers.Unique("out"), servers.Unique("dlq"), servers.Unique("acc"));
        using var redis = await servers.Redis.ConnectAsync();
        var events = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("events:" + account));
        var form = $$"""{"C_EmailAddress":"ann@example.com","account_id":"{{account}}","name":"Ann"}""";
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await using var app = await ConsumerApp.StartAsync(servers, input, output, dlq);
        await KafkaTopic.ProduceAsync(servers.Bootstrap, input, "ann@example.com", form, requestId: "req-valid-1");

        var forwarded = Assert.Single(KafkaTopic.Read(servers.Bootstrap, output, 1));
        Assert.Equal("ann@example.com", forwarded.Message.Key);
        Assert.Equal(form, forwarded.Message.Value);
        Assert.True(forwarded.Message.Headers.TryGetLastBytes("request_id", out var requestId));
        Assert.Equal("req-valid-1", Encoding.UTF8.GetString(requestId));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(Wait);
        var message = (byte[])(await events.ReadAsync(cts.Token)).Message!;
        using var json = JsonDocument.Parse(message);
        Assert.Equal("req-valid-1", json.RootElement.GetProperty("request_id").GetString());
        Assert.Equal(account, json.RootElement.GetProperty("account_id").GetString());
        Assert.Equal("Ann", json.RootElement.GetProperty("form").GetProperty("name").GetString());
        var producedAt = DateTimeOffset.FromUnixTimeMilliseconds(json.RootElement.GetProperty("produced_at").GetInt64());
        Assert.InRange(producedAt, before, DateTimeOffset.UtcNow);
        // The same event in the account's log, for a web producer that was reconnecting when it was published.
        var logged = Assert.Single(await redis.GetDatabase().StreamRangeAsync($"events:{account}:log"));
        Assert.Equal(message, (byte[])logged["event"]!);
        Assert.InRange((await redis.GetDatabase().KeyTimeToLiveAsync($"events:{account}:log"))!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        await Eventually.TrueAsync(() => Task.FromResult(app.Metrics.GetText().Contains($"topic=\"{output}\"}} 1\n", StringComparison.Ordinal)),
            Wait, "the output to be counted");
        var text = app.Metrics.GetText();
        Assert.Contains($"messages_consumed{{app=\"sample-consumer\",topic=\"{input}\"}} 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"messages_produced{{app=\"sample-consumer\",topic=\"{output}\"}} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_PoisonAndBadAccountId_GoToDeadLettersWithReasonAndAreCounted()
    {
        var (input, output, dlq, group) = (servers.Unique("forms"), servers.Unique("out"), servers.Unique("dlq"), servers.Unique("group"));
        await using var app = await ConsumerApp.StartAsync(servers, input, output, dlq, new Dictionary<string, string?> { ["Monitoring:Kafka:GroupId"] = group });
        await KafkaTopic.ProduceAsync(servers.Bootstrap, input, null, "this is not json");
        await KafkaTopic.ProduceAsync(servers.Bootstrap, input, "bob@example.com", """{"C_EmailAddress":"bob@example.com","account_id":"bad id!"}""");
        await KafkaTopic.ProduceAsync(servers.Bootstrap, input, "eve@example.com", """{"C_EmailAddress":"eve@example.com","account_id":"ok_1"}""");

        var dead = KafkaTopic.Read(servers.Bootstrap, dlq, 2);
        var reasons = dead.Select(d => d.Message.Headers.TryGetLastBytes("error", out var reason) ? Encoding.UTF8.GetString(reason) : "(none)")
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, reasons.Length);
        Assert.StartsWith("FormRejectedException: the form is not JSON", reasons[1], StringComparison.Ordinal);
        Assert.Equal("FormRejectedException: account_id 'bad id!' does not match ^[A-Za-z0-9_-]{1,64}$", reasons[0]);
        // All three inputs committed means every output they made is committed: `outgoing` then holds exactly the good one.
        await Eventually.TrueAsync(() => Task.FromResult(KafkaTopic.Committed(servers.Bootstrap, input, group) == 3), TimeSpan.FromSeconds(30), "all three inputs committed");
        Assert.Equal("eve@example.com", Assert.Single(await servers.Kafka.ReadCommittedAsync(output)).Key);
        Assert.Contains("messages_errors{app=\"sample-consumer\",exception=\"FormRejectedException\"} 2\n", app.Metrics.GetText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 2)]
    [InlineData("AtLeastOnce", 1)]
    public async Task AddFormsConsumer_ProcessingGuarantee_ExactlyOnceUnlessConfigured(string? configured, long written)
    {
        var (input, output, dlq, group) = (servers.Unique("forms"), servers.Unique("out"), servers.Unique("dlq"), servers.Unique("group"));
        var settings = new Dictionary<string, string?> { ["Monitoring:Kafka:GroupId"] = group, ["Monitoring:Kafka:ProcessingGuarantee"] = configured };
        await using var app = await ConsumerApp.StartAsync(servers, input, output, dlq, settings);
        await KafkaTopic.ProduceAsync(servers.Bootstrap, input, "eve@example.com", """{"C_EmailAddress":"eve@example.com","account_id":"ok_2"}""");

        await Eventually.TrueAsync(() => Task.FromResult(KafkaTopic.Committed(servers.Bootstrap, input, group) == 1), Wait, "the input committed");

        // A transaction's commit marker takes an offset of its own after the form: the end of `outgoing` says which ran.
        Assert.Equal(written, KafkaTopic.Written(servers.Bootstrap, output));
        Assert.Single(await servers.Kafka.ReadCommittedAsync(output));
    }

    [Fact]
    public void AddFormsConsumer_EmptyOutputTopic_ThrowsNamingTheKey()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Forms:OutputTopic"] = " " });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddFormsConsumer());

        Assert.Equal("Forms:OutputTopic must not be empty; got ' '.", error.Message);
    }
}
