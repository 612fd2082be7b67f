namespace Monitoring.Lib.Metrics;

/// <summary>
/// A metric family made by <see cref="MetricsManager"/>: one name and HELP text, one series per combination of label
/// values. Bind a series once with <see cref="WithLabels"/>, keep it in a field, and count on it on the hot path
/// (a few nanoseconds, nothing allocated).
/// </summary>
/// <typeparam name="TSeries"><see cref="CounterSeries"/>, <see cref="GaugeSeries"/> or <see cref="HistogramSeries"/>.</typeparam>
public sealed class MetricFamily<TSeries>
    where TSeries : class
{
    private readonly Func<string[], TSeries> _withLabels;

    internal MetricFamily(string name, string help, IReadOnlyList<string> labelNames, Func<string[], TSeries> withLabels)
    {
        Name = name;
        Help = help;
        LabelNames = labelNames;
        _withLabels = withLabels;
    }

    /// <summary>The metric name (a histogram's without the <c>_bucket</c>/<c>_sum</c>/<c>_count</c> suffixes).</summary>
    public string Name { get; }

    /// <summary>The HELP text.</summary>
    public string Help { get; }

    /// <summary>The label names, in the order <see cref="WithLabels"/> expects their values (<c>app</c> is added to every series).</summary>
    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>
    /// The series for these label values, created on first use (null values read as empty).
    /// Throws <see cref="ArgumentException"/> when the number of values differs from the number of label names.
    /// </summary>
    public TSeries WithLabels(params string[] labelValues) => _withLabels(labelValues);
}
