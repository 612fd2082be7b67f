using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitoring.Lib.AspNetCore;
using Monitoring.Lib.Influx;

namespace Monitoring.Benchmarks.AspNetCore;

/// <summary>
/// A GET through a whole minimal-API pipeline on TestServer (routing, endpoint, HttpClient, no sockets), without and
/// with UseRequestMonitoring. TestServer's own cost dominates; the difference between the two is the middleware's.
/// </summary>
[MemoryDiagnoser]
public class RequestPipelineBenchmarks
{
    private WebApplication _bareApp = null!;
    private WebApplication _monitoredApp = null!;
    private HttpClient _bare = null!;
    private HttpClient _monitored = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_bareApp, _bare) = Start(monitored: false);
        (_monitoredApp, _monitored) = Start(monitored: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bare.Dispose();
        _monitored.Dispose();
        _bareApp.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _monitoredApp.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public async Task Bare() => (await _bare.GetAsync(new Uri("/items/42", UriKind.Relative))).Dispose();

    [Benchmark]
    public async Task Monitored() => (await _monitored.GetAsync(new Uri("/items/42", UriKind.Relative))).Dispose();

    private static (WebApplication, HttpClient) Start(bool monitored)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(new InfluxRecorder(new InfluxOptions { Url = "http://127.0.0.1:9", Database = "bench", BufferCapacity = 100_000 }));
        var app = builder.Build();
        if (monitored)
        {
            app.UseRequestMonitoring(options => options.ServiceName = "bench");
        }
        app.MapGet("/items/{id}", (string id) => Results.Ok());
        app.StartAsync().GetAwaiter().GetResult();
        return (app, app.GetTestClient());
    }
}
