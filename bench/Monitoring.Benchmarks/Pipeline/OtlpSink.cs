using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// An OTLP/gRPC receiver that takes every export and keeps nothing, in place of the dashboard. Aspire.Hosting.Testing
/// runs no dashboard but still gives every project <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (localhost:4317), so without
/// this the monitored samples would try to connect, fail and retry once a second per signal: a cost neither
/// <c>./run.sh</c> (the dashboard takes the exports) nor a production service (a collector does) pays.
/// </summary>
/// <remarks>
/// gRPC over cleartext HTTP/2, as the OTLP exporter speaks it to the dashboard: each answer is an empty message
/// (the OTLP Export*ServiceResponse with no partial success) framed as gRPC frames it, and trailer <c>grpc-status: 0</c>.
/// </remarks>
internal sealed class OtlpSink : IAsyncDisposable
{
    // gRPC's length-prefixed message: compressed flag 0, length 0 (big-endian), no bytes of message.
    private static readonly byte[] EmptyMessage = new byte[5];
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _exports;

    private OtlpSink(WebApplication app, string url, ConcurrentDictionary<string, long> exports)
    {
        _app = app;
        Url = url;
        _exports = exports;
    }

    /// <summary>The address to give as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public string Url { get; }

    /// <summary>Exports received so far, by gRPC method (e.g. <c>/opentelemetry.proto.collector.trace.v1.TraceService/Export</c>).</summary>
    public IReadOnlyDictionary<string, long> Exports => _exports;

    public static async Task<OtlpSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var exports = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        app.Run(async context =>
        {
            // Read to the end, as a receiver must before answering; what was read is dropped.
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            exports.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, count) => count + 1);
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(EmptyMessage, context.RequestAborted);
            context.Response.AppendTrailer("grpc-status", "0");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new OtlpSink(app, address, exports);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
