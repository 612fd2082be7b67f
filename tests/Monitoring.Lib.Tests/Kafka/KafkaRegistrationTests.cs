using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Kafka.Internal;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>The registrations in Aspire.Confluent.Kafka's shape: its sections, keyed clients, a health check per connection, logs.</summary>
[Collection(KafkaClusterDefinition.Name)]
public sealed class KafkaRegistrationTests(KafkaCluster cluster)
{
    [Fact]
    public void Read_Sections_MonitoringThenAspireGeneralThenNamedThenConnectionString()
    {
        var configuration = Configuration(
            ("ConnectionStrings:audit", "k1:9092"),
            ("Aspire:Confluent:Kafka:Producer:audit:ConnectionString", "k2:9092"),
            ("Monitoring:Kafka:BootstrapServers", "k3:9092"),
            ("Aspire:Confluent:Kafka:Producer:Config:Acks", "All"),
            ("Aspire:Confluent:Kafka:Producer:Config:LingerMs", "5"),
            ("Aspire:Confluent:Kafka:Producer:audit:Config:LingerMs", "7"),
            ("Aspire:Confluent:Kafka:Producer:audit:DisableTracing", "true"),
            ("Aspire:Confluent:Kafka:Consumer:Config:AutoOffsetReset", "Earliest"),
            ("Monitoring:Kafka:Properties:acks", "1"));

        var producer = KafkaSettingsReader.Read(configuration, "audit", KafkaClientRoles.Producer);
        var other = KafkaSettingsReader.Read(configuration, "events", KafkaClientRoles.Producer);

        // Config:Acks=All is Confluent.Kafka's name for librdkafka's acks=-1.
        Assert.Equal(("k1:9092", "-1", "7", true), (producer.BootstrapServers, producer.Properties["acks"], producer.Properties["linger.ms"], producer.DisableTracing));
        Assert.Equal(("k3:9092", "5", false), (other.BootstrapServers, other.Properties["linger.ms"], other.DisableTracing));
        Assert.False(producer.Properties.ContainsKey("auto.offset.reset"));
        Assert.Equal("earliest", KafkaSettingsReader.Read(configuration, "audit", KafkaClientRoles.Consumer).Properties["auto.offset.reset"]);
    }

    [Fact]
    public async Task AddKeyedKafkaProducer_TwoNames_TwoProducersAndAHealthCheckEach()
    {
        var builder = Builder(("ConnectionStrings:events", cluster.Bootstrap), ("ConnectionStrings:audit", cluster.Bootstrap));
        builder.AddKeyedKafkaProducer<string, string>("events");
        builder.AddKeyedKafkaProducer<string, string>("audit");
        using var host = builder.Build();
        var topic = cluster.Unique("keyed");

        var events = host.Services.GetRequiredKeyedService<MonitoredProducer<string, string>>("events");
        var audit = host.Services.GetRequiredKeyedService<MonitoredProducer<string, string>>("audit");
        await events.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "from events" }, TestContext.Current.CancellationToken);
        await audit.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "from audit" }, TestContext.Current.CancellationToken);
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.NotSame(events, audit);
        Assert.Equal(["from audit", "from events"], cluster.ReadAll(topic, 2).Select(m => m.Message.Value).Order(StringComparer.Ordinal));
        Assert.Equal([("audit", HealthStatus.Healthy), ("events", HealthStatus.Healthy)],
            report.Entries.Select(e => (e.Key, e.Value.Status)).Order());
    }

    [Fact]
    public async Task AddKafkaProducer_ConnectionStringOnlyInTheAspireSection_ProducesThroughIt()
    {
        var topic = cluster.Unique("section");
        var builder = Builder(("Aspire:Confluent:Kafka:Producer:ConnectionString", cluster.Bootstrap));
        builder.AddKafkaProducer<string, string>("kafka");
        using var host = builder.Build();

        await host.Services.GetRequiredService<IProducer<string, string>>()
            .ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" }, TestContext.Current.CancellationToken);

        Assert.Equal("v", Assert.Single(cluster.ReadAll(topic, 1)).Message.Value);
    }

    [Fact]
    public async Task AddKafkaProducer_BuilderDelegateWithServices_SerializerFromTheContainer()
    {
        var topic = cluster.Unique("serializer");
        var builder = Builder(("ConnectionStrings:kafka", cluster.Bootstrap));
        builder.Services.AddSingleton<ISerializer<string>, ShoutingSerializer>();
        builder.AddKafkaProducer<string, string>("kafka", (services, producer) => producer.SetValueSerializer(services.GetRequiredService<ISerializer<string>>()));
        using var host = builder.Build();

        await host.Services.GetRequiredService<IProducer<string, string>>()
            .ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "quiet" }, TestContext.Current.CancellationToken);

        Assert.Equal("QUIET", Assert.Single(cluster.ReadAll(topic, 1)).Message.Value);
    }

    [Fact]
    public void AddKafkaProducer_NamedSectionDisablesHealthChecksOverTopLevel_NoConnectionInformation_RegistersNoCheck()
    {
        var builder = Builder(
            ("Aspire:Confluent:Kafka:Producer:DisableHealthChecks", "false"),
            ("Aspire:Confluent:Kafka:Producer:kafka:DisableHealthChecks", "true"));

        builder.AddKafkaProducer<string, string>("kafka");

        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(HealthCheckService));
    }

    [Fact]
    public void AddKafkaProducer_Twice_RefusedNamingTheKeyedVariant()
    {
        var builder = Builder(("ConnectionStrings:kafka", cluster.Bootstrap));
        builder.AddKafkaProducer<string, string>("kafka");

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddKafkaProducer<string, string>("kafka"));

        Assert.Contains("AddKeyedKafkaProducer(name)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddKafkaProducer_DisableHealthChecksInAspireSection_NoCheck()
    {
        var builder = Builder(("ConnectionStrings:kafka", cluster.Bootstrap), ("Aspire:Confluent:Kafka:Producer:DisableHealthChecks", "true"));
        builder.Services.AddHealthChecks();
        builder.AddKafkaProducer<string, string>("kafka");
        using var host = builder.Build();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Empty(report.Entries);
    }

    [Fact]
    public async Task Producer_NoBrokerListening_LibrdkafkaErrorsReachTheAspireConfluentKafkaLogger()
    {
        var lines = new ConcurrentQueue<(string Category, LogLevel Level, string Text)>();
        var builder = Builder(("ConnectionStrings:kafka", $"127.0.0.1:{FreePort.Next()}"));
        builder.Logging.AddProvider(new RecordingLoggerProvider(lines));
        builder.AddKafkaProducer<string, string>("kafka");
        using var host = builder.Build();

        _ = host.Services.GetRequiredService<MonitoredProducer<string, string>>();

        await Eventually.TrueAsync(() => Task.FromResult(lines.Any(l => l is { Category: "Aspire.Confluent.Kafka", Level: LogLevel.Warning } && l.Text.Contains("Local_", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(20), "a librdkafka error about the unreachable broker on the Confluent.Kafka logger");
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static HostApplicationBuilder Builder(params (string Key, string Value)[] values)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "kafka-registration" });
        builder.Configuration.AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));
        builder.Services.AddLogging();
        return builder;
    }

    private sealed class ShoutingSerializer : ISerializer<string>
    {
        public byte[] Serialize(string data, SerializationContext context) => System.Text.Encoding.UTF8.GetBytes(data.ToUpperInvariant());
    }

    private sealed class RecordingLoggerProvider(ConcurrentQueue<(string, LogLevel, string)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class RecordingLogger(string category, ConcurrentQueue<(string, LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
