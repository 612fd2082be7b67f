using Monitoring.Lib.Metrics.Internal;

namespace Monitoring.Lib.Metrics;

/// <summary>One series of a histogram, bound to its label values. Lock-free, allocation-free, never throws.</summary>
public sealed class HistogramSeries : ISeries
{
    private readonly MetricsRegistry _registry;
    private readonly double[] _bounds;
    private readonly string[] _labelValues;
    private readonly byte[] _labelBlock;
    // One count per bucket (not cumulative) plus the +Inf bucket; the total count is their sum at write time,
    // so _count and the buckets are always consistent in the output.
    private readonly long[] _counts;
    private double _sum;

    internal HistogramSeries(MetricsRegistry registry, double[] bounds, string[] labelNames, string[] labelValues)
    {
        _registry = registry;
        _bounds = bounds;
        _labelValues = labelValues;
        _labelBlock = TextEncoding.LabelBlock(registry.ConstantLabels, labelNames, labelValues);
        _counts = new long[bounds.Length + 1];
    }

    string[] ISeries.LabelValues => _labelValues;

    byte[] ISeries.LabelBlock => _labelBlock;

    /// <summary>The number of observations so far.</summary>
    public long Count
    {
        get
        {
            long total = 0;
            foreach (ref readonly var count in _counts.AsSpan())
            {
                total += Volatile.Read(in count);
            }
            return total;
        }
    }

    /// <summary>The sum of all observations so far.</summary>
    public double Sum => Volatile.Read(ref _sum);

    /// <summary>Records one observation; NaN is dropped and counted as invalid.</summary>
    public void Observe(double value)
    {
        if (double.IsNaN(value))
        {
            _registry.CountInvalid();
            return;
        }
        var bucket = 0;
        // Bucket lists are short (about a dozen), so a linear scan beats a binary search here.
        while (bucket < _bounds.Length && value > _bounds[bucket])
        {
            bucket++;
        }
        Interlocked.Increment(ref _counts[bucket]);
        double current, updated;
        do
        {
            current = Volatile.Read(ref _sum);
            updated = current + value;
        }
        while (Interlocked.CompareExchange(ref _sum, updated, current) != current);
    }

    internal void Write(ExpositionWriter writer, byte[] bucketName, byte[][] leLabels, byte[] sumName, byte[] countName)
    {
        long cumulative = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            cumulative += Volatile.Read(ref _counts[i]);
            writer.WriteSample(bucketName, _labelBlock, leLabels[i], cumulative);
        }
        writer.WriteSample(sumName, _labelBlock, default, Sum);
        writer.WriteSample(countName, _labelBlock, default, cumulative);
    }
}
