using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monitoring.Lib.Metrics;
using Monitoring.Lib.Metrics.Internal;

namespace Monitoring.Lib.Tests.Metrics;

public sealed class ReplicaPushLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RecordFailure_RepeatedWithinAMinute_LogsOnTransitionThenOncePerMinute()
    {
        var health = new ReplicaHealth("http://r1");

        Assert.Equal(1, health.RecordFailure("refused", Start));
        Assert.Equal(0, health.RecordFailure("refused", Start.AddSeconds(10)));
        Assert.Equal(0, health.RecordFailure("refused", Start.AddSeconds(59)));
        Assert.Equal(3, health.RecordFailure("refused", Start.AddSeconds(61)));
        Assert.Equal(0, health.RecordFailure("refused", Start.AddSeconds(62)));
        Assert.Equal(1, health.RecordSuccess(Start.AddSeconds(63)));
        Assert.Equal(0, health.RecordSuccess(Start.AddSeconds(64)));
        Assert.Equal(1, health.RecordFailure("timeout", Start.AddSeconds(65)));

        var status = health.Snapshot();
        Assert.Equal((2L, 6L, false, "timeout"), (status.PushesSucceeded, status.PushesFailed, status.IsHealthy, status.LastError));
    }

    [Fact]
    public async Task PushAsync_DeadReplicaWithFakeClock_LogsFailureOncePerMinuteAndCountsEveryPush()
    {
        var port = ClosedPort();
        var time = new FakeTimeProvider(Start);
        var logger = new CapturingLogger<MetricsPusher>();
        using var manager = TestMetrics.CreateManager();
        var options = new MetricsOptions { AppName = "shop", PodName = "pod-1", PushTimeout = TimeSpan.FromSeconds(2) };
        options.ReplicaUrls.Add($"http://127.0.0.1:{port}");
        using var pusher = new MetricsPusher(manager, Options.Create(options), logger, time);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(0, await pusher.PushAsync(TestContext.Current.CancellationToken));
            time.Advance(TimeSpan.FromSeconds(10));
        }
        time.Advance(TimeSpan.FromSeconds(20));
        await pusher.PushAsync(TestContext.Current.CancellationToken);

        var warnings = logger.Lines.Where(l => l.Level == LogLevel.Warning).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("(1 failure(s) since last report)", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("(5 failure(s) since last report)", warnings[1].Message, StringComparison.Ordinal);
        var status = Assert.Single(pusher.GetStatus());
        Assert.Equal((0L, 6L, false), (status.PushesSucceeded, status.PushesFailed, status.IsHealthy));
    }

    [Fact]
    public async Task ResolveReplicasAsync_ListAndDns_ReturnsEveryReplicaOnce()
    {
        var options = new MetricsOptions { AppName = "shop", PodName = "pod-1", ServiceName = "cache-headless", PodPort = 9092 };
        options.ReplicaUrls.Add("http://cache-0:9091/");
        options.ReplicaUrls.Add("http://cache-0:9091");
        options.ReplicaUrls.Add("http://10.0.0.1:9092");
        using var manager = TestMetrics.CreateManager();
        using var pusher = new MetricsPusher(manager, Options.Create(options), new CapturingLogger<MetricsPusher>(), TimeProvider.System,
            (name, _) => Task.FromResult(name == "cache-headless" ? new[] { IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), IPAddress.IPv6Loopback } : []));

        var replicas = await pusher.ResolveReplicasAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["http://cache-0:9091", "http://10.0.0.1:9092", "http://10.0.0.2:9092", "http://[::1]:9092"], replicas);
    }

    private static int ClosedPort()
    {
        // A port that was just free and has no listener: connections are refused at once.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
