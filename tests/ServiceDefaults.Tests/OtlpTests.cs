using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.Lib.Metrics;
using Monitoring.Lib.Tests.Fixtures;
using Monitoring.ServiceDefaults.Internal;
using Monitoring.ServiceDefaults.Tests.Fixtures;

namespace Monitoring.ServiceDefaults.Tests;

/// <summary>OTLP export: off without the endpoint variable; with it, real OTLP/HTTP protobuf posts reach a local listener.</summary>
public sealed class OtlpTests
{
    [Fact]
    public async Task AddServiceDefaults_NoOtlpEndpoint_AddsNoExporter()
    {
        await using var service = await ServiceApp.StartAsync(new Dictionary<string, string?>());

        Assert.DoesNotContain(service.Services.GetServices<IHostedService>(), s => s is OtlpExportService);
    }

    [Fact]
    public async Task AddServiceDefaults_OtlpEndpointHttpProtobuf_PostsMetricsToV1Metrics()
    {
        var posts = new ConcurrentQueue<(string Path, string? ContentType, byte[] Body)>();
        await using var receiver = await StartReceiverAsync(posts);
        await using var service = await ServiceApp.StartAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Urls.Single(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "orders-otlp",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["Monitoring:Metrics:AppName"] = "orders",
        });
        service.Services.GetRequiredService<MetricsManager>().CountConsumed("forms", 5);

        var post = await Eventually.ReturnsAsync(
            () => Task.FromResult(posts.FirstOrDefault(p => p.Path == "/v1/metrics" && Contains(p.Body, "messages_consumed"))),
            p => p.Body is not null, TimeSpan.FromSeconds(20), "an OTLP POST to /v1/metrics carrying messages_consumed");

        Assert.Equal("application/x-protobuf", post.ContentType);
        Assert.True(Contains(post.Body, "orders-otlp"), "the resource's service.name is in the export");
        Assert.Single(service.Services.GetServices<IHostedService>(), s => s is OtlpExportService);
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private static async Task<WebApplication> StartReceiverAsync(ConcurrentQueue<(string, string?, byte[])> posts)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = builder.Build();
        receiver.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            posts.Enqueue((context.Request.Path.Value!, context.Request.ContentType, body.ToArray()));
            return Results.Ok();
        });
        await receiver.StartAsync();
        return receiver;
    }
}
