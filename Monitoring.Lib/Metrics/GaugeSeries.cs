using Monitoring.Lib.Metrics.Internal;

namespace Monitoring.Lib.Metrics;

/// <summary>One series of a gauge, bound to its label values. Lock-free, allocation-free, never throws.</summary>
public sealed class GaugeSeries : ISeries
{
    private readonly string[] _labelValues;
    private readonly byte[] _labelBlock;
    private double _value;

    internal GaugeSeries(MetricsRegistry registry, string[] labelNames, string[] labelValues)
    {
        _labelValues = labelValues;
        _labelBlock = TextEncoding.LabelBlock(registry.ConstantLabels, labelNames, labelValues);
    }

    /// <summary>The current value (0 until set).</summary>
    public double Value => Volatile.Read(ref _value);

    string[] ISeries.LabelValues => _labelValues;

    byte[] ISeries.LabelBlock => _labelBlock;

    /// <summary>Sets the value.</summary>
    public void Set(double value) => Interlocked.Exchange(ref _value, value);

    /// <summary>Adds one.</summary>
    public void Increment() => Add(1);

    /// <summary>Subtracts one.</summary>
    public void Decrement() => Add(-1);

    /// <summary>Adds <paramref name="amount"/> (negative to subtract).</summary>
    public void Add(double amount)
    {
        double current, updated;
        do
        {
            current = Volatile.Read(ref _value);
            updated = current + amount;
        }
        while (Interlocked.CompareExchange(ref _value, updated, current) != current);
    }

    internal void Write(ExpositionWriter writer, byte[] name) => writer.WriteSample(name, _labelBlock, default, Value);
}
