using Microsoft.Extensions.DependencyInjection;

namespace MonitoringStack.AppHost.Tests;

/// <summary>One metrics cache replica stopped from its resource commands: nothing pushed is lost to Prometheus.</summary>
[Collection(AppHostGroup.Name)]
public sealed class MetricsCacheFailoverTests(AppHostFixture fixture)
{
    [Fact]
    public async Task ReplicaStopped_PushesToTheOther_PrometheusKeepsFreshValuesThroughTheFront()
    {
        var cancel = TestContext.Current.CancellationToken;
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        using var prometheus = fixture.App.CreateHttpClient("prometheus", "http");
        using var survivor = fixture.App.CreateHttpClient("metrics-cache-1", "http");
        var metric = "apphost_failover_" + Guid.NewGuid().ToString("N")[..8];

        var stopped = await commands.ExecuteCommandAsync("metrics-cache-0", KnownResourceCommands.StopCommand, cancel);
        try
        {
            Assert.True(stopped.Success, stopped.Message);
            await fixture.WaitStoppedAsync("metrics-cache-0");
            // A service pushes every value to every replica; the stopped one refuses, the other takes it.
            for (var value = 1; value <= 3; value++)
            {
                using var body = new StringContent($"{metric} {value}\n");
                using var pushed = await survivor.PutAsync(new Uri("/metrics/job/apphost-failover", UriKind.Relative), body, cancel);
                Assert.True(pushed.IsSuccessStatusCode);
                var seen = await Eventually.ReturnsAsync(() => PrometheusQueries.ValueAsync(prometheus, metric), v => v == value,
                    TimeSpan.FromSeconds(30), $"Prometheus to scrape {metric} = {value} through the front with one replica down");
                Assert.Equal(value, seen);
            }
        }
        finally
        {
            await fixture.WaitStoppedAsync("metrics-cache-0");
            var started = await commands.ExecuteCommandAsync("metrics-cache-0", KnownResourceCommands.StartCommand, CancellationToken.None);
            Assert.True(started.Success, started.Message);
            await fixture.WaitHealthyAsync("metrics-cache-0");
        }
        Assert.Equal(1, await PrometheusQueries.ValueAsync(prometheus, "up{job=\"metrics-cache\"}"));
    }
}
