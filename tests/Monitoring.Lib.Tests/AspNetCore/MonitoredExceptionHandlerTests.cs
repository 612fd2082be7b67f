using System.Net;
using System.Net.WebSockets;
using System.Text.Json;

namespace Monitoring.Lib.Tests.AspNetCore;

/// <summary>Exceptions and WebSockets through a real Kestrel app, points read back from a real influxd.</summary>
public sealed class MonitoredExceptionHandlerTests(MonitoredAppFixture app) : IClassFixture<MonitoredAppFixture>
{
    [Fact]
    public async Task Get_EndpointThrows_AnswersProblemDetailsWithoutExceptionText()
    {
        var id = RequestMonitoringTests.NewId();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/boom", UriKind.Relative));
        request.Headers.Add("X-Request-Id", id);
        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(id, Assert.Single(response.Headers.GetValues("X-Request-Id")));
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(500, json.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(id, json.RootElement.GetProperty("requestId").GetString());
        Assert.Equal("/boom", json.RootElement.GetProperty("instance").GetString());
        Assert.DoesNotContain("on fire", body, StringComparison.Ordinal);
        Assert.False(json.RootElement.TryGetProperty("detail", out _));
    }

    [Fact]
    public async Task Get_EndpointThrows_RecordsErrorPointAndCountsException()
    {
        var id = RequestMonitoringTests.NewId();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/boom", UriKind.Relative));
        request.Headers.Add("X-Request-Id", id);
        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        var point = Assert.Single(await app.PointsAsync("requests", id));
        Assert.Equal(("GET:/boom", "500"), (point["route"], point["status_code"]));
        var error = Assert.Single(await app.PointsAsync("errors", id));
        Assert.Equal(("GET:/boom", "500", "InvalidOperationException"), (error["route"], error["status_code"], error["error_code"]));
        Assert.Contains("messages_errors{app=\"orders-app\",exception=\"InvalidOperationException\"}", app.Metrics.GetText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSocket_SessionCloses_RecordsOnePointWithStatus101()
    {
        var id = RequestMonitoringTests.NewId();
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Request-Id", id);
        var wsUri = new UriBuilder(app.BaseAddress) { Scheme = "ws", Path = "/ws" }.Uri;
        await socket.ConnectAsync(wsUri, TestContext.Current.CancellationToken);
        await socket.SendAsync("ping"u8.ToArray(), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);
        var buffer = new byte[16];
        var echo = await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", TestContext.Current.CancellationToken);

        Assert.Equal("ping", System.Text.Encoding.UTF8.GetString(buffer, 0, echo.Count));
        var point = Assert.Single(await app.PointsAsync("requests", id));
        Assert.Equal(("GET:/ws", "101"), (point["route"], point["status_code"]));
    }
}
