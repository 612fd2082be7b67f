using System.Globalization;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// The pre-bound series of one topic: <c>messages_consumed{topic}</c> and the lag gauge per partition, created on the
/// topic's first message so later messages only touch existing series.
/// </summary>
internal sealed class TopicSeries(CounterSeries consumed, MetricGauge lag, string topic)
{
    private GaugeSeries?[] _lagByPartition = new GaugeSeries?[8];

    public CounterSeries Consumed { get; } = consumed;

    /// <summary>The lag series of <paramref name="partition"/>; only called from the consuming thread.</summary>
    public GaugeSeries Lag(int partition)
    {
        if (partition >= _lagByPartition.Length)
        {
            Array.Resize(ref _lagByPartition, Math.Max(partition + 1, _lagByPartition.Length * 2));
        }
        return _lagByPartition[partition] ??= lag.WithLabels(topic, partition.ToString(CultureInfo.InvariantCulture));
    }
}
