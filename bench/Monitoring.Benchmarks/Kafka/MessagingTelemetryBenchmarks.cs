using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Lib.Kafka.Internal;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Monitoring.Benchmarks.Kafka;

/// <summary>
/// What OpenTelemetry's messaging instruments add to one message (its send on the producer and its poll on the
/// consumer: two counters and two duration histograms), with nothing listening and with the OpenTelemetry SDK
/// aggregating them as ServiceDefaults' meter provider does, side by side in one run.
/// Run: dotnet run -c Release --project bench/Monitoring.Benchmarks -- --filter '*MessagingTelemetry*'
/// </summary>
[MemoryDiagnoser]
public class MessagingTelemetryBenchmarks
{
    private const string Topic = "forms";
    private const string Group = "sample-consumer";
    private ServiceProvider _services = null!;
    private KafkaMessagingMetrics _messaging = null!;
    private MeterProvider? _provider;

    // Each case runs in its own process with its own set-up: the SDK would listen to every Meter of the name in the process.
    [GlobalSetup(Target = nameof(NoListener))]
    public void SetupUnobserved()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _messaging = new KafkaMessagingMetrics(_services.GetRequiredService<IMeterFactory>());
    }

    [GlobalSetup(Target = nameof(OpenTelemetryListening))]
    public void SetupObserved()
    {
        SetupUnobserved();
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(KafkaMessagingMetrics.MeterName)
            .AddInMemoryExporter(new List<Metric>(), reader => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = int.MaxValue)
            .Build();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider?.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void NoListener() => OneMessage(_messaging);

    [Benchmark]
    public void OpenTelemetryListening() => OneMessage(_messaging);

    private static void OneMessage(KafkaMessagingMetrics messaging)
    {
        // As the clients do: the clock is read only when a duration is listened to.
        var start = messaging.TimesOperations ? Stopwatch.GetTimestamp() : 0;
        messaging.Sent(Topic, ErrorCode.NoError, start);
        messaging.Consumed(Topic, Group, start);
    }
}
