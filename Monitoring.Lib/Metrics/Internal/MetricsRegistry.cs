using System.Buffers;

namespace Monitoring.Lib.Metrics.Internal;

/// <summary>
/// The source of truth for exposition: every family by name, kept in name order as a copy-on-write array
/// so writers never lock, plus the constant labels every series carries.
/// </summary>
internal sealed class MetricsRegistry
{
    private readonly Dictionary<string, IMetricFamily> _byName = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private IMetricFamily[] _ordered = [];
    private long _invalidMeasurements;

    public MetricsRegistry(string appName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appName);
        ConstantLabels = [new("app", appName)];
    }

    public IReadOnlyList<KeyValuePair<string, string>> ConstantLabels { get; }

    /// <summary>Measurements dropped because they were invalid (negative counter increments, NaN).</summary>
    public long InvalidMeasurements => Interlocked.Read(ref _invalidMeasurements);

    public void CountInvalid() => Interlocked.Increment(ref _invalidMeasurements);

    /// <summary>Returns the family registered under <paramref name="name"/>, or registers the one <paramref name="create"/> makes.</summary>
    public T GetOrAdd<T>(string name, Func<T> create, Func<T, bool> isSame)
        where T : class, IMetricFamily
    {
        MetricNames.ValidateMetricName(name);
        lock (_lock)
        {
            if (_byName.TryGetValue(name, out var existing))
            {
                if (existing is T same && isSame(same))
                {
                    return same;
                }
                throw new ArgumentException(
                    $"Metric '{name}' is already registered with a different type, help or label names.", nameof(name));
            }
            var family = create();
            _byName.Add(name, family);
            var next = _ordered.Append(family).OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
            Volatile.Write(ref _ordered, next);
            return family;
        }
    }

    /// <summary>Writes every family in name order in the Prometheus text format 0.0.4.</summary>
    public void WriteTo(IBufferWriter<byte> buffer)
    {
        var writer = new ExpositionWriter(buffer);
        foreach (var family in Volatile.Read(ref _ordered))
        {
            family.Write(writer);
        }
    }
}
