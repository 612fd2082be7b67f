using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;

namespace Monitoring.Lib.Tests.Metrics;

/// <summary>Kills and restarts replicas, so it owns its servers instead of sharing the collection's.</summary>
public sealed class ReplicaFailoverTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Push_OneReplicaKilledAnotherHanging_LiveReplicaKeepsItsRateAndRestartedOneGetsFullState()
    {
        await using var replicaA = await PushgatewayServer.StartNewAsync("pushgateway-a");
        await using var replicaB = await PushgatewayServer.StartNewAsync("pushgateway-b");
        // A replica that accepts connections and never answers: each push to it waits out the push timeout.
        using var hanging = new TcpListener(IPAddress.Loopback, 0);
        hanging.Start();
        var hangingUrl = $"http://127.0.0.1:{((IPEndPoint)hanging.LocalEndpoint).Port}";
        var pod = MetricsHost.NewPodName();
        using var host = MetricsHost.Build("failover-app", pod, [replicaA.Url, replicaB.Url, hangingUrl], pushTimeoutSeconds: 0.8);
        host.Metrics().CountConsumed("forms", 7);
        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            try
            {
                await Eventually.TrueAsync(async () => (await replicaA.GetSamplesAsync("messages_consumed", pod)).Count == 1, Timeout, "the first push on A");
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"{ex.Message}; pushes: {host.DescribePushes()}", ex);
            }

            await replicaA.KillAsync();

            // Over a window of about 6 intervals, B's push time must advance at the push rate. On a loaded 2-core machine a
            // tick can slip, so ask for at least 4 distinct advancing push times rather than exactly 6.
            var pushTimes = new List<double>();
            var window = DateTime.UtcNow + TimeSpan.FromSeconds(6);
            while (DateTime.UtcNow < window)
            {
                var line = (await replicaB.GetSamplesAsync("push_time_seconds", pod)).Single();
                var value = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
                if (pushTimes.Count == 0 || value != pushTimes[^1])
                {
                    pushTimes.Add(value);
                }
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
            Assert.True(pushTimes.Count >= 4, $"B's push times advanced only {pushTimes.Count} times in 6 s: {string.Join(", ", pushTimes)}");
            Assert.True(pushTimes.Zip(pushTimes.Skip(1)).All(p => p.Second - p.First < 3), $"a gap over 3 s between pushes to B: {string.Join(", ", pushTimes)}");
            var status = host.Pusher().GetStatus().ToDictionary(s => s.Url);
            Assert.True(status[replicaA.Url].PushesFailed >= 3, $"A failures: {status[replicaA.Url].PushesFailed}");
            Assert.True(status[hangingUrl].PushesFailed >= 3, $"hanging failures: {status[hangingUrl].PushesFailed}");
            Assert.Contains("no answer within 0.8 s", status[hangingUrl].LastError, StringComparison.Ordinal);
            // One push slower than 0.8 s marks B failing until its next success: a loaded machine can catch it in between.
            await Eventually.TrueAsync(() => Task.FromResult(host.Pusher().GetStatus().Single(s => s.Url == replicaB.Url).IsHealthy),
                Timeout, "B healthy");

            // A new, empty process on the same port holds the full state again after the next push.
            await replicaA.StartAsync();
            var samples = await Eventually.ReturnsAsync(() => replicaA.GetSamplesAsync("messages_consumed", pod), s => s.Count == 1, Timeout, "the state on restarted A");
            Assert.Equal($"messages_consumed{{app=\"failover-app\",instance=\"\",job=\"{pod}\",topic=\"forms\"}} 7", samples[0]);
            await Eventually.TrueAsync(() => Task.FromResult(host.Pusher().GetStatus().Single(s => s.Url == replicaA.Url).IsHealthy), Timeout, "A healthy again");
        }
        finally
        {
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
    }
}
