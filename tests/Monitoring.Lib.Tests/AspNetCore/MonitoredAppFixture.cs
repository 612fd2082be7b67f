using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.Lib.AspNetCore;
using Monitoring.Lib.Influx;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Tests.AspNetCore;

/// <summary>
/// A real influxd and a real Kestrel app on 127.0.0.1:0 with request monitoring and the monitored exception handler,
/// flushing points every 50 ms. Tests tell their points apart by the request id they send.
/// </summary>
public sealed class MonitoredAppFixture : IAsyncLifetime
{
    public const string Service = "orders-api";
    public const string Database = "requests_test";

    private WebApplication? _app;

    internal InfluxServer Influx { get; } = new("influx-aspnetcore");

    public HttpClient Client { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public MetricsManager Metrics => _app!.Services.GetRequiredService<MetricsManager>();

    public async ValueTask InitializeAsync()
    {
        await Influx.StartAsync();
        await Influx.CreateDatabaseAsync(Database);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Monitoring:ServiceName"] = Service,
            ["Monitoring:Metrics:AppName"] = "orders-app",
            ["Monitoring:Metrics:PushEnabled"] = "false",
            ["Monitoring:Influx:Url"] = Influx.Url,
            ["Monitoring:Influx:Database"] = Database,
            ["Monitoring:Influx:FlushInterval"] = "00:00:00.050",
        });
        builder.AddMonitoringMetrics();
        builder.AddInfluxPoints();
        _app = builder.Build();
        _app.UseRequestMonitoring();
        _app.UseMonitoredExceptionHandler();
        _app.UseWebSockets();
        MapEndpoints(_app);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        BaseAddress = new Uri(address);
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> points of <paramref name="series"/> carry <paramref name="requestId"/>.</summary>
    internal Task<List<Dictionary<string, string>>> PointsAsync(string series, string requestId, int count = 1) =>
        Eventually.ReturnsAsync(
            () => Influx.QueryAsync(Database, $"SELECT * FROM \"{series}\" WHERE request_id = '{requestId}'"),
            rows => rows.Count >= count, TimeSpan.FromSeconds(20), $"{count} {series} point(s) with request_id {requestId}");

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await Influx.DisposeAsync();
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/items/{id}", (string id) => Results.Ok(new { id }));
        app.MapGet("/health", () => Results.Text("Healthy"));
        app.MapPost("items", () => Results.Created("/items/7", null));
        app.MapGet("/boom", string () => throw new InvalidOperationException("the database is on fire"));
        app.MapGet("/teapot", () => Results.StatusCode(StatusCodes.Status418ImATeapot));
        app.MapGet("/tagged", (HttpContext context) =>
        {
            var feature = context.Features.GetRequiredFeature<IRequestMonitoringFeature>();
            feature.AddTag("plan", "gold");
            feature.AddField("items", 3L);
            feature.AddField("basket", "b-17");
            feature.AddField("weight", 2.5);
            return Results.Text(feature.RequestId);
        });
        app.Map("/ws", async (HttpContext context) =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[256];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (received.MessageType == System.Net.WebSockets.WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
                    return;
                }
                await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, context.RequestAborted);
            }
        });
    }
}
