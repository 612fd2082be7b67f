using System.Buffers;
using System.Diagnostics.Metrics;
using System.Text;
using Monitoring.Lib.Kafka.Internal;
using Monitoring.Lib.Metrics.Internal;

namespace Monitoring.Lib.Metrics;

/// <summary>
/// The app's metrics: the three standard families of the reference design plus the app's own counters,
/// gauges and histograms, every series labelled <c>app</c>. Built on a <see cref="System.Diagnostics.Metrics.Meter"/>
/// named <see cref="MeterName"/>, so dotnet-counters and OpenTelemetry see the same metrics.
/// </summary>
/// <remarks>
/// The <c>job</c> label (the pod name) is not written by the manager: <see cref="MetricsPusher"/> pushes to the
/// group <c>/metrics/job/{pod}</c> and the Pushgateway adds it, since pushed series must not carry grouping labels.
/// </remarks>
public sealed class MetricsManager : IDisposable
{
    /// <summary>The name of the Meter every instrument of the manager belongs to.</summary>
    public const string MeterName = "Monitoring.Lib.Metrics";

    /// <summary>The content type of <see cref="WriteTo"/>'s output: the Prometheus text format 0.0.4.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MetricsRegistry _registry;
    private readonly MeasurementCapture _capture;

    /// <summary>Creates the manager and its Meter (through <paramref name="meterFactory"/>) for app <paramref name="appName"/>.</summary>
    public MetricsManager(IMeterFactory meterFactory, string appName)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentException.ThrowIfNullOrWhiteSpace(appName);
        AppName = appName;
        _registry = new MetricsRegistry(appName);
        Meter = meterFactory.Create(new MeterOptions(MeterName));
        _capture = new MeasurementCapture(Meter);
        Messaging = new KafkaMessagingMetrics(meterFactory);
        Consumed = Counter("messages_consumed", "Messages consumed, by topic.", "topic");
        Produced = Counter("messages_produced", "Messages produced, by topic.", "topic");
        Errors = Counter("messages_errors", "Errors while handling messages, by exception type name.", "exception");
    }

    /// <summary>The value of the <c>app</c> label on every series.</summary>
    public string AppName { get; }

    /// <summary>
    /// Prometheus' default bucket upper bounds, for latencies in seconds:
    /// 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 (and +Inf, always added).
    /// </summary>
    public static IReadOnlyList<double> DefaultBuckets { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>OpenTelemetry's messaging instruments for the Kafka clients, on their own Meter (<c>Monitoring.Lib.Kafka</c>).</summary>
    internal KafkaMessagingMetrics Messaging { get; }

    /// <summary>The Meter every family is observed through (OpenTelemetry, dotnet-counters).</summary>
    internal Meter Meter { get; }

    /// <summary><c>messages_consumed{app,job,topic}</c>.</summary>
    internal MetricCounter Consumed { get; }

    /// <summary><c>messages_produced{app,job,topic}</c>.</summary>
    internal MetricCounter Produced { get; }

    /// <summary><c>messages_errors{app,job,exception}</c>, exception being the exception's type name.</summary>
    internal MetricCounter Errors { get; }

    /// <summary>Measurements dropped as invalid (negative counter increments, NaN observations) since start.</summary>
    public long InvalidMeasurements => _registry.InvalidMeasurements;

    /// <summary>Counts <paramref name="count"/> messages consumed from <paramref name="topic"/>.</summary>
    public void CountConsumed(string topic, long count = 1) => Consumed.WithLabel(topic ?? "").Add(count);

    /// <summary>Counts <paramref name="count"/> messages produced to <paramref name="topic"/>.</summary>
    public void CountProduced(string topic, long count = 1) => Produced.WithLabel(topic ?? "").Add(count);

    /// <summary>Counts one error labelled with the exception's type name (e.g. <c>TimeoutException</c>).</summary>
    public void CountError(Exception exception) => CountError(exception?.GetType().Name ?? nameof(Exception));

    /// <summary>Counts one error labelled <paramref name="exceptionTypeName"/>; null or empty counts as <c>Unknown</c>.</summary>
    public void CountError(string exceptionTypeName) =>
        Errors.WithLabel(string.IsNullOrEmpty(exceptionTypeName) ? "Unknown" : exceptionTypeName).Increment();

    /// <summary>
    /// Registers (or returns the identical, already registered) counter family <paramref name="name"/>: the one way to
    /// make a counter. Throws <see cref="ArgumentException"/> on an invalid name, or a name registered with other HELP
    /// text or labels.
    /// </summary>
    public MetricFamily<CounterSeries> CreateCounter(string name, string help, params string[] labelNames)
    {
        return Counter(name, help, labelNames).Public;
    }

    /// <summary>Registers (or returns the identical, already registered) gauge family: the one way to make a gauge; see <see cref="CreateCounter"/>.</summary>
    public MetricFamily<GaugeSeries> CreateGauge(string name, string help, params string[] labelNames)
    {
        return Gauge(name, help, labelNames).Public;
    }

    /// <summary>
    /// Registers (or returns the identical, already registered) histogram family with bucket upper bounds
    /// <paramref name="buckets"/> (default <see cref="DefaultBuckets"/>; +Inf is always added): the one way to make a
    /// histogram; see <see cref="CreateCounter"/>.
    /// </summary>
    public MetricFamily<HistogramSeries> CreateHistogram(string name, string help, IReadOnlyList<double>? buckets, params string[] labelNames)
    {
        return Histogram(name, help, buckets, labelNames).Public;
    }

    internal MetricCounter Counter(string name, string help, params string[] labelNames)
    {
        ArgumentNullException.ThrowIfNull(help);
        return _registry.GetOrAdd(name, () =>
        {
            var counter = new MetricCounter(_registry, name, help, labelNames);
            Meter.CreateObservableCounter(name, counter.Observe, description: help);
            return counter;
        }, c => c.IsSame(help, labelNames));
    }

    internal MetricGauge Gauge(string name, string help, params string[] labelNames)
    {
        ArgumentNullException.ThrowIfNull(help);
        return _registry.GetOrAdd(name, () =>
        {
            var gauge = new MetricGauge(_registry, name, help, labelNames);
            Meter.CreateObservableGauge(name, gauge.Observe, description: help);
            return gauge;
        }, g => g.IsSame(help, labelNames));
    }

    internal MetricHistogram Histogram(string name, string help, IReadOnlyList<double>? buckets, params string[] labelNames)
    {
        ArgumentNullException.ThrowIfNull(help);
        return _registry.GetOrAdd(name, () => new MetricHistogram(_registry, name, help, buckets, labelNames), h => h.IsSame(help, labelNames, buckets));
    }

    /// <summary>
    /// Creates a Meter <see cref="Counter{T}"/> (T: int, long, float or double) whose measurements are exposed as
    /// counter <paramref name="name"/>; tags named in <paramref name="labelNames"/> become labels, others are ignored.
    /// </summary>
    internal Counter<T> CreateMeterCounter<T>(string name, string help, params string[] labelNames)
        where T : struct
    {
        EnsureSupported<T>();
        ArgumentNullException.ThrowIfNull(help);
        var family = _registry.GetOrAdd(name, () => new MetricCounter(_registry, name, help, labelNames), c => c.IsSame(help, labelNames));
        return _capture.Create(family, meter => meter.CreateCounter<T>(name, description: help));
    }

    /// <summary>Creates a Meter <see cref="Histogram{T}"/> whose measurements are exposed as histogram <paramref name="name"/>.</summary>
    internal Histogram<T> CreateMeterHistogram<T>(string name, string help, IReadOnlyList<double>? buckets, params string[] labelNames)
        where T : struct
    {
        EnsureSupported<T>();
        var family = Histogram(name, help, buckets, labelNames);
        return _capture.Create(family, meter => meter.CreateHistogram<T>(name, description: help));
    }

    /// <summary>Writes every metric in the Prometheus text format 0.0.4 (families by name, series by label values).</summary>
    public void WriteTo(IBufferWriter<byte> buffer) => _registry.WriteTo(buffer);

    /// <summary>The exposition as a string; convenient for diagnostics, allocates. Hot paths use <see cref="WriteTo"/>.</summary>
    public string GetText()
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteTo(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Stops capturing Meter measurements. The Meter itself belongs to the <see cref="IMeterFactory"/>.</summary>
    public void Dispose() => _capture.Dispose();

    private static void EnsureSupported<T>()
    {
        if (typeof(T) != typeof(long) && typeof(T) != typeof(int) && typeof(T) != typeof(double) && typeof(T) != typeof(float))
        {
            throw new NotSupportedException($"Meter instruments of {typeof(T).Name} are not captured; use int, long, float or double.");
        }
    }
}
