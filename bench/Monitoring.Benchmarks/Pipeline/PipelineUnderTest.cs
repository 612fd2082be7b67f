using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using MonitoringStack.AppHost;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// The AppHost's own app model (AppHost.cs, through Aspire.Hosting.Testing) with two copies of the samples side by side
/// on the same servers (<see cref="SampleServices.AddSamples"/>): the template's own, monitoring on, and <c>…-off</c> with
/// <c>Monitoring__Enabled=false</c> and its own topics, and when asked for, <c>…-dev</c> (Development) and <c>…-fetch500</c>
/// (librdkafka's default fetch wait). The load goes to one copy at a time, so switching between them restarts nothing;
/// only a partial mode (<see cref="PipelineMode"/>) restarts the monitored copy.
/// </summary>
internal sealed class PipelineUnderTest : IAsyncDisposable
{
    public const string ApiKey = "bench-forms-api-key-0123456789";
    public const string OffCopy = "-off";
    public const string DevelopmentCopy = "-dev";
    public const string FetchWaitCopy = "-fetch500";
    public const string AtLeastOnceCopy = "-alo";
    private static readonly string[] Infrastructure = ["kafka", "redis", "influxdb", "metrics-cache-0", "metrics-cache-1", "metrics-cache", "prometheus"];
    private static readonly string[] Monitored = ["sample-consumer", "sample-web-producer"];
    private readonly SideBySideFactory _factory;
    private readonly OtlpSink _otlp;
    private readonly DistributedApplication _app;
    private readonly IConsumer<Ignore, Ignore> _watermarks;
    private readonly Dictionary<string, IConsumer<Ignore, Ignore>> _groups = new(StringComparer.Ordinal);
    private readonly string _bootstrap;
    private readonly HashSet<string> _warmedCopies = new(StringComparer.Ordinal);
    private PipelineMode _monitoredMode;

    private PipelineUnderTest(SideBySideFactory factory, OtlpSink otlp, DistributedApplication app, string bootstrap, PipelineMode monitoredMode)
    {
        _factory = factory;
        _otlp = otlp;
        _app = app;
        _monitoredMode = monitoredMode;
        _bootstrap = bootstrap;
        _watermarks = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "bench-watermarks" }).Build();
    }

    /// <summary>The mode the load goes to: <see cref="PipelineMode.Off"/> is the unmonitored copy, any other the monitored one.</summary>
    public PipelineMode Mode { get; private set; } = PipelineMode.On;

    private string Copy => CopyOf(Mode);

    private static string CopyOf(PipelineMode mode) => mode switch
    {
        PipelineMode.Off => OffCopy,
        PipelineMode.Development => DevelopmentCopy,
        PipelineMode.OnLibrdkafkaDefaultFetchWait => FetchWaitCopy,
        PipelineMode.OnAtLeastOnce => AtLeastOnceCopy,
        _ => "",
    };

    /// <summary>The copy a sample project belongs to, by the suffix of its resource name.</summary>
    private static string CopyOfProject(string name) =>
        new[] { OffCopy, DevelopmentCopy, FetchWaitCopy, AtLeastOnceCopy }.FirstOrDefault(copy => name.EndsWith(copy, StringComparison.Ordinal)) ?? "";

    public Uri ProducerFront => _app.GetEndpoint("sample-web-producer" + Copy, "http");

    private ResourceNotificationService Notifications => _app.Services.GetRequiredService<ResourceNotificationService>();

    /// <param name="modes">
    /// The modes the run will use: the monitored copy starts with the first that runs on it (<see cref="PipelineMode.On"/>
    /// when none does); the unmonitored copy always runs; the Development and fetch-wait copies only when listed.
    /// </param>
    public static async Task<PipelineUnderTest> StartAsync(params IReadOnlyCollection<PipelineMode> modes)
    {
        var monitoredMode = modes.FirstOrDefault(mode => CopyOf(mode) == "", PipelineMode.On);
        string[] copies = ["", .. modes.Select(CopyOf).Where(copy => copy != "").Append(OffCopy).Distinct()];
        PipelineUnderTest? pipeline = null;
        var otlp = await OtlpSink.StartAsync();
        var factory = new SideBySideFactory(() => pipeline?._monitoredMode ?? monitoredMode, copies, otlp.Url);
        await factory.StartAsync();
        var app = factory.App!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await Task.WhenAll(Infrastructure.Concat(copies.SelectMany(copy => Monitored.Select(name => name + copy))).Select(name =>
            app.Services.GetRequiredService<ResourceNotificationService>().WaitForResourceHealthyAsync(name, timeout.Token)));
        pipeline = new PipelineUnderTest(factory, otlp, app, await app.GetConnectionStringAsync("kafka") ?? "", monitoredMode);
        return pipeline;
    }

    private static void Configure(IDictionary<string, object> variables, PipelineMode mode, string otlpEndpoint)
    {
        variables["Monitoring__Enabled"] = mode == PipelineMode.Off ? "false" : "true";
        // The exports go where the dashboard would take them under ./run.sh (OtlpSink), not to a port nobody listens on.
        variables["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
        // Experiments without a rebuild: PIPELINE_ALL_<NAME>=<value> on the benchmark process gives every copy <NAME>,
        // PIPELINE_ON_<NAME> only the monitored ones, every copy but -off (e.g. PIPELINE_ON_OTEL_TRACES_SAMPLER=parentbased_traceidratio with
        // PIPELINE_ON_OTEL_TRACES_SAMPLER_ARG=0.01, or PIPELINE_ALL_DOTNET_PerfMapEnabled=1 for perf).
        foreach (var (prefix, applies) in new[] { ("PIPELINE_ALL_", true), ("PIPELINE_ON_", mode != PipelineMode.Off) })
        {
            foreach (var entry in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>())
            {
                if (applies && entry.Key is string name && name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length)
                {
                    variables[name[prefix.Length..]] = entry.Value?.ToString() ?? "";
                }
            }
        }
        if (mode is PipelineMode.OnLibrdkafkaDefaultFetchWait)
        {
            // Overrides what DevKafka's reference gives every client (10 ms): librdkafka's own default.
            variables["Aspire__Confluent__Kafka__Consumer__Config__FetchWaitMaxMs"] = "500";
        }
        if (mode is PipelineMode.OnAtLeastOnce)
        {
            variables["Monitoring__Kafka__ProcessingGuarantee"] = "AtLeastOnce";
        }
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
        if (CopyOf(mode) == "" && mode != _monitoredMode)
        {
            _monitoredMode = mode;
            var commands = _app.Services.GetRequiredService<ResourceCommandService>();
            var model = _app.Services.GetRequiredService<DistributedApplicationModel>();
            foreach (var name in Monitored)
            {
                // By resource, not by name: the producer runs replicas, each with its own instance name, and a command
                // given the resource runs on every replica.
                var restarted = await commands.ExecuteCommandAsync(model.Resources.Single(r => r.Name == name), KnownResourceCommands.RestartCommand);
                if (!restarted.Success)
                {
                    throw new InvalidOperationException($"Restarting {name} failed: {restarted.Message}");
                }
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await Task.WhenAll(Monitored.Select(name => Notifications.WaitForResourceHealthyAsync(name, timeout.Token)));
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
    /// Forms the current copy's consumer has made visible on <c>outgoing</c>. At-least-once: the messages ever written
    /// there, its high watermarks (acks=all: on every replica) added up. Exactly-once, where each transaction also writes
    /// a commit marker there: the forms its group has committed on <c>forms</c>, which it does right after each
    /// transaction.
    /// </summary>
    public long HandledTotal()
    {
        if (Mode == PipelineMode.OnAtLeastOnce)
        {
            return Enumerable.Range(0, 4)
                .Sum(partition => _watermarks.QueryWatermarkOffsets(new TopicPartition("outgoing" + Copy, partition), TimeSpan.FromSeconds(10)).High.Value);
        }
        var group = _groups.TryGetValue(Copy, out var existing) ? existing : _groups[Copy] = new ConsumerBuilder<Ignore, Ignore>(
            new ConsumerConfig { BootstrapServers = _bootstrap, GroupId = "sample-consumer" + Copy }).Build();
        return group.Committed([.. Enumerable.Range(0, 4).Select(partition => new TopicPartition("forms" + Copy, partition))], TimeSpan.FromSeconds(10))
            .Sum(committed => Math.Max(committed.Offset.Value, 0));
    }

    public async ValueTask DisposeAsync()
    {
        _watermarks.Dispose();
        foreach (var group in _groups.Values)
        {
            group.Dispose();
        }
        await _factory.DisposeAsync();
        Console.WriteLine("// OTLP exports taken: " + string.Join(", ", _otlp.Exports.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}")));
        await _otlp.DisposeAsync();
    }

    /// <summary>
    /// AppHost.cs's model plus the other copies of the samples, and on every project the environment of its mode, read
    /// at every start of every replica, so a restart picks up the monitored copy's mode as it is then.
    /// </summary>
    private sealed class SideBySideFactory(Func<PipelineMode> monitoredMode, IReadOnlyCollection<string> copies, string otlpEndpoint)
        : DistributedApplicationFactory(typeof(Projects.MonitoringStack_AppHost), [$"--Parameters:forms-api-key={ApiKey}"])
    {
        public DistributedApplication? App { get; private set; }

        protected override void OnBuilding(DistributedApplicationBuilder applicationBuilder)
        {
            var formsApiKey = applicationBuilder.Resources.OfType<ParameterResource>().Single(p => p.Name == "forms-api-key");
            var infrastructure = TemplateInfrastructure.Of(applicationBuilder);
            var apiKey = applicationBuilder.CreateResourceBuilder(formsApiKey);
            foreach (var copy in copies.Where(copy => copy != ""))
            {
                // The Development copy is added as the AppHost adds the samples when Samples:Environment says so.
                var environment = applicationBuilder.Configuration[SampleServices.SamplesEnvironmentKey];
                applicationBuilder.Configuration[SampleServices.SamplesEnvironmentKey] = copy == DevelopmentCopy ? "Development" : environment;
                applicationBuilder.AddSamples(infrastructure, apiKey, copy);
                applicationBuilder.Configuration[SampleServices.SamplesEnvironmentKey] = environment;
            }
            foreach (var project in applicationBuilder.Resources.OfType<ProjectResource>())
            {
                var copy = CopyOfProject(project.Name);
                project.Annotations.Add(new EnvironmentCallbackAnnotation(context => Configure(context.EnvironmentVariables, copy switch
                {
                    OffCopy => PipelineMode.Off,
                    DevelopmentCopy => PipelineMode.Development,
                    FetchWaitCopy => PipelineMode.OnLibrdkafkaDefaultFetchWait,
                    AtLeastOnceCopy => PipelineMode.OnAtLeastOnce,
                    _ => monitoredMode(),
                }, otlpEndpoint)));
            }
        }

        protected override void OnBuilt(DistributedApplication application) => App = application;
    }
}
