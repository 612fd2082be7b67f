using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Influx.Internal;

/// <summary>
/// Flushes the recorder every FlushInterval or as soon as a batch is full, publishes its statistics as gauges
/// (<see cref="InfluxStatisticsMetrics"/>), applies changed settings, and on stop makes a last flush bounded by
/// ShutdownTimeout and the host's own shutdown token.
/// </summary>
internal sealed class InfluxFlushService(
    InfluxRecorder recorder, IOptionsMonitor<InfluxOptions> options, ILogger<InfluxFlushService> logger, MetricsManager? metrics = null)
    : BackgroundService
{
    // Without a metrics manager (the recorder used on its own) the statistics stay in InfluxRecorder.Statistics only.
    private readonly InfluxStatisticsMetrics? _statistics = metrics is null ? null : new InfluxStatisticsMetrics(metrics);
    private IDisposable? _changes;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _changes = options.OnChange(Apply);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _changes?.Dispose();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(recorder.Options.ShutdownTimeout);
        try
        {
            await recorder.FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _statistics?.Update(recorder.Statistics);
        var left = recorder.Statistics.BufferedPoints;
        if (left > 0)
        {
            InfluxLog.UnflushedAtStop(logger, left);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await recorder.WaitForBatchAsync(recorder.Options.FlushInterval, stoppingToken).ConfigureAwait(false);
                await recorder.FlushAsync(stoppingToken).ConfigureAwait(false);
                _statistics?.Update(recorder.Statistics);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Apply(InfluxOptions changed)
    {
        try
        {
            recorder.Reconfigure(changed);
        }
        catch (ArgumentException ex)
        {
            InfluxLog.ReconfigureRejected(logger, ex.Message);
        }
    }

    public override void Dispose()
    {
        _changes?.Dispose();
        base.Dispose();
    }
}
