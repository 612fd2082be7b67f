using System.Globalization;
using System.Net;
using Monitoring.Lib.AspNetCore;
using Monitoring.Lib.AspNetCore.Internal;

namespace Monitoring.Lib.Tests.AspNetCore;

/// <summary>Requests through a real Kestrel app; the points are read back from a real influxd.</summary>
public sealed class RequestMonitoringTests(MonitoredAppFixture app) : IClassFixture<MonitoredAppFixture>
{
    [Fact]
    public async Task Get_MatchedRoute_RecordsRequestPointWithRouteTemplate()
    {
        var id = NewId();
        using var response = await SendAsync(HttpMethod.Get, "/items/42", id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var point = Assert.Single(await app.PointsAsync("requests", id));
        Assert.Equal(MonitoredAppFixture.Service, point["service"]);
        Assert.Equal("GET:/items/{id}", point["route"]);
        Assert.Equal("200", point["status_code"]);
        Assert.True(double.Parse(point["execution_time"], CultureInfo.InvariantCulture) > 0);
        Assert.Empty(await app.Influx.QueryAsync(MonitoredAppFixture.Database, $"SELECT * FROM errors WHERE request_id = '{id}'"));
    }

    [Fact]
    public async Task Post_TemplateWithoutLeadingSlash_RecordsCreatedWithSlashedRoute()
    {
        var id = NewId();
        using var response = await SendAsync(HttpMethod.Post, "/items", id);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var point = Assert.Single(await app.PointsAsync("requests", id));
        Assert.Equal(("POST:/items", "201"), (point["route"], point["status_code"]));
    }

    [Fact]
    public async Task Get_UnknownPath_RecordsUnmatchedRouteAndErrorPoint()
    {
        var id = NewId();
        using var response = await SendAsync(HttpMethod.Get, "/no/such/path/" + id, id);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var request = Assert.Single(await app.PointsAsync("requests", id));
        Assert.Equal(("GET:/unmatched", "404"), (request["route"], request["status_code"]));
        var error = Assert.Single(await app.PointsAsync("errors", id));
        Assert.Equal((MonitoredAppFixture.Service, "GET:/unmatched", "404", "404"), (error["service"], error["route"], error["status_code"], error["error_code"]));
    }

    [Fact]
    public async Task Get_StatusWithoutException_RecordsErrorCodeFromStatus()
    {
        var id = NewId();
        using var response = await SendAsync(HttpMethod.Get, "/teapot", id);

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        var error = Assert.Single(await app.PointsAsync("errors", id));
        Assert.Equal(("GET:/teapot", "418", "418"), (error["route"], error["status_code"], error["error_code"]));
    }

    [Fact]
    public async Task Get_NoRequestIdHeader_GeneratesAndEchoesOne()
    {
        using var response = await app.Client.GetAsync(new Uri("/items/1", UriKind.Relative), TestContext.Current.CancellationToken);

        var id = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal("GET:/items/{id}", Assert.Single(await app.PointsAsync("requests", id))["route"]);
    }

    [Fact]
    public void NewRequestIds_AreDistinct32HexDigits()
    {
        var ids = Enumerable.Range(0, 100_000).Select(_ => RequestIds.New()).ToList();

        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Get_ClientRequestId_IsEchoed()
    {
        var id = NewId();
        using var response = await SendAsync(HttpMethod.Get, "/items/1", id);

        Assert.Equal(id, Assert.Single(response.Headers.GetValues("X-Request-Id")));
    }

    [Fact]
    public async Task Get_OverlongRequestId_IsReplacedByGeneratedOne()
    {
        var tooLong = new string('a', 129);
        using var response = await SendAsync(HttpMethod.Get, "/items/1", tooLong);

        Assert.Matches("^[0-9a-f]{32}$", Assert.Single(response.Headers.GetValues("X-Request-Id")));
    }

    [Fact]
    public async Task Get_FeatureTagsAndFields_AreWrittenIntoThePoint()
    {
        var id = NewId();
        using var response = await SendAsync(HttpMethod.Get, "/tagged", id);

        Assert.Equal(id, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var point = Assert.Single(await app.PointsAsync("requests", id));
        Assert.Equal(("gold", "3", "b-17", "2.5"), (point["plan"], point["items"], point["basket"], point["weight"]));
        var tagKeys = await app.Influx.QueryAsync(MonitoredAppFixture.Database, "SHOW TAG KEYS FROM requests");
        Assert.Contains(tagKeys, row => row["tagKey"] == "plan");
    }

    internal static string NewId() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Get_DefaultEndpoint_RecordsNoPointButEchoesTheRequestId()
    {
        var healthId = NewId();
        using (var health = await SendAsync(HttpMethod.Get, "/health", healthId))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal(healthId, Assert.Single(health.Headers.GetValues("X-Request-Id")));
        }
        var laterId = NewId();
        using (await SendAsync(HttpMethod.Get, "/items/1", laterId))
        {
        }

        // The later request's point has arrived, so the health check's would have too.
        Assert.Single(await app.PointsAsync("requests", laterId));
        Assert.Empty(await app.Influx.QueryAsync(MonitoredAppFixture.Database, $"SELECT * FROM requests WHERE request_id = '{healthId}'"));
        Assert.Equal(["/health", "/alive", "/metrics"], new RequestMonitoringOptions().ExcludedPaths);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string requestId)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Request-Id", requestId);
        return await app.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
