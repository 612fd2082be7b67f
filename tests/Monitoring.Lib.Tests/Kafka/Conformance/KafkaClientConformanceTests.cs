using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitoring.Lib.Tests.Fixtures;

namespace Monitoring.Lib.Tests.Kafka.Conformance;

/// <summary>
/// The behaviours of Aspire's component conformance tests that apply to a Kafka client registration, run for the
/// producer and the consumer. Left out: the tracer- and meter-provider tests (this library registers no OpenTelemetry
/// provider; ServiceDefaults does) and the configuration-schema tests (no schema ships yet).
/// </summary>
public abstract class KafkaClientConformanceTests<TClient, TSettings>(KafkaCluster cluster)
    where TClient : class
    where TSettings : class
{
    /// <summary>Aspire's section of this client kind: <c>Aspire:Confluent:Kafka:Producer</c> or <c>:Consumer</c>.</summary>
    protected abstract string Section { get; }

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
        builder.Configuration.AddInMemoryCollection([
            // As Aspire's harness does: a consumer needs a group.
            new("Aspire:Confluent:Kafka:Consumer:Config:GroupId", "conformance"),
            new("Monitoring:Metrics:PushEnabled", "false"),
            .. values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)),
        ]);
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
