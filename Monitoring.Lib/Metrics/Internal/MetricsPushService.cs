using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitoring.Lib.Metrics.Internal;

/// <summary>
/// Pushes on a timer for the life of the host; on graceful shutdown pushes once more and then removes the
/// pod's group from every replica, so a stopped pod leaves no stale series behind.
/// </summary>
internal sealed class MetricsPushService(
    MetricsPusher pusher, MetricsManager manager, IOptions<MetricsOptions> options, ILogger<MetricsPushService> logger, TimeProvider time)
    : BackgroundService
{
    private readonly MetricsOptions _options = options.Value;
    private bool _reportedInvalid;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.PushEnabled)
        {
            return;
        }
        var replicas = await pusher.ResolveReplicasAsync(stoppingToken).ConfigureAwait(false);
        PushLog.Started(logger, manager.AppName, _options.PodName ?? "", _options.PushInterval.TotalSeconds,
            replicas.Count == 0 ? "(none yet)" : string.Join(", ", replicas));
        using var timer = new PeriodicTimer(_options.PushInterval, time);
        do
        {
            await PushOnceAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (!_options.PushEnabled)
        {
            return;
        }
        await PushOnceAsync(cancellationToken).ConfigureAwait(false);
        if (_options.DeleteOnShutdown)
        {
            await pusher.DeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PushOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await pusher.PushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The loop must outlive any one bad round; the next tick tries again.
            PushLog.PushRoundFailed(logger, ex);
        }
        if (!_reportedInvalid && manager.InvalidMeasurements is > 0 and var invalid)
        {
            _reportedInvalid = true;
            PushLog.InvalidMeasurements(logger, invalid);
        }
    }
}
