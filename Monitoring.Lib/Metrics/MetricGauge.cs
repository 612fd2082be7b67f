using System.Diagnostics.Metrics;
using Monitoring.Lib.Metrics.Internal;

namespace Monitoring.Lib.Metrics;

/// <summary>A gauge family (a value that goes up and down), one series per combination of label values.</summary>
internal sealed class MetricGauge : IMetricFamily
{
    private readonly FamilyHeader _header;
    private readonly SeriesTable<GaugeSeries> _series;
    private readonly string[] _labelNames;

    internal MetricGauge(MetricsRegistry registry, string name, string help, string[] labelNames)
    {
        _header = new FamilyHeader(name, help, "gauge");
        _labelNames = MetricNames.ValidateLabelNames(name, labelNames, isHistogram: false);
        _series = new SeriesTable<GaugeSeries>(values => new GaugeSeries(registry, _labelNames, values));
        Public = new(name, help, _labelNames, WithLabels);
        if (_labelNames.Length == 0)
        {
            _series.Get([]);
        }
    }

    /// <summary>The metric name.</summary>
    public string Name => _header.Name;

    /// <summary>The HELP text.</summary>
    public string Help => _header.Help;

    /// <summary>The label names, in the order <see cref="WithLabels(string[])"/> expects their values.</summary>
    public IReadOnlyList<string> LabelNames => _labelNames;

    /// <summary>The family as users see it (<see cref="MetricsManager.CreateGauge"/>): one instance per family.</summary>
    internal MetricFamily<GaugeSeries> Public { get; }

    /// <summary>
    /// The series for these label values (created on first use). Null values read as empty.
    /// Throws <see cref="ArgumentException"/> when the number of values differs from the number of label names.
    /// </summary>
    public GaugeSeries WithLabels(params string[] labelValues) =>
        _series.GetChecked(Name, _labelNames, labelValues);

    internal bool IsSame(string help, string[] labelNames) => help == Help && labelNames.SequenceEqual(_labelNames);

    internal IEnumerable<Measurement<double>> Observe()
    {
        foreach (var series in _series.Ordered)
        {
            yield return new Measurement<double>(series.Value, LabelTags.Create(_labelNames, ((ISeries)series).LabelValues));
        }
    }

    void IMetricFamily.Write(ExpositionWriter writer)
    {
        writer.Write(_header.Lines);
        foreach (var series in _series.Ordered)
        {
            series.Write(writer, _header.NameBytes);
        }
    }
}
