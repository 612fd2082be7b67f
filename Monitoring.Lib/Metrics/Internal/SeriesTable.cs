using System.Collections.Concurrent;

namespace Monitoring.Lib.Metrics.Internal;

/// <summary>
/// The series of one family: a concurrent map for lookups from any thread, plus a copy-on-write array kept
/// in label-value order so the writer iterates without sorting or locking.
/// </summary>
internal sealed class SeriesTable<TSeries>
    where TSeries : class, ISeries
{
    private readonly ConcurrentDictionary<string[], TSeries> _byValues = new(LabelValuesComparer.Instance);
    private readonly ConcurrentDictionary<string[], TSeries>.AlternateLookup<TagValues> _byTags;
    private readonly Func<string[], TSeries> _create;
    private readonly Lock _insertLock = new();
    private TSeries[] _ordered = [];
    // The series found last: hot paths mostly hit the same series again, which then costs no hashing.
    // A plain reference, so racing threads just overwrite each other and nothing is allocated.
    private TSeries? _last;

    public SeriesTable(Func<string[], TSeries> create)
    {
        _create = create;
        _byTags = _byValues.GetAlternateLookup<TagValues>();
    }

    /// <summary>The series in output order; a snapshot, safe to iterate while others add series.</summary>
    public TSeries[] Ordered => Volatile.Read(ref _ordered);

    public TSeries Get(string[] values) =>
        _byValues.TryGetValue(values, out var series) ? series : Add((string[])values.Clone());

    /// <summary>
    /// The series for label values given by a caller of a family's <c>WithLabels</c>: null values read as empty;
    /// a count that differs from <paramref name="labelNames"/> is a programming error and throws, naming the metric.
    /// </summary>
    public TSeries GetChecked(string metricName, string[] labelNames, string[] labelValues)
    {
        ArgumentNullException.ThrowIfNull(labelValues);
        if (labelValues.Length != labelNames.Length)
        {
            throw new ArgumentException(
                $"Metric '{metricName}' has {labelNames.Length} label(s) ({string.Join(", ", labelNames)}); got {labelValues.Length} value(s).",
                nameof(labelValues));
        }
        return Get(Array.ConvertAll(labelValues, v => v ?? ""));
    }

    /// <summary>The hot path of the listener: a hit allocates nothing.</summary>
    public TSeries Get(TagValues tags)
    {
        var last = _last;
        if (last is not null && tags.Matches(last.LabelValues))
        {
            return last;
        }
        var series = _byTags.TryGetValue(tags, out var found) ? found : Add(tags.ToArray());
        _last = series;
        return series;
    }

    private TSeries Add(string[] values)
    {
        lock (_insertLock)
        {
            if (_byValues.TryGetValue(values, out var existing))
            {
                return existing;
            }
            var series = _create(values);
            var ordered = _ordered;
            var index = Array.BinarySearch(ordered, series, SeriesOrder.Instance);
            var next = new TSeries[ordered.Length + 1];
            var at = ~index;
            Array.Copy(ordered, next, at);
            next[at] = series;
            Array.Copy(ordered, at, next, at + 1, ordered.Length - at);
            Volatile.Write(ref _ordered, next);
            // Publish to the map last, so a series found by lookup is always in the ordered snapshot too.
            _byValues[values] = series;
            return series;
        }
    }

    private sealed class SeriesOrder : IComparer<TSeries>
    {
        public static readonly SeriesOrder Instance = new();

        public int Compare(TSeries? x, TSeries? y) => LabelValuesComparer.Compare(x!.LabelValues, y!.LabelValues);
    }
}
