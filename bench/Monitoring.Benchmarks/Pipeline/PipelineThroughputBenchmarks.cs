using System.Globalization;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Confluent.Kafka;
using Monitoring.AppHost;
using Monitoring.Hosting;
using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Testing;
using Monitoring.Lib.Kafka;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// Throughput of the whole template pipeline, HTTP → SampleWebProducer ×2 (behind the front address) → <c>forms</c> →
/// SampleConsumer → <c>outgoing</c>, with the monitoring layer on and off (<c>Monitoring__Enabled</c> on both samples).
/// The app model is the AppHost's own (DevKafka, redis, influxdb, metrics cache ×2, prometheus all running in both
/// cases); only what the services send differs. One invocation posts <see cref="Forms"/> forms with
/// <see cref="Concurrency"/> requests in flight and ends when <c>outgoing</c>'s high watermarks (acks=all: on every
/// replica) have grown by as many; time per operation is per form, so forms/s = 1 / mean.
/// Run: dotnet run -c Release --project bench/Monitoring.Benchmarks -- --filter '*PipelineThroughput*'
/// (build the solution in Release first: the AppHost runs the samples from their Release output).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 15, invocationCount: 1)]
public class PipelineThroughputBenchmarks
{
    public const int Forms = 3_000;
    private const int Concurrency = 32;
    private const string ApiKey = "bench-forms-api-key-0123456789";
    private static readonly string[] Resources = ["kafka", "redis", "influxdb", "metrics-cache", "prometheus", "sample-consumer", "sample-web-producer"];
    private DistributedApplication _app = null!;
    private HttpClient _client = null!;
    private IConsumer<Ignore, Ignore> _watermarks = null!;
    private TopicPartition[] _outgoing = [];
    private int _round;

    [Params(true, false)]
    public bool Monitoring { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        KafkaNativeLibrary.EnsureLoaded();
        var builder = DistributedApplicationTestingBuilder.CreateBuilder(AppModel.Configure,
            "--Hosting:StopTimeout=00:00:10", $"--Parameters:forms-api-key={ApiKey}");
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
            {
                context.Variables["Monitoring__Enabled"] = Monitoring ? "true" : "false";
                return Task.CompletedTask;
            }));
        }
        _app = builder.Build();
        _app.StartAsync().GetAwaiter().GetResult();
        Task.WhenAll(Resources.Select(name => _app.WaitForResourceHealthyAsync(name, TimeSpan.FromSeconds(90)))).GetAwaiter().GetResult();
        var bootstrap = _app.GetConnectionStringAsync("kafka").GetAwaiter().GetResult();
        _watermarks = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "bench-watermarks" }).Build();
        _outgoing = [.. Enumerable.Range(0, 4).Select(p => new TopicPartition("outgoing", p))];
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        _client = new HttpClient(handler) { BaseAddress = new Uri(_app.GetFrontAddress("sample-web-producer").Url), Timeout = TimeSpan.FromSeconds(60) };
        EnsureSwitchTookEffect();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _watermarks.Dispose();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Forms)]
    public async Task PostFormsUntilOnOutgoing()
    {
        var round = ++_round;
        var target = OutgoingTotal() + Forms;
        await Parallel.ForAsync(0, Forms, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, cancellationToken) =>
        {
            var body = string.Create(CultureInfo.InvariantCulture,
                $$"""{"C_EmailAddress":"user{{round}}x{{i}}@example.com","account_id":"acct{{i % 16}}","source":"bench"}""");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/forms") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Api-Key", ApiKey);
            using var response = await _client.SendAsync(request, cancellationToken);
            // A refused form would make the run look faster than the pipeline is: stop instead.
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"POST /forms answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (OutgoingTotal() < target)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"outgoing holds {OutgoingTotal()} messages after 60 s; expected {target}.");
            }
            await Task.Delay(2);
        }
    }

    // Request monitoring echoes X-Request-Id only while it is on: a run whose switch did not reach the services would
    // compare two identical pipelines.
    private void EnsureSwitchTookEffect()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/version");
        request.Headers.Add("X-Request-Id", "bench-switch-check");
        using var response = _client.Send(request);
        var echoed = response.Headers.Contains("X-Request-Id");
        if (echoed != Monitoring)
        {
            throw new InvalidOperationException($"Monitoring={Monitoring} but the producer {(echoed ? "echoes" : "does not echo")} X-Request-Id.");
        }
    }

    private long OutgoingTotal() => _outgoing.Sum(partition => _watermarks.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value);
}
