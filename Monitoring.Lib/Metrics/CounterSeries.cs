using Monitoring.Lib.Metrics.Internal;

namespace Monitoring.Lib.Metrics;

/// <summary>
/// One series of a counter, bound to its label values: keep it and call <see cref="Increment"/> on hot
/// paths. Every method is a lock-free interlocked add that allocates nothing and never throws.
/// </summary>
public sealed class CounterSeries : ISeries
{
    private readonly MetricsRegistry _registry;
    private readonly string[] _labelValues;
    private readonly byte[] _labelBlock;
    // Whole increments go to a long (one interlocked add); fractional ones to a double (a CAS loop).
    private long _whole;
    private double _fraction;

    internal CounterSeries(MetricsRegistry registry, string[] labelNames, string[] labelValues)
    {
        _registry = registry;
        _labelValues = labelValues;
        _labelBlock = TextEncoding.LabelBlock(registry.ConstantLabels, labelNames, labelValues);
    }

    /// <summary>The current value: the sum of everything added since the process started.</summary>
    public double Value => Interlocked.Read(ref _whole) + Volatile.Read(ref _fraction);

    string[] ISeries.LabelValues => _labelValues;

    byte[] ISeries.LabelBlock => _labelBlock;

    /// <summary>Adds one.</summary>
    public void Increment() => Interlocked.Increment(ref _whole);

    /// <summary>Adds <paramref name="count"/>; a negative count is dropped and counted as invalid (counters only go up).</summary>
    public void Add(long count)
    {
        if (count < 0)
        {
            _registry.CountInvalid();
            return;
        }
        Interlocked.Add(ref _whole, count);
    }

    /// <summary>Adds <paramref name="amount"/>; a negative, infinite or NaN amount is dropped and counted as invalid.</summary>
    public void Add(double amount)
    {
        if (!(amount >= 0) || double.IsPositiveInfinity(amount))
        {
            _registry.CountInvalid();
            return;
        }
        double current, updated;
        do
        {
            current = Volatile.Read(ref _fraction);
            updated = current + amount;
        }
        while (Interlocked.CompareExchange(ref _fraction, updated, current) != current);
    }

    internal void Write(ExpositionWriter writer, byte[] name)
    {
        var fraction = Volatile.Read(ref _fraction);
        if (fraction == 0)
        {
            writer.WriteSample(name, _labelBlock, default, Interlocked.Read(ref _whole));
        }
        else
        {
            writer.WriteSample(name, _labelBlock, default, Interlocked.Read(ref _whole) + fraction);
        }
    }
}
