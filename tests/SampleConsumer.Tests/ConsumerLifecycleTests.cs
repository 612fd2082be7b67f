using System.Globalization;
using Monitoring.Lib.Tests.Fixtures;

namespace Monitoring.Samples.Consumer.Tests;

[Collection(ConsumerServersGroup.Name)]
public sealed class ConsumerLifecycleTests(ConsumerServers servers)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task HandleAsync_RedisDown_RetriedUntilRedisIsBackAndNothingDeadLettered()
    {
        var (input, output, dlq) = (servers.Unique("forms"), servers.Unique("out"), servers.Unique("dlq"));
        await using var app = await ConsumerApp.StartAsync(servers, input, output, dlq);
        await servers.Redis.StopAsync();
        try
        {
            await KafkaTopic.ProduceAsync(servers.Bootstrap, input, "dan@example.com", """{"C_EmailAddress":"dan@example.com","account_id":"dan"}""");
            // The publish fails and is counted while Redis is down; the form is neither forwarded nor dead-lettered yet.
            await Eventually.TrueAsync(() => Task.FromResult(app.Metrics.GetText().Contains("messages_errors{app=\"sample-consumer\"", StringComparison.Ordinal)),
                Wait, "the failed publish to be counted");
        }
        finally
        {
            await servers.Redis.StartAsync();
        }

        var forwarded = Assert.Single(KafkaTopic.Read(servers.Bootstrap, output, 1));
        Assert.Equal("dan@example.com", forwarded.Message.Key);
        var text = app.Metrics.GetText();
        Assert.DoesNotContain("FormRejectedException", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"topic=\"{dlq}\"", text, StringComparison.Ordinal);
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
