using System.Buffers;
using System.Diagnostics.Metrics;
using System.Text;
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
        Consumed = CreateCounter("messages_consumed", "Messages consumed, by topic.", "topic");
        Produced = CreateCounter("messages_produced", "Messages produced, by topic.", "topic");
        Errors = CreateCounter("messages_errors", "Errors while handling messages, by exception type name.", "exception");
    }

    /// <summary>The value of the <c>app</c> label on every series.</summary>
    public string AppName { get; }

    /// <summary>The Meter; create Counter/Histogram instruments with <see cref="CreateMeterCounter{T}"/> to have them exposed.</summary>
    public Meter Meter { get; }

    /// <summary><c>messages_consumed{app,job,topic}</c>.</summary>
    public MetricCounter Consumed { get; }

    /// <summary><c>messages_produced{app,job,topic}</c>.</summary>
    public MetricCounter Produced { get; }

    /// <summary><c>messages_errors{app,job,exception}</c>, exception being the exception's type name.</summary>
    public MetricCounter Errors { get; }

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

    /// <summary>Registers (or returns the identical, already registered) counter. Throws <see cref="ArgumentException"/> on invalid names.</summary>
    public MetricCounter CreateCounter(string name, string help, params string[] labelNames)
    {
        ArgumentNullException.ThrowIfNull(help);
        return _registry.GetOrAdd(name, () =>
        {
            var counter = new MetricCounter(_registry, name, help, labelNames);
            Meter.CreateObservableCounter(name, counter.Observe, description: help);
            return counter;
        }, c => c.IsSame(help, labelNames));
    }

    /// <summary>Registers (or returns the identical, already registered) gauge. Throws <see cref="ArgumentException"/> on invalid names.</summary>
    public MetricGauge CreateGauge(string name, string help, params string[] labelNames)
    {
        ArgumentNullException.ThrowIfNull(help);
        return _registry.GetOrAdd(name, () =>
        {
            var gauge = new MetricGauge(_registry, name, help, labelNames);
            Meter.CreateObservableGauge(name, gauge.Observe, description: help);
            return gauge;
        }, g => g.IsSame(help, labelNames));
    }

    /// <summary>
    /// Registers (or returns the identical, already registered) histogram with bucket upper bounds
    /// <paramref name="buckets"/> (default <see cref="MetricHistogram.DefaultBuckets"/>; +Inf is always added).
    /// </summary>
    public MetricHistogram CreateHistogram(string name, string help, IReadOnlyList<double>? buckets, params string[] labelNames)
    {
        ArgumentNullException.ThrowIfNull(help);
        return _registry.GetOrAdd(name, () => new MetricHistogram(_registry, name, help, buckets, labelNames), h => h.IsSame(help, labelNames, buckets));
    }

    /// <summary>
    /// Creates a Meter <see cref="Counter{T}"/> (T: int, long, float or double) whose measurements are exposed as
    /// counter <paramref name="name"/>; tags named in <paramref name="labelNames"/> become labels, others are ignored.
    /// </summary>
    public Counter<T> CreateMeterCounter<T>(string name, string help, params string[] labelNames)
        where T : struct
    {
        EnsureSupported<T>();
        ArgumentNullException.ThrowIfNull(help);
        var family = _registry.GetOrAdd(name, () => new MetricCounter(_registry, name, help, labelNames), c => c.IsSame(help, labelNames));
        return _capture.Create(family, meter => meter.CreateCounter<T>(name, description: help));
    }

    /// <summary>Creates a Meter <see cref="Histogram{T}"/> whose measurements are exposed as histogram <paramref name="name"/>.</summary>
    public Histogram<T> CreateMeterHistogram<T>(string name, string help, IReadOnlyList<double>? buckets, params string[] labelNames)
        where T : struct
    {
        EnsureSupported<T>();
        var family = CreateHistogram(name, help, buckets, labelNames);
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
