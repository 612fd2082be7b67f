using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Lib.Metrics;
using MonitoringStack.ServiceDefaults.Tests.Fixtures;

namespace MonitoringStack.ServiceDefaults.Tests;

/// <summary>OTLP export through the OpenTelemetry hosting packages: real OTLP/HTTP protobuf posts reach a local listener.</summary>
public sealed class OtlpTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AddServiceDefaults_OtlpEndpointHttpProtobuf_ExportsMetricsTracesAndLogsButNoProbeOrPushSpans()
    {
        var posts = new ConcurrentQueue<(string Path, string? ContentType, byte[] Body)>();
        await using var receiver = await StartReceiverAsync(posts);
        var receiverUrl = receiver.Urls.Single();
        // A real Pushgateway, out of process: a listener in this process would make server spans of its own.
        await using var cache = await PushgatewayServer.StartNewAsync("otlp-cache");
        await using var service = await ServiceApp.StartAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiverUrl,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "orders-otlp",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            // Every trace, as Aspire sets it for development (the app runs as Production, which keeps 10 %).
            ["OTEL_TRACES_SAMPLER"] = "always_on",
            ["Monitoring:Metrics:AppName"] = "orders",
            // The metrics push is the monitoring layer's own traffic: its requests must make no spans.
            ["Monitoring:Metrics:PushEnabled"] = "true",
            ["Monitoring:Metrics:ReplicaUrls:0"] = cache.Url,
            ["Monitoring:Metrics:PushInterval"] = "00:00:01",
        }, configure: app => app.MapGet("/orders/{id}", (string id) => Results.Text(id)));
        service.Services.GetRequiredService<MetricsManager>().CountConsumed("forms", 5);
        Assert.Equal((200, "Healthy"), await service.GetAsync("/health"));
        Assert.Equal((200, "42"), await service.GetAsync("/orders/42"));

        var metrics = await ExportedAsync(posts, "/v1/metrics", "messages_consumed");
        await ExportedAsync(posts, "/v1/traces", "/orders/{id}");
        await ExportedAsync(posts, "/v1/logs", "orders-otlp");

        Assert.Equal("application/x-protobuf", metrics.ContentType);
        Assert.True(Contains(metrics.Body, "orders-otlp"), "the resource's service.name is in the export");
        await Eventually.TrueAsync(async () => (await cache.GetMetricsTextAsync()).Contains("messages_consumed{", StringComparison.Ordinal),
            Wait, "the push to reach the Pushgateway");
        // One more traces export after the push, so a span the push made would have been exported.
        var tracesSoFar = posts.Count(p => p.Path == "/v1/traces");
        await Eventually.TrueAsync(() => Task.FromResult(posts.Count(p => p.Path == "/v1/traces") > tracesSoFar), Wait, "one more traces export");
        var spans = posts.Where(p => p.Path == "/v1/traces").ToList();
        // The server span of a probe would be named "GET /health" (this test's own client span is just "GET").
        Assert.DoesNotContain(spans, p => Contains(p.Body, "GET /health"));
        Assert.DoesNotContain(spans, p => Contains(p.Body, "/metrics/job"));
    }

    private static Task<(string Path, string? ContentType, byte[] Body)> ExportedAsync(
        ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> posts, string path, string text) =>
        Eventually.ReturnsAsync(
            () => Task.FromResult(posts.FirstOrDefault(p => p.Path == path && Contains(p.Body, text))),
            p => p.Body is not null, Wait, $"an OTLP POST to {path} carrying {text}");

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private static async Task<WebApplication> StartReceiverAsync(ConcurrentQueue<(string, string?, byte[])> posts)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = builder.Build();
        receiver.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            posts.Enqueue((context.Request.Path.Value!, context.Request.ContentType, body.ToArray()));
            context.Response.StatusCode = context.Request.Path.StartsWithSegments("/v1") ? 200 : 404;
        });
        await receiver.StartAsync();
        return receiver;
    }
}
