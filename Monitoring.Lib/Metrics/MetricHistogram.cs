using System.Text;
using Monitoring.Lib.Metrics.Internal;

namespace Monitoring.Lib.Metrics;

/// <summary>
/// A histogram family: observations counted into cumulative buckets (<c>_bucket{le=...}</c>) plus
/// <c>_sum</c> and <c>_count</c>, one series per combination of label values.
/// </summary>
internal sealed class MetricHistogram : IMetricFamily
{
    private readonly FamilyHeader _header;
    private readonly SeriesTable<HistogramSeries> _series;
    private readonly string[] _labelNames;
    private readonly double[] _bounds;
    private readonly byte[] _bucketName;
    private readonly byte[] _sumName;
    private readonly byte[] _countName;
    private readonly byte[][] _leLabels;

    internal MetricHistogram(MetricsRegistry registry, string name, string help, IReadOnlyList<double>? buckets, string[] labelNames)
    {
        _header = new FamilyHeader(name, help, "histogram");
        _labelNames = MetricNames.ValidateLabelNames(name, labelNames, isHistogram: true);
        _bounds = ValidateBuckets(name, buckets ?? MetricsManager.DefaultBuckets);
        _bucketName = _header.Suffixed("_bucket");
        _sumName = _header.Suffixed("_sum");
        _countName = _header.Suffixed("_count");
        _leLabels = [.. _bounds.Append(double.PositiveInfinity).Select(b => Encoding.UTF8.GetBytes($"le=\"{TextEncoding.FormatBound(b)}\""))];
        _series = new SeriesTable<HistogramSeries>(values => new HistogramSeries(registry, _bounds, _labelNames, values));
        Public = new(name, help, _labelNames, WithLabels);
        if (_labelNames.Length == 0)
        {
            _series.Get([]);
        }
    }

    /// <summary>The metric name (without the <c>_bucket</c>/<c>_sum</c>/<c>_count</c> suffixes).</summary>
    public string Name => _header.Name;

    /// <summary>The HELP text.</summary>
    public string Help => _header.Help;

    /// <summary>The label names, in the order <see cref="WithLabels(string[])"/> expects their values.</summary>
    public IReadOnlyList<string> LabelNames => _labelNames;

    /// <summary>The family as users see it (<see cref="MetricsManager.CreateHistogram"/>): one instance per family.</summary>
    internal MetricFamily<HistogramSeries> Public { get; }

    /// <summary>The finite bucket upper bounds, ascending (+Inf is implied).</summary>
    public IReadOnlyList<double> Buckets => _bounds;

    /// <summary>
    /// The series for these label values (created on first use). Null values read as empty.
    /// Throws <see cref="ArgumentException"/> when the number of values differs from the number of label names.
    /// </summary>
    public HistogramSeries WithLabels(params string[] labelValues) =>
        _series.GetChecked(Name, _labelNames, labelValues);

    internal HistogramSeries WithTags(ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _series.Get(new TagValues(tags, _labelNames));

    internal bool IsSame(string help, string[] labelNames, IReadOnlyList<double>? buckets) =>
        help == Help && labelNames.SequenceEqual(_labelNames) && (buckets ?? MetricsManager.DefaultBuckets).Where(double.IsFinite).SequenceEqual(_bounds);

    void IMetricFamily.Write(ExpositionWriter writer)
    {
        writer.Write(_header.Lines);
        foreach (var series in _series.Ordered)
        {
            series.Write(writer, _bucketName, _leLabels, _sumName, _countName);
        }
    }

    private static double[] ValidateBuckets(string name, IReadOnlyList<double> buckets)
    {
        // +Inf is always the last bucket; accept it in the list but do not store it twice.
        var bounds = buckets.Where(b => !double.IsPositiveInfinity(b)).ToArray();
        for (var i = 0; i < bounds.Length; i++)
        {
            if (!double.IsFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
            {
                throw new ArgumentException(
                    $"Metric '{name}': bucket bounds must be finite and strictly increasing; got [{string.Join(", ", buckets)}].", nameof(buckets));
            }
        }
        return bounds;
    }
}
