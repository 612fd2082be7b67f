using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.Lib.Influx;

namespace Monitoring.Lib.Tests.Influx;

/// <summary>Tests that stop and restart influxd, each on its own server so the shared one is never disturbed.</summary>
public sealed class InfluxOutageTests
{
    private const long T0 = 1_800_000_000_000_000_000;

    [Fact]
    public async Task HostedFlusher_ServerStoppedThenRestarted_PointsRecordedMeanwhileArrive()
    {
        await using var server = new InfluxServer("influx-restart");
        await server.StartAsync();
        await server.CreateDatabaseAsync("outage");
        var builder = Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Monitoring:Influx:Url"] = server.Url,
            ["Monitoring:Influx:Database"] = "outage",
            ["Monitoring:Influx:FlushInterval"] = "00:00:00.100",
            ["Monitoring:Influx:Retry:MaxAttempts"] = "2",
            ["Monitoring:Influx:Retry:InitialDelay"] = "00:00:00.020",
            ["Monitoring:Influx:Retry:MaxDelay"] = "00:00:00.100",
        });
        builder.AddInfluxPoints();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        var recorder = host.Services.GetRequiredService<InfluxRecorder>();
        try
        {
            await server.StopAsync();
            for (var i = 0; i < 50; i++)
            {
                recorder.BeginRedisMessage("events:1", "svc", $"m{i}").Timestamp(T0 + i).Record();
            }
            await Eventually.TrueAsync(() => Task.FromResult(recorder.Statistics.Retries > 0), TimeSpan.FromSeconds(10), "a failed write while influxd is down");

            await server.StartAsync();

            var rows = await Eventually.ReturnsAsync(() => server.QueryAsync("outage", "SELECT * FROM redis_message"), r => r.Count >= 50,
                TimeSpan.FromSeconds(20), "the 50 points written after the restart");
            Assert.Equal(Enumerable.Range(0, 50).Select(i => InfluxV1IntegrationTests.Row(("time", T0 + i), ("channel", "events:1"), ("service", "svc"), ("request_id", $"m{i}"))), rows);
            // Counted when influxd's answer arrives, which can be after a query already sees the rows.
            await Eventually.TrueAsync(() => Task.FromResult(recorder.Statistics.PointsWritten == 50), TimeSpan.FromSeconds(10),
                $"PointsWritten 50 (now {recorder.Statistics.PointsWritten})");
            Assert.Equal((50L, 0L), (recorder.Statistics.PointsWritten, recorder.Statistics.DroppedBufferFull));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task FlushAsync_ServerDownAndSmallCapacity_KeepsNewestCapAndCountsDroppedExactly()
    {
        await using var server = new InfluxServer("influx-capacity");
        await server.StartAsync();
        await server.CreateDatabaseAsync("capped");
        using var recorder = RecorderTests.Create(server.Url, options: o =>
        {
            (o.Database, o.BufferCapacity, o.BatchSize) = ("capped", 100, 30);
            (o.Retry.MaxAttempts, o.Retry.InitialDelay) = (2, TimeSpan.FromMilliseconds(10));
        });
        await server.StopAsync();

        for (var i = 0; i < 1_000; i++)
        {
            recorder.Begin("capped").Field("i", i).Timestamp(T0 + i).Record();
        }
        Assert.False(await recorder.FlushAsync(TestContext.Current.CancellationToken));
        Assert.Equal((900L, 100L, 0L), (recorder.Statistics.DroppedBufferFull, recorder.Statistics.BufferedPoints, recorder.Statistics.PointsWritten));

        await server.StartAsync();
        Assert.True(await recorder.FlushAsync(TestContext.Current.CancellationToken));

        var rows = await server.QueryAsync("capped", "SELECT i FROM capped");
        Assert.Equal(Enumerable.Range(900, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r["i"]));
        Assert.Equal((100L, 900L), (recorder.Statistics.PointsWritten, recorder.Statistics.DroppedBufferFull));
    }
}
