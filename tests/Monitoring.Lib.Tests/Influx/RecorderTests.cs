using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Monitoring.Lib.Influx;

namespace Monitoring.Lib.Tests.Influx;

public sealed class RecorderTests
{
    [Fact]
    public async Task Record_MoreThanCapacity_KeepsNewestAndCountsDroppedExactly()
    {
        await using var server = new RecordingHttpServer();
        using var recorder = Create(server.Url, options: o => o.BufferCapacity = 10);

        for (var i = 0; i < 25; i++)
        {
            recorder.Begin("m").Field("i", i).Timestamp(i).Record();
        }

        Assert.Equal((15L, 10L), (recorder.Statistics.DroppedBufferFull, recorder.Statistics.BufferedPoints));
        Assert.True(await recorder.FlushAsync(TestContext.Current.CancellationToken));
        var body = Assert.Single(server.Requests).Body;
        Assert.Equal(string.Concat(Enumerable.Range(15, 10).Select(i => $"m i={i}i {i}\n")), body);
    }

    [Fact]
    public void Record_PointWithoutField_ReturnsFalseAndCountsInvalid()
    {
        using var recorder = Create("http://127.0.0.1:9");

        var recorded = recorder.Begin("m").Tag("t", "v").Record();

        Assert.False(recorded);
        Assert.Equal((1L, 0L), (recorder.Statistics.DroppedInvalid, recorder.Statistics.BufferedPoints));
    }

    [Fact]
    public void Record_SupersededBuilder_CountsInvalidAndKeepsNewPoint()
    {
        using var recorder = Create("http://127.0.0.1:9");

        var first = recorder.Begin("first").Field("f", 1L);
        Assert.True(recorder.Begin("second").Field("f", 2L).Record());

        Assert.False(first.Record());
        Assert.Equal((1L, 1L), (recorder.Statistics.DroppedInvalid, recorder.Statistics.BufferedPoints));
    }

    [Fact]
    public async Task Reconfigure_AfterFailedFlush_SendsBufferedPointsToNewServer()
    {
        await using var server = new RecordingHttpServer();
        var unreachable = $"http://127.0.0.1:{FreePort.Next()}";
        using var recorder = Create(unreachable, options: o => o.Retry.MaxAttempts = 1);
        recorder.Begin("m").Field("f", 1L).Timestamp(5).Record();

        Assert.False(await recorder.FlushAsync(TestContext.Current.CancellationToken));
        recorder.Reconfigure(Options(server.Url));
        Assert.True(await recorder.FlushAsync(TestContext.Current.CancellationToken));

        Assert.Equal("m f=1i 5\n", Assert.Single(server.Requests).Body);
        Assert.Equal((1L, 0L, 0L), (recorder.Statistics.PointsWritten, recorder.Statistics.DroppedBufferFull, recorder.Statistics.DroppedRejected));
    }

    [Fact]
    public void Reconfigure_InvalidOptions_ThrowsAndKeepsCurrent()
    {
        using var recorder = Create("http://127.0.0.1:9");

        var error = Assert.Throws<ArgumentException>(() => recorder.Reconfigure(new InfluxOptions { Url = "x", Database = "d" }));

        Assert.StartsWith("Monitoring:Influx:Url must be an absolute http(s) URL; got 'x'", error.Message, StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:9", recorder.Options.Url);
    }

    [Fact]
    public async Task Begin_SameClockTick_TimestampsStrictlyIncreasePerThread()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        await using var server = new RecordingHttpServer();
        using var recorder = Create(server.Url, time);

        recorder.Begin("m").Field("f", 1L).Record();
        recorder.Begin("m").Field("f", 2L).Record();
        Assert.True(await recorder.FlushAsync(TestContext.Current.CancellationToken));

        Assert.Equal("m f=1i 1800000000000000000\nm f=2i 1800000000000000001\n", Assert.Single(server.Requests).Body);
    }

    internal static InfluxOptions Options(string url, Action<InfluxOptions>? configure = null)
    {
        var options = new InfluxOptions { Url = url, Database = "db", BatchSize = 1000, BufferCapacity = 100_000 };
        configure?.Invoke(options);
        return options;
    }

    internal static InfluxRecorder Create(string url, TimeProvider? time = null, Action<InfluxOptions>? options = null) =>
        new(Options(url, options), time, NullLogger.Instance, handler: null, random: () => 0.5);
}
