using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.Lib.Influx;

namespace Monitoring.Lib.Tests.Influx;

/// <summary>The hosted flusher registered by AddInfluxPoints: batch-full trigger, stop flush, settings changed at run time.</summary>
public sealed class InfluxFlushServiceTests
{
    [Fact]
    public async Task StopAsync_PointsBuffered_FlushedBeforeStopReturns()
    {
        await using var server = new RecordingHttpServer();
        using var host = await StartHostAsync(server.Url);
        var recorder = host.Services.GetRequiredService<InfluxRecorder>();

        recorder.Begin("m").Field("f", 1L).Timestamp(7).Record();
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal("m f=1i 7\n", Assert.Single(server.Requests).Body);
        Assert.Equal(1L, recorder.Statistics.PointsWritten);
    }

    [Fact]
    public async Task Record_BatchFills_SentWithoutWaitingForInterval()
    {
        await using var server = new RecordingHttpServer();
        using var host = await StartHostAsync(server.Url, batchSize: 10);
        var recorder = host.Services.GetRequiredService<InfluxRecorder>();

        for (var i = 0; i < 10; i++)
        {
            recorder.Begin("m").Field("i", i).Timestamp(i).Record();
        }

        await Eventually.TrueAsync(() => Task.FromResult(recorder.Statistics.PointsWritten == 10), TimeSpan.FromSeconds(10), "the full batch to be sent");
        Assert.Equal(string.Concat(Enumerable.Range(0, 10).Select(i => $"m i={i}i {i}\n")), Assert.Single(server.Requests).Body);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ConfigurationReload_NewUrl_BufferedPointsGoToNewServer()
    {
        await using var oldServer = new RecordingHttpServer();
        await using var newServer = new RecordingHttpServer();
        using var host = await StartHostAsync(oldServer.Url);
        var recorder = host.Services.GetRequiredService<InfluxRecorder>();
        recorder.Begin("m").Field("f", 1L).Timestamp(1).Record();

        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration["Monitoring:Influx:Url"] = newServer.Url;
        configuration.Reload();
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Empty(oldServer.Requests);
        Assert.Equal("m f=1i 1\n", Assert.Single(newServer.Requests).Body);
    }

    private static async Task<IHost> StartHostAsync(string url, int batchSize = 5_000)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Monitoring:Influx:Url"] = url,
            ["Monitoring:Influx:Database"] = "db",
            ["Monitoring:Influx:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // An hour: only a full batch or the stop flush can send anything during these tests.
            ["Monitoring:Influx:FlushInterval"] = "01:00:00",
        });
        builder.AddInfluxPoints();
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }
}
