using Monitoring.Lib.Influx;

namespace Monitoring.Lib.Tests.Influx;

[Collection(InfluxServerGroup.Name)]
public sealed class InfluxV1IntegrationTests(InfluxServerFixture fixture)
{
    private const long T0 = 1_800_000_000_000_000_000;
    private const string Tricky = "a b,c=d \"q\" \\x é 日本 🚀";

    [Fact]
    public async Task FlushAsync_EverySeriesWithTrickyStrings_ReadBackExactly()
    {
        var server = fixture.Server;
        var database = "all_series";
        await server.CreateDatabaseAsync(database);
        using var recorder = RecorderTests.Create(server.Url, options: o => o.Database = database);

        Assert.True(recorder.BeginRequest("web svc", "POST", "/forms/a b,c=d", 201, "req \"1\" \\x", 12.5)
            .Tag("region", Tricky).Field("note", "line1\nline2 ☕").Timestamp(T0).Record());
        Assert.True(recorder.BeginError("web", "GET", "/x", 500, "E=42", "req-2").Timestamp(T0 + 1).Record());
        Assert.True(recorder.BeginWsRequest("relay", "acct,7", 0.125, "req-3").Field("attempt", 2L).Field("ok", true).Timestamp(T0 + 2).Record());
        Assert.True(recorder.BeginSubscriptionError("relay", "timeout").Timestamp(T0 + 3).Record());
        Assert.True(recorder.BeginRedisMessage("events:7", "consumer", Tricky).Timestamp(T0 + 4).Record());
        Assert.True(await recorder.FlushAsync(TestContext.Current.CancellationToken));

        Assert.Equal((5L, 0L, null), (recorder.Statistics.PointsWritten, recorder.Statistics.DroppedRejected, recorder.Statistics.LastError));
        Assert.Equal(Row(("time", T0), ("service", "web svc"), ("route", "POST:/forms/a b,c=d"), ("status_code", "201"),
            ("request_id", "req \"1\" \\x"), ("execution_time", "12.5"), ("region", Tricky), ("note", "line1\nline2 ☕")),
            Assert.Single(await server.QueryAsync(database, "SELECT * FROM requests")));
        Assert.Equal(Row(("time", T0 + 1), ("service", "web"), ("route", "GET:/x"), ("status_code", "500"), ("error_code", "E=42"), ("request_id", "req-2")),
            Assert.Single(await server.QueryAsync(database, "SELECT * FROM errors")));
        Assert.Equal(Row(("time", T0 + 2), ("service", "relay"), ("account_id", "acct,7"), ("transport_time", "0.125"), ("request_id", "req-3"), ("attempt", "2"), ("ok", "true")),
            Assert.Single(await server.QueryAsync(database, "SELECT * FROM ws_requests")));
        Assert.Equal(Row(("time", T0 + 3), ("service", "relay"), ("error_code", "timeout"), ("count", "1")),
            Assert.Single(await server.QueryAsync(database, "SELECT * FROM subscription_error")));
        Assert.Equal(Row(("time", T0 + 4), ("channel", "events:7"), ("service", "consumer"), ("request_id", Tricky)),
            Assert.Single(await server.QueryAsync(database, "SELECT * FROM redis_message")));
    }

    [Fact]
    public async Task FlushAsync_BackslashesInTags_ParsedByInflux1AsDocumented()
    {
        // Line protocol 1.x has no escape for a backslash followed by a separator: the builder doubles it so the line
        // still parses, and 1.x keeps both (2.x would unescape them); a trailing one is dropped. Others arrive as they were.
        var server = fixture.Server;
        await server.CreateDatabaseAsync("backslash");
        using var recorder = RecorderTests.Create(server.Url, options: o => o.Database = "backslash");

        recorder.Begin("m").Tag("before_space", "a\\ b").Tag("inside", "a\\b").Tag("last", "a\\").Field("f", 1L).Timestamp(T0).Record();
        Assert.True(await recorder.FlushAsync(TestContext.Current.CancellationToken));

        Assert.Null(recorder.Statistics.LastError);
        Assert.Equal(Row(("time", T0), ("before_space", "a\\\\ b"), ("inside", "a\\b"), ("last", "a"), ("f", "1")),
            Assert.Single(await server.QueryAsync("backslash", "SELECT * FROM m")));
    }

    [Fact]
    public async Task FlushAsync_ManyPointsOverSeveralBatches_AllArriveInOrder()
    {
        var server = fixture.Server;
        await server.CreateDatabaseAsync("batches");
        using var recorder = RecorderTests.Create(server.Url, options: o => (o.Database, o.BatchSize) = ("batches", 700));

        for (var i = 0; i < 5_000; i++)
        {
            recorder.Begin("seq").Tag("service", "s").Field("i", i).Timestamp(T0 + i).Record();
        }
        Assert.True(await recorder.FlushAsync(TestContext.Current.CancellationToken));

        var rows = await server.QueryAsync("batches", "SELECT i FROM seq");
        Assert.Equal(Enumerable.Range(0, 5_000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r["i"]));
        Assert.Equal(5_000L, recorder.Statistics.PointsWritten);
    }

    [Fact]
    public async Task FlushAsync_FieldTypeConflict_RejectedNotRetriedWithServerMessage()
    {
        var server = fixture.Server;
        await server.CreateDatabaseAsync("conflict");
        using var recorder = RecorderTests.Create(server.Url, options: o => o.Database = "conflict");
        recorder.Begin("m").Field("f", 1L).Timestamp(T0).Record();
        Assert.True(await recorder.FlushAsync(TestContext.Current.CancellationToken));

        recorder.Begin("m").Field("f", "text").Timestamp(T0 + 1).Record();
        Assert.True(await recorder.FlushAsync(TestContext.Current.CancellationToken));

        var stats = recorder.Statistics;
        Assert.Equal((1L, 1L, 0L), (stats.PointsWritten, stats.DroppedRejected, stats.Retries));
        Assert.StartsWith("HTTP 400: partial write: field type conflict", stats.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlushAsync_PartialWrite_CountsOnlyTheDroppedPointAsRejected()
    {
        var server = fixture.Server;
        await server.CreateDatabaseAsync("partial");
        using var recorder = RecorderTests.Create(server.Url, options: o => o.Database = "partial");
        recorder.Begin("m").Field("f", 1L).Timestamp(T0).Record();
        Assert.True(await recorder.FlushAsync(TestContext.Current.CancellationToken));

        recorder.Begin("m").Field("f", 2L).Timestamp(T0 + 1).Record();
        recorder.Begin("m").Field("f", "conflicts").Timestamp(T0 + 2).Record();
        recorder.Begin("m").Field("f", 3L).Timestamp(T0 + 3).Record();
        recorder.Begin("m").Field("f", 4L).Timestamp(T0 + 4).Record();
        Assert.True(await recorder.FlushAsync(TestContext.Current.CancellationToken));

        var stats = recorder.Statistics;
        Assert.Equal((4L, 1L), (stats.PointsWritten, stats.DroppedRejected));
        var stored = await server.QueryAsync("partial", "SELECT f FROM m");
        Assert.Equal(["1", "2", "3", "4"], stored.Select(row => row["f"]));
    }

    internal static Dictionary<string, string> Row(params (string Column, object Value)[] columns) =>
        columns.ToDictionary(c => c.Column, c => Convert.ToString(c.Value, System.Globalization.CultureInfo.InvariantCulture)!);
}
