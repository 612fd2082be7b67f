using System.Net.Http.Headers;
using Monitoring.Lib.Influx;
using Monitoring.Lib.Influx.Internal;

namespace Monitoring.Lib.Tests.Influx;

public sealed class RetryScheduleTests
{
    private static readonly InfluxRetryOptions Options = new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1), Jitter = 0.2,
    };

    [Fact]
    public void NextDelay_MidJitter_DoublesUntilCapped()
    {
        var delays = Enumerable.Range(1, 7).Select(n => RetrySchedule.NextDelay(n, null, Options, 0.5).TotalMilliseconds);

        Assert.Equal([100, 200, 400, 800, 1000, 1000, 1000], delays);
    }

    [Theory]
    [InlineData(1, 0.0, 80)]
    [InlineData(1, 0.999999, 119.99996)]
    [InlineData(3, 0.0, 320)]
    [InlineData(4, 0.999999, 959.9997)]
    [InlineData(5, 0.999999, 1000)]
    [InlineData(5, 0.0, 800)]
    public void NextDelay_JitterExtremes_StayWithinBoundsAndCap(int attempt, double random, double expectedMs)
    {
        Assert.Equal(expectedMs, RetrySchedule.NextDelay(attempt, null, Options, random).TotalMilliseconds, 3);
    }

    [Fact]
    public void NextDelay_RetryAfterGiven_UsesItEvenBeyondMaxDelay()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), RetrySchedule.NextDelay(1, TimeSpan.FromSeconds(30), Options, 0.5));
    }

    [Fact]
    public void FromRetryAfter_DeltaAndDate_ConvertedAgainstProviderTime()
    {
        var now = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(7), RetrySchedule.FromRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), now));
        Assert.Equal(TimeSpan.FromSeconds(42), RetrySchedule.FromRetryAfter(new RetryConditionHeaderValue(now.AddSeconds(42)), now));
        Assert.Null(RetrySchedule.FromRetryAfter(null, now));
    }

    [Fact]
    public async Task FlushAsync_ServerUnavailableTwice_WaitsExponentialDelaysOnTheProviderClock()
    {
        var time = new TimerWatchingTimeProvider(DateTimeOffset.UnixEpoch);
        await using var server = new RecordingHttpServer();
        server.Respond(503, "{\"error\":\"busy\"}");
        server.Respond(500, "{\"error\":\"still busy\"}");
        using var recorder = RecorderTests.Create(server.Url, time, o => o.Retry = Options);
        recorder.Begin("m").Field("f", 1L).Record();

        var flush = recorder.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal(TimeSpan.FromMilliseconds(100), await time.NextTimerAsync());
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(TimeSpan.FromMilliseconds(200), await time.NextTimerAsync());
        time.Advance(TimeSpan.FromMilliseconds(200));

        Assert.True(await flush);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal((1L, 2L, "HTTP 500: still busy"), (recorder.Statistics.PointsWritten, recorder.Statistics.Retries, recorder.Statistics.LastError));
    }
}
