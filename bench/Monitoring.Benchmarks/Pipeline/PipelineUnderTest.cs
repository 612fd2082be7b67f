using System.Globalization;
using Confluent.Kafka;
using Monitoring.AppHost;
using Monitoring.Hosting;
using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Testing;
using Monitoring.Lib.Kafka;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// The AppHost's own app model, started once per benchmark process; the two samples are restarted whenever the
/// monitoring switch (<c>Monitoring__Enabled</c>) changes, so both settings run on the same servers and topics.
/// </summary>
internal sealed class PipelineUnderTest : IAsyncDisposable
{
    public const string ApiKey = "bench-forms-api-key-0123456789";
    private static readonly string[] Infrastructure = ["kafka", "redis", "influxdb", "metrics-cache", "prometheus"];
    private static readonly string[] Samples = ["sample-consumer", "sample-web-producer"];
    private readonly DistributedApplication _app;
    private readonly IConsumer<Ignore, Ignore> _watermarks;
    private readonly TopicPartition[] _outgoing;
    private PipelineMode _mode = PipelineMode.On;

    private PipelineUnderTest(DistributedApplication app, string bootstrap)
    {
        _app = app;
        _watermarks = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "bench-watermarks" }).Build();
        _outgoing = [.. Enumerable.Range(0, 4).Select(p => new TopicPartition("outgoing", p))];
    }

    public Uri ProducerFront => new(_app.GetFrontAddress("sample-web-producer").Url);

    public static async Task<PipelineUnderTest> StartAsync(PipelineMode mode)
    {
        KafkaNativeLibrary.EnsureLoaded();
        var builder = DistributedApplicationTestingBuilder.CreateBuilder(AppModel.Configure,
            "--Hosting:StopTimeout=00:00:10", $"--Parameters:forms-api-key={ApiKey}");
        PipelineUnderTest? pipeline = null;
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            // Read at every start of every replica: a restart picks up the switch as it is then.
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
            {
                var current = pipeline?._mode ?? mode;
                context.Variables["Monitoring__Enabled"] = current == PipelineMode.Off ? "false" : "true";
                if (current is PipelineMode.OnWithoutPush or PipelineMode.OnRequestIdsOnly)
                {
                    context.Variables["Monitoring__Metrics__PushEnabled"] = "false";
                }
                if (current is PipelineMode.OnWithoutPoints or PipelineMode.OnRequestIdsOnly)
                {
                    // Overrides the InfluxDB reference: no recorder, so no points, the rest of monitoring unchanged.
                    context.Variables["Monitoring__Influx__Url"] = "";
                }
                if (current is PipelineMode.OnWithoutKafkaStatistics or PipelineMode.OnRequestIdsOnly)
                {
                    context.Variables["Monitoring__Kafka__StatisticsInterval"] = "00:00:00";
                }
                return Task.CompletedTask;
            }));
        }
        var app = builder.Build();
        await app.StartAsync();
        await Task.WhenAll(Infrastructure.Concat(Samples).Select(name => app.WaitForResourceHealthyAsync(name, TimeSpan.FromSeconds(90))));
        pipeline = new PipelineUnderTest(app, await app.GetConnectionStringAsync("kafka")) { _mode = mode };
        return pipeline;
    }

    /// <summary>Restarts both samples when <paramref name="mode"/> differs from what they run with.</summary>
    public async Task SwitchAsync(PipelineMode mode)
    {
        if (mode == _mode)
        {
            return;
        }
        _mode = mode;
        foreach (var name in Samples)
        {
            await _app.StopResourceAsync(name);
            await _app.StartResourceAsync(name);
        }
        await Task.WhenAll(Samples.Select(name => _app.WaitForResourceHealthyAsync(name, TimeSpan.FromSeconds(90))));
    }

    /// <summary>
    /// Request monitoring echoes <c>X-Request-Id</c> only while it is on: checked over several fresh connections, which
    /// the front address spreads over the replicas, so a run cannot compare two identical pipelines by mistake.
    /// </summary>
    public void EnsureSwitchTookEffect()
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = ProducerFront };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/version");
            request.Headers.Add("X-Request-Id", "bench-switch-check");
            using var response = client.Send(request);
            var monitoring = _mode != PipelineMode.Off;
            if (response.Headers.Contains("X-Request-Id") != monitoring)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Mode {_mode} but a producer replica {(monitoring ? "does not echo" : "echoes")} X-Request-Id."));
            }
        }
    }

    /// <summary>Messages ever written to <c>outgoing</c>: the high watermarks (acks=all: on every replica) added up.</summary>
    public long OutgoingTotal() => _outgoing.Sum(partition => _watermarks.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value);

    public async ValueTask DisposeAsync()
    {
        _watermarks.Dispose();
        await _app.DisposeAsync();
    }
}
