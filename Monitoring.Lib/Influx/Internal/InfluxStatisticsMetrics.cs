using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Influx.Internal;

/// <summary>
/// The recorder's <see cref="InfluxStatistics"/> as gauges of the metrics manager, set after every flush: an InfluxDB
/// outage shows on the dashboard and in Prometheus as points buffered, then written or dropped (by reason), not only in
/// the process. The counts are the recorder's cumulative ones, exposed as gauges as the librdkafka totals are.
/// </summary>
internal sealed class InfluxStatisticsMetrics
{
    public const string WrittenName = "influx_points_written_total";
    public const string DroppedName = "influx_points_dropped_total";
    public const string BufferedName = "influx_points_buffered";
    public const string RetriesName = "influx_write_retries_total";

    private readonly GaugeSeries _written;
    private readonly GaugeSeries _bufferFull;
    private readonly GaugeSeries _rejected;
    private readonly GaugeSeries _invalid;
    private readonly GaugeSeries _buffered;
    private readonly GaugeSeries _retries;

    public InfluxStatisticsMetrics(MetricsManager metrics)
    {
        _written = metrics.CreateGauge(WrittenName, "Points InfluxDB accepted.").WithLabels();
        var dropped = metrics.CreateGauge(DroppedName,
            "Points given up: buffer_full (the oldest, over Monitoring:Influx:BufferCapacity), rejected (a 4xx from InfluxDB), invalid.", "reason");
        _bufferFull = dropped.WithLabels("buffer_full");
        _rejected = dropped.WithLabels("rejected");
        _invalid = dropped.WithLabels("invalid");
        _buffered = metrics.CreateGauge(BufferedName, "Points waiting to be written to InfluxDB.").WithLabels();
        _retries = metrics.CreateGauge(RetriesName, "InfluxDB writes repeated after 429, 5xx or a network error.").WithLabels();
    }

    public void Update(InfluxStatistics statistics)
    {
        _written.Set(statistics.PointsWritten);
        _bufferFull.Set(statistics.DroppedBufferFull);
        _rejected.Set(statistics.DroppedRejected);
        _invalid.Set(statistics.DroppedInvalid);
        _buffered.Set(statistics.BufferedPoints);
        _retries.Set(statistics.Retries);
    }
}
