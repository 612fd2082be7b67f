using Monitoring.Lib.Influx;

namespace Monitoring.Lib.Tests.Influx;

/// <summary>
/// No InfluxDB 2.x server runs here, so the 2.x writer (InfluxDB.Client's write API) is checked against a loopback server
/// that keeps the exact request. Query values are compared decoded: the client escapes with lower-case hex.
/// </summary>
public sealed class InfluxV2WriterTests
{
    private const string Line = "requests,route=POST:/forms,service=web,status_code=201 request_id=\"r-9\",execution_time=2.25 1800000000000000001\n";

    [Fact]
    public async Task FlushAsync_Version2_PostsExactPathQueryHeadersAndBody()
    {
        await using var server = new RecordingHttpServer();
        using var recorder = RecorderTests.Create(server.Url, options: o =>
        {
            (o.Version, o.Database, o.Org, o.Bucket, o.Token) = (2, null, "my org", "points/raw", "tok-123");
        });
        RecordRequest(recorder);

        Assert.True(await recorder.FlushAsync(TestContext.Current.CancellationToken));

        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/api/v2/write?org=my org&bucket=points/raw&precision=ns"), (request.Method, Uri.UnescapeDataString(request.PathAndQuery)));
        Assert.Equal(("Token tok-123", "text/plain; charset=utf-8"), (request.Authorization, request.ContentType));
        Assert.Equal(Line, request.Body);
    }

    [Fact]
    public async Task FlushAsync_Influx18CompatibilityForm_BucketIsDatabaseSlashPolicyTokenIsUserColonPasswordOrgIsDash()
    {
        await using var server = new RecordingHttpServer();
        using var recorder = RecorderTests.Create(server.Url, options: o =>
        {
            (o.Version, o.Database, o.RetentionPolicy, o.User, o.Password) = (2, "telemetry", "autogen", "writer", "p@ss:word");
        });
        RecordRequest(recorder);

        Assert.True(await recorder.FlushAsync(TestContext.Current.CancellationToken));

        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/v2/write?org=-&bucket=telemetry/autogen&precision=ns", Uri.UnescapeDataString(request.PathAndQuery));
        Assert.Equal("Token writer:p@ss:word", request.Authorization);
        Assert.Equal(Line, request.Body);
    }

    [Fact]
    public async Task FlushAsync_Version1WithUser_PostsWriteWithBasicAuthAndNoPasswordInUrl()
    {
        await using var server = new RecordingHttpServer();
        using var recorder = RecorderTests.Create(server.Url, options: o =>
        {
            (o.Database, o.RetentionPolicy, o.User, o.Password) = ("tele metry", "one_week", "writer", "secret");
        });
        RecordRequest(recorder);

        Assert.True(await recorder.FlushAsync(TestContext.Current.CancellationToken));

        var request = Assert.Single(server.Requests);
        Assert.Equal("/write?db=tele%20metry&rp=one_week&precision=ns", request.PathAndQuery);
        Assert.Equal("Basic " + Convert.ToBase64String("writer:secret"u8), request.Authorization);
        Assert.Equal(Line, request.Body);
    }

    [Fact]
    public async Task FlushAsync_429WithRetryAfterThenSuccess_WaitsRetryAfterAndResendsSameBody()
    {
        var time = new TimerWatchingTimeProvider(DateTimeOffset.UnixEpoch);
        await using var server = new RecordingHttpServer();
        server.Respond(429, "{\"code\":\"too many requests\",\"message\":\"slow down\"}", retryAfter: "3");
        using var recorder = RecorderTests.Create(server.Url, time, o => (o.Version, o.Bucket, o.Token) = (2, "b", "t"));
        RecordRequest(recorder);

        var flush = recorder.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal(TimeSpan.FromSeconds(3), await time.NextTimerAsync());
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.True(await flush);
        Assert.Equal([Line, Line], server.Requests.Select(r => r.Body));
        Assert.Equal((1L, 1L, 0L), (recorder.Statistics.PointsWritten, recorder.Statistics.Retries, recorder.Statistics.DroppedRejected));
    }

    [Fact]
    public async Task FlushAsync_400WithErrorBody_NotRetriedAndCountedAsRejected()
    {
        await using var server = new RecordingHttpServer();
        server.Respond(400, "{\"code\":\"invalid\",\"message\":\"unable to parse 'x y': missing fields\"}");
        using var recorder = RecorderTests.Create(server.Url, options: o => (o.Version, o.Bucket, o.Token) = (2, "b", "t"));
        RecordRequest(recorder);
        RecordRequest(recorder);

        Assert.True(await recorder.FlushAsync(TestContext.Current.CancellationToken));

        Assert.Single(server.Requests);
        var stats = recorder.Statistics;
        Assert.Equal((0L, 2L, 0L, 0L), (stats.PointsWritten, stats.DroppedRejected, stats.Retries, stats.BufferedPoints));
        Assert.Equal("HTTP 400: unable to parse 'x y': missing fields", stats.LastError);
    }

    private static void RecordRequest(InfluxRecorder recorder) =>
        recorder.BeginRequest("web", "POST", "/forms", 201, "r-9", 2.25).Timestamp(1_800_000_000_000_000_001).Record();
}
