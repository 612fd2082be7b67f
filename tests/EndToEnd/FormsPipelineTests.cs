using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace MonitoringStack.EndToEnd;

[Collection(PipelineGroup.Name)]
public sealed class FormsPipelineTests(PipelineFixture fixture)
{
    [Fact]
    public async Task PostForm_CallerStartedATrace_OneTraceFromTheRequestThroughBothServicesToTheSocket()
    {
        var account = Pipeline.NewAccount("trace");
        using var socket = await fixture.ConnectAsync(account);
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        var requestId = "e2e-" + account;

        using (var response = await fixture.PostFormAsync(Pipeline.Form("trace@example.com", account), requestId,
            traceParent: $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01"))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        var received = await socket.ReceiveAsync();

        // The form on `forms` carries the producer's send span of the caller's trace; the consumer processed it in that
        // trace and wrote its own span into the event the socket got (where the producer's "ws send" span continues it).
        var form = fixture.FindByRequestId("outgoing", requestId);
        Assert.NotNull(form);
        Assert.NotNull(received);
        var eventTrace = JsonDocument.Parse(received).RootElement.GetProperty("traceparent").GetString()!;
        Assert.Matches($"^00-{traceId}-[0-9a-f]{{16}}-01$", eventTrace);
        Assert.True(form.Message.Headers.TryGetLastBytes("traceparent", out var outgoingTrace));
        Assert.Matches($"^00-{traceId}-[0-9a-f]{{16}}-01$", Encoding.ASCII.GetString(outgoingTrace));
    }

    [Fact]
    public async Task PostForm_ValidForm_ReachesOutgoingAndOnlyItsAccountsSocketAndIsRecorded()
    {
        var (alice, bob) = (Pipeline.NewAccount("alice"), Pipeline.NewAccount("bob"));
        using var aliceSocket = await fixture.ConnectAsync(alice);
        using var bobSocket = await fixture.ConnectAsync(bob);
        var (aliceRequest, bobRequest) = ("e2e-" + alice, "e2e-" + bob);

        using (var response = await fixture.PostFormAsync(Pipeline.Form("alice@example.com", alice), aliceRequest))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        var aliceEvent = await aliceSocket.ReceiveAsync();
        using (var response = await fixture.PostFormAsync(Pipeline.Form("bob@example.com", bob), bobRequest))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        var bobEvent = await bobSocket.ReceiveAsync();

        Assert.NotNull(aliceEvent);
        using (var json = JsonDocument.Parse(aliceEvent))
        {
            Assert.Equal(aliceRequest, json.RootElement.GetProperty("request_id").GetString());
            Assert.Equal("alice@example.com", json.RootElement.GetProperty("form").GetProperty("C_EmailAddress").GetString());
        }
        // Bob's socket was open while Alice's event went by: its first message is Bob's own.
        Assert.NotNull(bobEvent);
        Assert.Equal(bobRequest, JsonDocument.Parse(bobEvent).RootElement.GetProperty("request_id").GetString());
        var outgoing = fixture.FindByRequestId("outgoing", aliceRequest);
        Assert.NotNull(outgoing);
        Assert.Equal("alice@example.com", outgoing.Message.Key);

        var request = await Eventually.ReturnsAsync(() => fixture.QueryInfluxAsync($"SELECT * FROM requests WHERE request_id = '{aliceRequest}'"),
            rows => rows.Count == 1, Pipeline.Wait, "the requests point");
        Assert.Equal("POST:/forms", request[0]["route"]);
        Assert.Equal("202", request[0]["status_code"]);
        Assert.Equal("sample-web-producer", request[0]["service"]);
        var ws = await Eventually.ReturnsAsync(() => fixture.QueryInfluxAsync($"SELECT * FROM ws_requests WHERE account_id = '{alice}'"),
            rows => rows.Count == 1, Pipeline.Wait, "the ws_requests point");
        Assert.Equal(aliceRequest, ws[0]["request_id"]);
        Assert.InRange(double.Parse(ws[0]["transport_time"], CultureInfo.InvariantCulture), 0, Pipeline.Wait.TotalSeconds);
        Assert.InRange(double.Parse(ws[0]["end_to_end_latency_ms"], CultureInfo.InvariantCulture), 0, Pipeline.Wait.TotalMilliseconds);
        // Only the replica holding Alice's socket subscribes to her channel, so one replica received and recorded it.
        var redis = await Eventually.ReturnsAsync(() => fixture.QueryInfluxAsync($"SELECT * FROM redis_message WHERE channel = 'events:{alice}'"),
            rows => rows.Count == 1, Pipeline.Wait, "the redis_message point of the replica with Alice's socket");
        Assert.All(redis, row => Assert.Equal((aliceRequest, "sample-web-producer"), (row["request_id"], row["service"])));
    }

    [Fact]
    public async Task PostForm_Traffic_CountedPerResourceNamedAppInPrometheusThroughTheMetricsCache()
    {
        var account = Pipeline.NewAccount("prom");
        using (var response = await fixture.PostFormAsync(Pipeline.Form("prom@example.com", account), "e2e-" + account))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var produced = await Eventually.ReturnsAsync(
            () => fixture.QueryPrometheusAsync("sum(messages_produced{app=\"sample-web-producer\",topic=\"forms\"})"),
            v => v >= 1, Pipeline.Wait, "sample-web-producer's messages_produced in Prometheus");
        var consumed = await Eventually.ReturnsAsync(
            () => fixture.QueryPrometheusAsync("sum(messages_consumed{app=\"sample-consumer\",topic=\"forms\"})"),
            v => v >= 1, Pipeline.Wait, "sample-consumer's messages_consumed in Prometheus");
        var forwarded = await Eventually.ReturnsAsync(
            () => fixture.QueryPrometheusAsync("sum(messages_produced{app=\"sample-consumer\",topic=\"outgoing\"})"),
            v => v >= 1, Pipeline.Wait, "sample-consumer's messages_produced in Prometheus");

        Assert.True(produced >= 1 && consumed >= 1 && forwarded >= 1);
        // The host gives each project APP_NAME = its resource name: no series is labelled with an assembly name.
        Assert.Null(await fixture.QueryPrometheusAsync("count(messages_produced{app!~\"sample-web-producer|sample-consumer\"})"));
    }

    [Fact]
    public async Task Push_EachProducerReplica_ItsOwnGroupNamedAfterItsReplicaIndex()
    {
        // HOSTNAME = {resource}-{replica index}, filled in by DCP: each replica pushes under /metrics/job/{HOSTNAME}.
        var jobs = await Eventually.ReturnsAsync(
            async () => (await fixture.QueryPrometheusSeriesAsync("count by (job) ({app=\"sample-web-producer\"})")).Select(s => s.Labels["job"]).Order().ToList(),
            jobs => jobs.Count == 2, Pipeline.Wait, "a pushed group from each sample-web-producer replica");

        Assert.Equal(["sample-web-producer-0", "sample-web-producer-1"], jobs);
    }

    [Theory]
    [InlineData(null, """{"C_EmailAddress":"a@example.com","account_id":"a"}""", 401, "Unauthorized")]
    [InlineData(PipelineFixture.ApiKey, """{"C_EmailAddress":""", 400, "InvalidJson")]
    [InlineData(PipelineFixture.ApiKey, """{"C_EmailAddress":"nope","account_id":"a"}""", 422, "InvalidField")]
    public async Task PostForm_BadInput_ItsStatusAnErrorsPointAndACount(string? apiKey, string body, int status, string errorCode)
    {
        var requestId = "e2e-bad-" + Guid.NewGuid().ToString("N");

        using var response = await fixture.PostFormAsync(body, requestId, apiKey);

        Assert.Equal(status, (int)response.StatusCode);
        var error = await Eventually.ReturnsAsync(() => fixture.QueryInfluxAsync($"SELECT * FROM errors WHERE request_id = '{requestId}'"),
            rows => rows.Count == 1, Pipeline.Wait, "the errors point");
        Assert.Equal(errorCode, error[0]["error_code"]);
        await Eventually.ReturnsAsync(
            () => fixture.QueryPrometheusAsync($"sum(messages_errors{{app=\"sample-web-producer\",exception=\"{errorCode}\"}})"),
            v => v >= 1, Pipeline.Wait, $"messages_errors{{exception={errorCode}}} in Prometheus");
    }

    [Fact]
    public async Task PostForm_OversizedBody_Answers413()
    {
        var body = $$"""{"C_EmailAddress":"a@example.com","account_id":"a","pad":"{{new string('x', 70_000)}}"}""";

        using var response = await fixture.PostFormAsync(body, "e2e-big-" + Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task BadAccountId_RefusedAtTheEdgeAndDeadLetteredWhenItReachesTheTopicAnotherWay()
    {
        var requestId = "e2e-dlq-" + Guid.NewGuid().ToString("N");
        var form = Pipeline.Form("dlq@example.com", "not a valid id!");

        // One contract: the producer refuses what the consumer would dead-letter, naming the same rule.
        using (var response = await fixture.PostFormAsync(form, requestId))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("does not match ^[A-Za-z0-9_-]{1,64}$", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        // Produced onto `forms` directly (not through the producer), the consumer sends it to forms.dlq with the reason.
        await KafkaTopic.ProduceAsync(fixture.Bootstrap, "forms", "dlq@example.com", form, requestId);

        var dead = fixture.FindByRequestId("forms.dlq", requestId);
        Assert.NotNull(dead);
        Assert.True(dead.Message.Headers.TryGetLastBytes("error", out var reason));
        Assert.Equal("FormRejectedException: account_id 'not a valid id!' does not match ^[A-Za-z0-9_-]{1,64}$", Encoding.UTF8.GetString(reason));
        await Eventually.ReturnsAsync(
            () => fixture.QueryPrometheusAsync("sum(messages_errors{app=\"sample-consumer\",exception=\"FormRejectedException\"})"),
            v => v >= 1, Pipeline.Wait, "the consumer's messages_errors in Prometheus");
    }
}
