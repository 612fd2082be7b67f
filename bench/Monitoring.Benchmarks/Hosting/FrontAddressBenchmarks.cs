using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Monitoring.Hosting.Proxy;

namespace Monitoring.Benchmarks.Hosting;

/// <summary>
/// Cost of the front address per request: a small HTTP GET on a kept-alive loopback connection, straight to a Kestrel
/// server vs through the proxy (two replicas of it behind). The difference is the proxy's overhead (goal: ≤ 100 µs p50).
/// Run: dotnet run -c Release --project bench/Monitoring.Benchmarks -- --filter '*FrontAddress*'
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class FrontAddressBenchmarks
{
    private readonly List<WebApplication> _servers = [];
    private FrontAddress _front = null!;
    private HttpClient _direct = null!;
    private HttpClient _proxied = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var ports = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            app.MapGet("/", () => Results.Text("ok"));
            await app.StartAsync();
            _servers.Add(app);
            ports.Add(new Uri(app.Urls.First()).Port);
        }
        _front = new FrontAddress("bench", 0, () => [.. ports.Select(p => new FrontTarget(p, true))]);
        _front.Start();
        _direct = new HttpClient { BaseAddress = new Uri(_servers[0].Urls.First()) };
        _proxied = new HttpClient { BaseAddress = new Uri(_front.Url) };
    }

    [Benchmark(Baseline = true)]
    public Task<string> Direct() => _direct.GetStringAsync(new Uri("/", UriKind.Relative));

    [Benchmark]
    public Task<string> ThroughFrontAddress() => _proxied.GetStringAsync(new Uri("/", UriKind.Relative));

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _direct.Dispose();
        _proxied.Dispose();
        await _front.DisposeAsync();
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }
}
