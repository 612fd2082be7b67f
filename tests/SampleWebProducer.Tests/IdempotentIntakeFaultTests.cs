using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace MonitoringStack.SampleWebProducer.Tests;

/// <summary>
/// Idempotent intake while a server fails: a DevKafka of one broker taken down and up through its control endpoint, or
/// a redis-server of the test's own stopped; the collection's servers stay whole for the other tests.
/// </summary>
[Collection(ProducerServersGroup.Name)]
public sealed class IdempotentIntakeFaultTests(ProducerServers servers)
{
    private const string Topic = "idem";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PostForms_RepeatsWhileKafkaIsDown_409WhileInFlightThenTheFirstAnswerAndOneForm()
    {
        await using var kafka = await DevKafkaServer.StartAsync("--brokers", "1", "--topic", Topic + ":1");
        await using var app = await StartOnAsync(kafka, produceTimeout: "00:00:00.500");
        var (key, prefix) = NewKey();

        await BrokerAsync(kafka, "down");
        var first = await KeyedForms.PostAsync(app.Client, KeyedForms.Form("jon"), key, prefix + "first");
        var repeat = await KeyedForms.PostAsync(app.Client, KeyedForms.Form("jon"), key, prefix + "repeat");
        await BrokerAsync(kafka, "up");
        // A client retrying until it gets an answer: librdkafka delivers the first form once the broker is back.
        var settled = await Eventually.ReturnsAsync(() => KeyedForms.PostAsync(app.Client, KeyedForms.Form("jon"), key, prefix + "retry"),
            a => a.Status != HttpStatusCode.Conflict, Wait, "an answer other than 409 once the broker is back", TimeSpan.FromMilliseconds(250));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Equal((HttpStatusCode.Conflict, TimeSpan.FromSeconds(1)), (repeat.Status, repeat.RetryAfter));
        using (var problem = JsonDocument.Parse(repeat.Body))
        {
            Assert.Equal("IdempotencyKeyInFlight", problem.RootElement.GetProperty("title").GetString());
        }
        Assert.Equal((HttpStatusCode.Accepted, true, prefix + "first"), (settled.Status, settled.Replayed, settled.RequestId));
        Assert.Equal([prefix + "first"], KeyedForms.RequestIds(kafka.Bootstrap, Topic, prefix));
    }

    [Fact]
    public async Task PostForms_KafkaGaveUpOnTheForm_RetryWithTheSameKeyProducesItOnce()
    {
        await using var kafka = await DevKafkaServer.StartAsync("--brokers", "1", "--topic", Topic + ":1");
        // librdkafka gives up after 1 s, within the 5 s the request waits: Kafka's refusal, not a timeout.
        await using var app = await StartOnAsync(kafka, produceTimeout: "00:00:05", messageTimeoutMs: "1000");
        var (key, prefix) = NewKey();

        await BrokerAsync(kafka, "down");
        var first = await KeyedForms.PostAsync(app.Client, KeyedForms.Form("kim"), key, prefix + "first");
        await BrokerAsync(kafka, "up");
        var retry = await Eventually.ReturnsAsync(() => KeyedForms.PostAsync(app.Client, KeyedForms.Form("kim"), key, prefix + "retry"),
            a => a.Status == HttpStatusCode.Accepted, Wait, "the retry accepted once the broker is back", TimeSpan.FromMilliseconds(250));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        using (var problem = JsonDocument.Parse(first.Body))
        {
            Assert.StartsWith("Kafka refused the form", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal((false, prefix + "retry"), (retry.Replayed, retry.RequestId));
        Assert.Equal([prefix + "retry"], KeyedForms.RequestIds(kafka.Bootstrap, Topic, prefix));
    }

    [Fact]
    public async Task PostForms_RedisStopped_KeyedFormsStillAcceptedUncheckedCountedAndLogged()
    {
        // Its own redis-server, stopped by the handle it was started with: the collection's stays up.
        await using var redis = new RedisServer(name: "redis-idempotency");
        await redis.StartAsync();
        var settings = servers.AppSettings();
        settings["ConnectionStrings:redis"] = redis.ConnectionString;
        await using var app = await ProducerApp.StartAsync(settings, configure: builder => builder.Logging.AddFakeLogging());
        await KeyedForms.RedisConnectedAsync(app);
        var (key, prefix) = NewKey();
        var checkedFirst = await KeyedForms.PostAsync(app.Client, KeyedForms.Form("lea"), key, prefix + "checked");
        var checkedRepeat = await KeyedForms.PostAsync(app.Client, KeyedForms.Form("lea"), key, prefix + "checked-repeat");

        await redis.StopAsync();
        var during = await KeyedForms.PostAsync(app.Client, KeyedForms.Form("lea"), key + "-outage", prefix + "during");
        var again = await KeyedForms.PostAsync(app.Client, KeyedForms.Form("lea"), key + "-outage", prefix + "again");

        Assert.Equal((HttpStatusCode.Accepted, true), (checkedRepeat.Status, checkedRepeat.Replayed));
        Assert.Equal(HttpStatusCode.Accepted, checkedFirst.Status);
        // Without Redis nothing remembers the key: both are produced (at-least-once), and each is counted and logged.
        Assert.Equal((HttpStatusCode.Accepted, false, HttpStatusCode.Accepted, false), (during.Status, during.Replayed, again.Status, again.Replayed));
        Assert.Equal(2, KeyedForms.Counter(app.Metrics, "forms_idempotency_unchecked"));
        var warnings = app.Services.GetFakeLogCollector().GetSnapshot()
            .Where(r => r.Level == LogLevel.Warning && r.Message.Contains($"Idempotency-Key {key}-outage produced without the duplicate check", StringComparison.Ordinal));
        Assert.Equal(2, warnings.Count());
        Assert.Equal([prefix + "again", prefix + "checked", prefix + "during"],
            KeyedForms.RequestIds(servers.Bootstrap, ProducerServers.Topic, prefix).Order(StringComparer.Ordinal));
    }

    private async Task<ProducerApp> StartOnAsync(DevKafkaServer kafka, string produceTimeout, string? messageTimeoutMs = null)
    {
        var settings = servers.AppSettings();
        settings["ConnectionStrings:kafka"] = kafka.Bootstrap;
        settings["Forms:Topic"] = Topic;
        settings["Forms:ProduceTimeout"] = produceTimeout;
        if (messageTimeoutMs is not null)
        {
            settings["Monitoring:Kafka:Properties:message.timeout.ms"] = messageTimeoutMs;
        }
        var app = await ProducerApp.StartAsync(settings);
        await KeyedForms.RedisConnectedAsync(app);
        // A form without a key first, so that the producer knows the topic's leader before a test takes it down.
        await Eventually.ReturnsAsync(() => KeyedForms.PostAsync(app.Client, KeyedForms.Form("warm"), null, "warm-up-" + Guid.NewGuid().ToString("N")),
            a => a.Status == HttpStatusCode.Accepted, Wait, "a first form through the new producer");
        return app;
    }

    private static async Task BrokerAsync(DevKafkaServer kafka, string state)
    {
        using var response = await kafka.PostAsync($"/brokers/1/{state}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static (string Key, string RequestIdPrefix) NewKey()
    {
        var id = Guid.NewGuid().ToString("N");
        return ("key-" + id, "idem-fault-" + id + "-");
    }
}
