using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Lib.AspNetCore;
using Monitoring.Lib.Influx;

namespace Monitoring.Benchmarks.AspNetCore;

/// <summary>
/// The middleware alone: one request (routing already matched, as after UseRouting) through a terminal delegate,
/// bare and behind UseRequestMonitoring. The difference is the middleware's cost; target ≤ 2 µs. Points go into a
/// real InfluxRecorder whose buffer is never flushed (it drops its oldest points when full, as under an outage).
/// </summary>
[MemoryDiagnoser]
public class RequestMonitoringBenchmarks
{
    private ServiceProvider _services = null!;
    private InfluxRecorder _recorder = null!;
    private RequestDelegate _bare = null!;
    private RequestDelegate _monitored = null!;
    private Endpoint _endpoint = null!;

    [GlobalSetup]
    public void Setup()
    {
        _recorder = new InfluxRecorder(new InfluxOptions { Url = "http://127.0.0.1:9", Database = "bench", BufferCapacity = 100_000 });
        _services = new ServiceCollection()
            .AddSingleton(_recorder)
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .BuildServiceProvider();
        RequestDelegate terminal = context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        };
        _endpoint = new RouteEndpoint(terminal, RoutePatternFactory.Parse("/items/{id}"), 0, EndpointMetadataCollection.Empty, "items");
        _bare = terminal;
        var monitored = new ApplicationBuilder(_services);
        monitored.UseRequestMonitoring(options => options.ServiceName = "bench");
        monitored.Run(terminal);
        _monitored = monitored.Build();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _recorder.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task Bare() => _bare(NewContext());

    [Benchmark]
    public Task Monitored() => _monitored(NewContext());

    private DefaultHttpContext NewContext()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/items/42";
        context.Request.Headers["X-Request-Id"] = "0123456789abcdef0123456789abcdef";
        context.SetEndpoint(_endpoint);
        return context;
    }
}
