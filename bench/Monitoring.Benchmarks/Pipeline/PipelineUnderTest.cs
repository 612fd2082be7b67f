using System.Globalization;
using Confluent.Kafka;
using Monitoring.AppHost;
using Monitoring.Hosting;
using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Testing;
using Monitoring.Lib.Kafka;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// The AppHost's own app model with two copies of the samples side by side on the same servers
/// (<see cref="AppModel.AddSamples"/>): the template's own, monitoring on, and <c>…-off</c> with
/// <c>Monitoring__Enabled=false</c> and its own topics. The load goes to one copy at a time, so switching between on
/// and off restarts nothing; only a partial mode (<see cref="PipelineMode"/>) restarts the monitored copy.
/// </summary>
internal sealed class PipelineUnderTest : IAsyncDisposable
{
    public const string ApiKey = "bench-forms-api-key-0123456789";
    public const string OffCopy = "-off";
    private static readonly string[] Infrastructure = ["kafka", "redis", "influxdb", "metrics-cache", "prometheus"];
    private static readonly string[] Monitored = ["sample-consumer", "sample-web-producer"];
    private static readonly string[] Unmonitored = [.. Monitored.Select(name => name + OffCopy)];
    private readonly DistributedApplication _app;
    private readonly IConsumer<Ignore, Ignore> _watermarks;
    private readonly HashSet<string> _warmedCopies = new(StringComparer.Ordinal);
    private PipelineMode _monitoredMode;

    private PipelineUnderTest(DistributedApplication app, string bootstrap, PipelineMode monitoredMode)
    {
        _app = app;
        _monitoredMode = monitoredMode;
        _watermarks = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "bench-watermarks" }).Build();
    }

    /// <summary>The mode the load goes to: <see cref="PipelineMode.Off"/> is the unmonitored copy, any other the monitored one.</summary>
    public PipelineMode Mode { get; private set; } = PipelineMode.On;

    private string Copy => Mode == PipelineMode.Off ? OffCopy : "";

    public Uri ProducerFront => new(_app.GetFrontAddress("sample-web-producer" + Copy).Url);

    /// <param name="monitoredMode">What the monitored copy starts with: <see cref="PipelineMode.On"/> or a partial mode.</param>
    public static async Task<PipelineUnderTest> StartAsync(PipelineMode monitoredMode = PipelineMode.On)
    {
        KafkaNativeLibrary.EnsureLoaded();
        PipelineUnderTest? pipeline = null;
        var builder = DistributedApplicationTestingBuilder.CreateBuilder(AppModel.Configure,
            "--Hosting:StopTimeout=00:00:10", $"--Parameters:forms-api-key={ApiKey}");
        AppModel.AddSamples(builder, TemplateInfrastructure.Of(builder), OffCopy);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            var monitored = Monitored.Contains(project.Name);
            // Read at every start of every replica: a restart picks up the monitored copy's mode as it is then.
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
            {
                Configure(context.Variables, monitored ? pipeline?._monitoredMode ?? monitoredMode : PipelineMode.Off);
                return Task.CompletedTask;
            }));
        }
        var app = builder.Build();
        await app.StartAsync();
        await Task.WhenAll(Infrastructure.Concat(Monitored).Concat(Unmonitored).Select(name => app.WaitForResourceHealthyAsync(name, TimeSpan.FromSeconds(90))));
        pipeline = new PipelineUnderTest(app, await app.GetConnectionStringAsync("kafka"), monitoredMode);
        return pipeline;
    }

    private static void Configure(IDictionary<string, string> variables, PipelineMode mode)
    {
        variables["Monitoring__Enabled"] = mode == PipelineMode.Off ? "false" : "true";
        if (mode is PipelineMode.OnWithoutPush or PipelineMode.OnRequestIdsOnly)
        {
            variables["Monitoring__Metrics__PushEnabled"] = "false";
        }
        if (mode is PipelineMode.OnWithoutPoints or PipelineMode.OnRequestIdsOnly)
        {
            // Overrides the InfluxDB reference: no recorder, so no points, the rest of monitoring unchanged.
            variables["Monitoring__Influx__Url"] = "";
        }
        if (mode is PipelineMode.OnWithoutKafkaStatistics or PipelineMode.OnRequestIdsOnly)
        {
            variables["Monitoring__Kafka__StatisticsInterval"] = "00:00:00";
        }
    }

    /// <summary>
    /// Directs the load at the copy that runs <paramref name="mode"/>, restarting the monitored copy when it ran another
    /// monitored mode. True when that copy has not carried load since it started: warm it up before measuring.
    /// </summary>
    public async Task<bool> SwitchAsync(PipelineMode mode)
    {
        Mode = mode;
        if (mode != PipelineMode.Off && mode != _monitoredMode)
        {
            _monitoredMode = mode;
            foreach (var name in Monitored)
            {
                await _app.StopResourceAsync(name);
                await _app.StartResourceAsync(name);
            }
            await Task.WhenAll(Monitored.Select(name => _app.WaitForResourceHealthyAsync(name, TimeSpan.FromSeconds(90))));
            _warmedCopies.Remove(Copy);
        }
        return _warmedCopies.Add(Copy);
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
            var monitoring = Mode != PipelineMode.Off;
            if (response.Headers.Contains("X-Request-Id") != monitoring)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Mode {Mode} but a producer replica {(monitoring ? "does not echo" : "echoes")} X-Request-Id."));
            }
        }
    }

    /// <summary>
    /// Messages ever written to the current copy's <c>outgoing</c> topic: the high watermarks (acks=all: on every
    /// replica) added up.
    /// </summary>
    public long OutgoingTotal() => Enumerable.Range(0, 4)
        .Sum(partition => _watermarks.QueryWatermarkOffsets(new TopicPartition("outgoing" + Copy, partition), TimeSpan.FromSeconds(10)).High.Value);

    public async ValueTask DisposeAsync()
    {
        _watermarks.Dispose();
        await _app.DisposeAsync();
    }
}
