using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Monitoring.Lib.Tests.Kafka.Conformance;

/// <summary>
/// The behaviours of Aspire's component conformance tests that apply to a Kafka client registration, run for the
/// producer and the consumer. The configuration-schema tests are the schema's own (Configuration/ConfigurationSchemaTests).
/// </summary>
public abstract class KafkaClientConformanceTests<TClient, TSettings>(KafkaCluster cluster)
    where TClient : class
    where TSettings : class
{
    /// <summary>Aspire's section of this client kind: <c>Aspire:Confluent:Kafka:Producer</c> or <c>:Consumer</c>.</summary>
    protected abstract string Section { get; }

    /// <summary>The DevKafka cluster the clients talk to.</summary>
    protected KafkaCluster Cluster => cluster;

    /// <summary>The messaging instrument one message through this client records.</summary>
    protected abstract string MessagingInstrument { get; }

    /// <summary>Sends (or receives) one message on <paramref name="topic"/> through the registered client.</summary>
    protected abstract Task ExerciseAsync(IServiceProvider services, string topic);

    /// <summary>Adds the client of connection <paramref name="name"/>, keyed by it when <paramref name="keyed"/>.</summary>
    protected abstract void Add(IHostApplicationBuilder builder, string name, bool keyed, Action<TSettings>? configureSettings = null);

    [Fact]
    public void SettingsClass_IsSealed() => Assert.True(typeof(TSettings).IsSealed);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HealthCheck_RegisteredUnlessDisabled(bool disabled)
    {
        var builder = Builder(("ConnectionStrings:kafka", cluster.Bootstrap), ($"{Section}:DisableHealthChecks", disabled ? "true" : "false"));

        Add(builder, "kafka", keyed: false);

        Assert.Equal(!disabled, HealthCheckNames(builder).Contains("kafka"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tracing_RegistersATracerProviderUnlessDisabled(bool disabled)
    {
        var builder = Builder(("ConnectionStrings:kafka", cluster.Bootstrap), ($"{Section}:DisableTracing", disabled ? "true" : "false"));
        Add(builder, "kafka", keyed: false);
        using var host = builder.Build();

        Assert.Equal(!disabled, host.Services.GetService<TracerProvider>() is not null);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Metrics_TheMessagingMeterJoinsTheMeterProviderUnlessDisabled(bool disabled)
    {
        var exported = new List<Metric>();
        // A group of its own: joining the shared one would wait for its rebalance.
        var builder = Builder(("ConnectionStrings:kafka", cluster.Bootstrap), ($"{Section}:DisableMetrics", disabled ? "true" : "false"),
            ("Aspire:Confluent:Kafka:Consumer:Config:GroupId", cluster.Unique("g")));
        Add(builder, "kafka", keyed: false);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddInMemoryExporter(exported));
        using var host = builder.Build();
        var provider = host.Services.GetRequiredService<MeterProvider>();

        await ExerciseAsync(host.Services, cluster.Unique("meter"));
        provider.ForceFlush();

        Assert.Equal(!disabled, exported.Any(metric => metric.Name == MessagingInstrument));
    }

    [Fact]
    public void KeyedClients_EachRegistersItsOwnHealthCheckNamedAfterItsKey()
    {
        var builder = Builder(("ConnectionStrings:one", cluster.Bootstrap), ("ConnectionStrings:two", cluster.Bootstrap));

        Add(builder, "one", keyed: true);
        Add(builder, "two", keyed: true);

        Assert.Equal(["one", "two"], HealthCheckNames(builder).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Client_IsASingleton(bool keyed)
    {
        var builder = Builder(("ConnectionStrings:kafka", cluster.Bootstrap));
        Add(builder, "kafka", keyed);
        using var host = builder.Build();

        var first = Resolve(host.Services, keyed ? "kafka" : null);
        var second = Resolve(host.Services, keyed ? "kafka" : null);

        Assert.Same(first, second);
        Assert.Equal(ServiceLifetime.Singleton, Assert.Single(builder.Services, d => d.ServiceType == typeof(TClient)).Lifetime);
    }

    [Fact]
    public void KeyedClients_DistinctInstancesAndNoneWithoutItsKey()
    {
        var builder = Builder(("ConnectionStrings:one", cluster.Bootstrap), ("ConnectionStrings:two", cluster.Bootstrap));
        Add(builder, "one", keyed: true);
        Add(builder, "two", keyed: true);
        using var host = builder.Build();

        Assert.NotSame(Resolve(host.Services, "one"), Resolve(host.Services, "two"));
        Assert.Null(host.Services.GetService<TClient>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NoConnectionInformation_RegistrationSucceedsAndTheFirstResolveThrows(bool keyed)
    {
        var builder = Builder();
        Add(builder, "kafka", keyed);
        using var host = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => Resolve(host.Services, keyed ? "kafka" : null));

        Assert.StartsWith("ConnectionStrings:kafka is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamedSection_WinsOverTopLevel_DisableHealthChecksWithoutConnectionInformation()
    {
        var builder = Builder(($"{Section}:DisableHealthChecks", "false"), ($"{Section}:kafka:DisableHealthChecks", "true"));

        Add(builder, "kafka", keyed: true);

        Assert.Empty(HealthCheckNames(builder));
    }

    [Fact]
    public async Task HealthCheck_NoServerListening_Unhealthy()
    {
        var builder = Builder(("ConnectionStrings:kafka", $"127.0.0.1:{FreePort.Next()}"));
        Add(builder, "kafka", keyed: false);
        using var host = builder.Build();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["kafka"].Status);
    }

    [Fact]
    public async Task Client_LogsThroughTheContainersLoggerFactory_EvenOneAddedAfterIt()
    {
        var lines = new ConcurrentQueue<string>();
        var builder = Builder(("ConnectionStrings:kafka", $"127.0.0.1:{FreePort.Next()}"));
        Add(builder, "kafka", keyed: false);
        builder.Services.AddSingleton<ILoggerFactory>(new RecordingLoggerFactory(lines));
        using var host = builder.Build();

        _ = Resolve(host.Services, null);

        await Eventually.TrueAsync(() => Task.FromResult(lines.Contains("Aspire.Confluent.Kafka")), TimeSpan.FromSeconds(20),
            "a librdkafka line about the unreachable broker through the container's logger factory");
    }

    private static TClient Resolve(IServiceProvider services, string? key) =>
        key is null ? services.GetRequiredService<TClient>() : services.GetRequiredKeyedService<TClient>(key);

    private static List<string> HealthCheckNames(HostApplicationBuilder builder)
    {
        using var services = builder.Services.BuildServiceProvider();
        return services.GetService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>()?.Value.Registrations.Select(r => r.Name).ToList() ?? [];
    }

    private static HostApplicationBuilder Builder(params (string Key, string Value)[] values)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "conformance" });
        // As Aspire's harness does: a consumer needs a group (a test may give its own: the later source wins).
        builder.Configuration.AddInMemoryCollection([
            new("Aspire:Confluent:Kafka:Consumer:Config:GroupId", "conformance"),
            new("Aspire:Confluent:Kafka:Consumer:Config:AutoOffsetReset", "Earliest"),
            new("Monitoring:Metrics:PushEnabled", "false"),
        ]);
        builder.Configuration.AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));
        builder.Services.AddLogging();
        return builder;
    }

    /// <summary>Records the category of every line logged at Warning or above.</summary>
    private sealed class RecordingLoggerFactory(ConcurrentQueue<string> categories) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, categories);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private sealed class RecordingLogger(string category, ConcurrentQueue<string> categories) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Warning)
                {
                    categories.Enqueue(category);
                }
            }
        }
    }
}
