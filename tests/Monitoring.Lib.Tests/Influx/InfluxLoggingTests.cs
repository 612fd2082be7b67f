using Microsoft.Extensions.Logging;
using Monitoring.Lib.Influx;

namespace Monitoring.Lib.Tests.Influx;

public sealed class InfluxLoggingTests
{
    [Fact]
    public async Task FlushAsync_RepeatedFailuresAndRejections_LoggedOnceEachWithoutSecrets()
    {
        await using var server = new RecordingHttpServer();
        foreach (var status in new[] { 503, 503, 503, 503 })
        {
            server.Respond(status, "{\"code\":\"unavailable\",\"message\":\"busy\"}");
        }
        var logger = new ListLogger();
        var options = RecorderTests.Options(server.Url, o =>
        {
            (o.Version, o.Org, o.Bucket, o.Token, o.User, o.Password) = (2, "org", "b", "tok-SECRET", "u", "pw-SECRET");
            (o.Retry.MaxAttempts, o.Retry.InitialDelay, o.Retry.MaxDelay) = (3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));
        });
        using var recorder = new InfluxRecorder(options, TimeProvider.System, logger, handler: null, random: () => 0.5);
        var token = TestContext.Current.CancellationToken;

        recorder.Begin("m").Field("f", 1L).Record();
        Assert.False(await recorder.FlushAsync(token));
        Assert.True(await recorder.FlushAsync(token));
        server.Respond(400, "{\"code\":\"invalid\",\"message\":\"bad line\"}");
        server.Respond(400, "{\"code\":\"invalid\",\"message\":\"bad line\"}");
        recorder.Begin("m").Field("f", 2L).Record();
        await recorder.FlushAsync(token);
        recorder.Begin("m").Field("f", 3L).Record();
        await recorder.FlushAsync(token);

        Assert.Equal(
            [
                $"Warning: Writing 1 points to {server.Url}/api/v2/write failed (HTTP 503: busy); retrying with backoff. Further failures are not logged until a write succeeds.",
                $"Information: Writing to {server.Url}/api/v2/write works again after 3 retries.",
                $"Error: {server.Url}/api/v2/write rejected 1 points with 400: bad line. They are dropped, not retried (0 similar rejections since the last message).",
            ],
            logger.Messages);
        Assert.Equal((1L, 2L, 3L), (recorder.Statistics.PointsWritten, recorder.Statistics.DroppedRejected, recorder.Statistics.Retries));
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Messages)
            {
                Messages.Add($"{logLevel}: {formatter(state, exception)}");
            }
        }
    }
}
