using Microsoft.Extensions.Hosting;

namespace Monitoring.Lib.Tests.Metrics;

[Collection(MetricsCacheGroup.Name)]
public sealed class PushToPrometheusTests(MetricsCacheFixture cache)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Push_TwoReplicas_ExactValuesAndLabelsArriveInPrometheus()
    {
        var pod = MetricsHost.NewPodName();
        using var host = MetricsHost.Build("forms-app", pod, [cache.ReplicaA.Url, cache.ReplicaB.Url]);
        var metrics = host.Metrics();
        metrics.CountConsumed("forms", 5);
        metrics.CountProduced("outgoing", 3);
        metrics.CountError(new TimeoutException());
        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var consumed = await Eventually.ReturnsAsync(
                () => cache.Prometheus.QueryAsync($"messages_consumed{{job=\"{pod}\"}}"), r => r.Count == 1, Timeout,
                "messages_consumed in Prometheus");
            var errors = await Eventually.ReturnsAsync(
                () => cache.Prometheus.QueryAsync($"messages_errors{{job=\"{pod}\"}}"), r => r.Count == 1, Timeout, "messages_errors");
            var produced = await cache.Prometheus.QueryAsync($"messages_produced{{job=\"{pod}\"}}");

            foreach (var (labels, value) in consumed)
            {
                Assert.Equal(("5", "forms-app", pod, "forms"), (value, labels["app"], labels["job"], labels["topic"]));
            }
            Assert.All(errors, r => Assert.Equal(("1", "TimeoutException"), (r.Value, r.Labels["exception"])));
            Assert.All(produced, r => Assert.Equal(("3", "outgoing"), (r.Value, r.Labels["topic"])));
            Assert.Single(produced);
            // The Pushgateway exposes instance="", which honor_labels keeps as "no instance label", so both
            // replicas yield the same series: Prometheus sees one value whichever replica it scrapes. Check each
            // replica directly to prove both received the push.
            Assert.False(consumed[0].Labels.ContainsKey("instance"));
            foreach (var replica in new[] { cache.ReplicaA, cache.ReplicaB })
            {
                Assert.Equal(
                    [$"messages_consumed{{app=\"forms-app\",instance=\"\",job=\"{pod}\",topic=\"forms\"}} 5"],
                    await replica.GetSamplesAsync("messages_consumed", pod));
            }

            // A later increment replaces the state on the next push (PUT semantics), it does not add to it.
            metrics.CountConsumed("forms", 2);
            await Eventually.ReturnsAsync(
                () => cache.Prometheus.QueryAsync($"messages_consumed{{job=\"{pod}\"}}"),
                r => r.Count == 1 && r[0].Value == "7", Timeout, "messages_consumed 7 in Prometheus");
        }
        finally
        {
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task StopAsync_GracefulShutdown_GroupDeletedFromEveryReplica()
    {
        var pod = MetricsHost.NewPodName();
        // The DELETE at stop gets one try per replica within the push timeout: 5 s, not 0.8, so a slow answer is no failure.
        using var host = MetricsHost.Build("forms-app", pod, [cache.ReplicaA.Url, cache.ReplicaB.Url], pushTimeoutSeconds: 5, pushRateSeconds: 5);
        host.Metrics().CountConsumed("forms", 4);
        await host.StartAsync(TestContext.Current.CancellationToken);
        foreach (var replica in new[] { cache.ReplicaA, cache.ReplicaB })
        {
            var samples = await Eventually.ReturnsAsync(() => replica.GetSamplesAsync("messages_consumed", pod), s => s.Count == 1, Timeout, $"the push on {replica}");
            Assert.EndsWith(" 4", samples[0], StringComparison.Ordinal);
        }

        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await cache.ReplicaA.GetSamplesAsync("messages_consumed", pod));
        Assert.Empty(await cache.ReplicaB.GetSamplesAsync("push_time_seconds", pod));
        Assert.Empty(await cache.ReplicaB.GetSamplesAsync("messages_consumed", pod));
    }
}
