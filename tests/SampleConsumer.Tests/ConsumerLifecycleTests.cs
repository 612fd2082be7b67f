using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace MonitoringStack.SampleConsumer.Tests;

[Collection(ConsumerServersGroup.Name)]
public sealed class ConsumerLifecycleTests(ConsumerServers servers)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task HandleAsync_RedisDown_FormForwardedButUncommittedUntilItsEventIsPublishedAndNothingDeadLettered()
    {
        var (input, output, dlq, group) = (servers.Unique("forms"), servers.Unique("out"), servers.Unique("dlq"), servers.Unique("group"));
        var account = servers.Unique("acc");
        var form = $$"""{"C_EmailAddress":"dan@example.com","account_id":"{{account}}"}""";
        var sameGroup = new Dictionary<string, string?> { ["Monitoring:Kafka:GroupId"] = group };
        await using (var app = await ConsumerApp.StartAsync(servers, input, output, dlq, sameGroup))
        {
            await servers.Redis.StopAsync();
            try
            {
                await KafkaTopic.ProduceAsync(servers.Bootstrap, input, "dan@example.com", form);
                // The event waits for the form's delivery, not the other way round: the form is on outgoing while
                // the publish fails and is counted.
                Assert.Equal("dan@example.com", Assert.Single(KafkaTopic.Read(servers.Bootstrap, output, 1)).Message.Key);
                await Eventually.TrueAsync(() => Task.FromResult(app.Metrics.GetText().Contains("messages_errors{app=\"sample-consumer\"", StringComparison.Ordinal)),
                    Wait, "the failed publish to be counted");
                // Stopped while Redis is still down: the retry gives up and the form, its event never sent, stays uncommitted.
                await app.StopAsync();
            }
            finally
            {
                await servers.Redis.StartAsync();
            }
            var text = app.Metrics.GetText();
            Assert.DoesNotContain("FormRejectedException", text, StringComparison.Ordinal);
            Assert.DoesNotContain($"topic=\"{dlq}\"", text, StringComparison.Ordinal);
        }
        Assert.Equal(0, KafkaTopic.Committed(servers.Bootstrap, input, group));

        using var redis = await servers.Redis.ConnectAsync();
        var events = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("events:" + account));
        await using (var restarted = await ConsumerApp.StartAsync(servers, input, output, dlq, sameGroup))
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            cts.CancelAfter(Wait);
            var message = (byte[])(await events.ReadAsync(cts.Token)).Message!;
            using (var json = JsonDocument.Parse(message))
            {
                Assert.Equal(form, json.RootElement.GetProperty("form").GetRawText());
            }
            await restarted.StopAsync();
            Assert.DoesNotContain("messages_errors{", restarted.Metrics.GetText(), StringComparison.Ordinal);
        }

        // Handled again after the restart (forwarded a second time, as at-least-once allows), then committed.
        Assert.Equal(1, KafkaTopic.Committed(servers.Bootstrap, input, group));
        Assert.Equal(2, KafkaTopic.Read(servers.Bootstrap, output, 2).Count);
    }

    [Fact]
    public async Task StopAsync_AfterTraffic_PushesTheFinalCountsToTheMetricsCache()
    {
        var (input, output, dlq, pod) = (servers.Unique("forms"), servers.Unique("out"), servers.Unique("dlq"), servers.Unique("pod"));
        await using var cache = await PushgatewayServer.StartNewAsync("consumer-cache");
        await using var app = await ConsumerApp.StartAsync(servers, input, output, dlq, new Dictionary<string, string?>
        {
            ["Monitoring:Metrics:PushEnabled"] = "true",
            ["Monitoring:Metrics:ReplicaUrls:0"] = cache.Url,
            ["Monitoring:Metrics:PodName"] = pod,
            // Only the push at stop can carry the counts: the timer's first push comes after an hour.
            ["Monitoring:Metrics:PushInterval"] = "3600",
            ["Monitoring:Metrics:DeleteOnShutdown"] = "false",
        });
        foreach (var name in new[] { "x1", "x2", "x3" })
        {
            await KafkaTopic.ProduceAsync(servers.Bootstrap, input, $"{name}@example.com", $$"""{"C_EmailAddress":"{{name}}@example.com","account_id":"{{name}}"}""");
        }
        Assert.Equal(3, KafkaTopic.Read(servers.Bootstrap, output, 3).Count);
        var before = await cache.GetSamplesAsync("messages_produced", pod);

        await app.StopAsync();

        var after = await cache.GetSamplesAsync("messages_produced", pod);
        var line = Assert.Single(after, l => l.Contains($"topic=\"{output}\"", StringComparison.Ordinal));
        Assert.Equal(3, double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        Assert.DoesNotContain(before, l => l.Contains($"topic=\"{output}\"", StringComparison.Ordinal) && l.EndsWith(" 3", StringComparison.Ordinal));
    }
}
