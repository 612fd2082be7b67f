using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Monitoring.Lib.Metrics;
using Monitoring.Lib.Metrics.Internal;

namespace Monitoring.Lib.Tests.Metrics;

/// <summary>
/// The pusher in Kubernetes: <c>Monitoring:Metrics:ServiceName</c> names the metrics cache's headless service, which
/// resolves to every pod (deploy/kubernetes). The pods here are real Pushgateways on one port at 127.0.0.2, .3 and .4,
/// as pod addresses behind one service are; the resolver is given that answer in place of the cluster's DNS.
/// </summary>
public sealed class HeadlessServicePushTests
{
    private const string HeadlessService = "metrics-cache-headless";
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PushAsync_HeadlessNameResolvesToEveryPodOneDies_EveryLivePodGetsEachPushAndTheDeadOnesDelayNothing()
    {
        var port = FreePort.Next();
        await using var pod0 = new PushgatewayServer("metrics-cache-0", "127.0.0.2", port);
        await using var pod1 = new PushgatewayServer("metrics-cache-1", "127.0.0.3", port);
        await using var pod2 = new PushgatewayServer("metrics-cache-2", "127.0.0.4", port);
        await Task.WhenAll(pod0.StartAsync(), pod1.StartAsync(), pod2.StartAsync());
        // A pod that went away while DNS still names it: its address accepts and never answers.
        using var gone = new TcpListener(IPAddress.Parse("127.0.0.5"), port);
        gone.Start();
        IPAddress[] pods = [IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3"), IPAddress.Parse("127.0.0.4"), IPAddress.Parse("127.0.0.5")];
        const string pod = "shop-7d9f6-x2kq1";
        using var manager = TestMetrics.CreateManager("shop");
        var options = new MetricsOptions { AppName = "shop", PodName = pod, ServiceName = HeadlessService, PodPort = port, PushTimeout = PushTimeout };
        using var pusher = new MetricsPusher(manager, Options.Create(options), new CapturingLogger<MetricsPusher>(), TimeProvider.System,
            (name, _) => name == HeadlessService ? Task.FromResult(pods) : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)));
        var ct = TestContext.Current.CancellationToken;

        manager.CountConsumed("forms", 3);
        var firstPush = pusher.PushAsync(ct);
        // Every live pod has the push while the one to the silent address still waits out its timeout: pushes go to
        // every pod at once, so a pod that does not answer holds back no other.
        foreach (var live in new[] { pod0, pod1, pod2 })
        {
            await Eventually.TrueAsync(async () => await ConsumedAsync(live, pod) == "3", PushTimeout * 0.8, $"the first push on {live}");
        }
        Assert.False(firstPush.IsCompleted, "the push ended before the silent pod's timeout: it did not wait for it, or the pods got it one after another");
        Assert.Equal(3, await firstPush);

        await pod2.KillAsync();
        manager.CountConsumed("forms", 4);
        var secondPush = pusher.PushAsync(ct);
        foreach (var live in new[] { pod0, pod1 })
        {
            await Eventually.TrueAsync(async () => await ConsumedAsync(live, pod) == "7", PushTimeout * 0.8, $"the second push on {live}");
        }
        Assert.Equal(2, await secondPush);

        var status = pusher.GetStatus().ToDictionary(s => s.Url);
        Assert.Equal(["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"], status.Keys.Select(url => new Uri(url).Host).Order(StringComparer.Ordinal));
        Assert.Equal((2L, 0L), (status[pod0.Url].PushesSucceeded, status[pod0.Url].PushesFailed));
        Assert.Equal((1L, 1L), (status[pod2.Url].PushesSucceeded, status[pod2.Url].PushesFailed));
        Assert.Equal((0L, 2L), (status[$"http://127.0.0.5:{port}"].PushesSucceeded, status[$"http://127.0.0.5:{port}"].PushesFailed));
    }

    /// <summary>The value of <c>messages_consumed{topic="forms"}</c> in the pod's group, or null before the first push.</summary>
    private static async Task<string?> ConsumedAsync(PushgatewayServer server, string pod)
    {
        var line = (await server.GetSamplesAsync("messages_consumed", pod)).SingleOrDefault();
        return line?[(line.LastIndexOf(' ') + 1)..];
    }
}
