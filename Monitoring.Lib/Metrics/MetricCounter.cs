using System.Diagnostics.Metrics;
using Monitoring.Lib.Metrics.Internal;

namespace Monitoring.Lib.Metrics;

/// <summary>
/// A counter family (a value that only goes up), one series per combination of label values.
/// Bind a series once with <see cref="WithLabels(string[])"/> and keep it for the hot path.
/// </summary>
internal sealed class MetricCounter : IMetricFamily
{
    private readonly FamilyHeader _header;
    private readonly SeriesTable<CounterSeries> _series;
    private readonly string[] _labelNames;

    internal MetricCounter(MetricsRegistry registry, string name, string help, string[] labelNames)
    {
        _header = new FamilyHeader(name, help, "counter");
        _labelNames = MetricNames.ValidateLabelNames(name, labelNames, isHistogram: false);
        _series = new SeriesTable<CounterSeries>(values => new CounterSeries(registry, _labelNames, values));
        Public = new(name, help, _labelNames, WithLabels);
        if (_labelNames.Length == 0)
        {
            // A family without labels has exactly one series; create it now so it is exposed (as 0) from the start.
            _series.Get([]);
        }
    }

    /// <summary>The metric name.</summary>
    public string Name => _header.Name;

    /// <summary>The HELP text.</summary>
    public string Help => _header.Help;

    /// <summary>The label names, in the order <see cref="WithLabels(string[])"/> expects their values.</summary>
    public IReadOnlyList<string> LabelNames => _labelNames;

    /// <summary>The family as users see it (<see cref="MetricsManager.CreateCounter"/>): one instance per family.</summary>
    internal MetricFamily<CounterSeries> Public { get; }

    internal string[] LabelNameArray => _labelNames;

    /// <summary>
    /// The series for these label values (created on first use). Null values read as empty.
    /// Throws <see cref="ArgumentException"/> when the number of values differs from the number of label names.
    /// </summary>
    public CounterSeries WithLabels(params string[] labelValues) =>
        _series.GetChecked(Name, _labelNames, labelValues);

    /// <summary>The series of a one-label family, found without allocating once it exists.</summary>
    internal CounterSeries WithLabel(string labelValue)
    {
        ReadOnlySpan<KeyValuePair<string, object?>> tags = [new(_labelNames[0], labelValue)];
        return _series.Get(new TagValues(tags, _labelNames));
    }

    internal CounterSeries WithTags(ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _series.Get(new TagValues(tags, _labelNames));

    internal IEnumerable<Measurement<double>> Observe()
    {
        foreach (var series in _series.Ordered)
        {
            yield return new Measurement<double>(series.Value, LabelTags.Create(_labelNames, ((ISeries)series).LabelValues));
        }
    }

    internal bool IsSame(string help, string[] labelNames) => help == Help && labelNames.SequenceEqual(_labelNames);

    void IMetricFamily.Write(ExpositionWriter writer)
    {
        writer.Write(_header.Lines);
        foreach (var series in _series.Ordered)
        {
            series.Write(writer, _header.NameBytes);
        }
    }
}
