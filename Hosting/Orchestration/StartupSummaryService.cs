using System.Globalization;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Monitoring.Hosting.Orchestration;

/// <summary>
/// Once every resource is ready (or has failed), logs how long the cold start took and each resource's state and
/// addresses, so whoever ran the AppHost sees what came up and where.
/// </summary>
internal sealed partial class StartupSummaryService(ResourceNotificationService notifications, Orchestrator orchestrator, TimeProvider time, ILogger<StartupSummaryService> logger) : BackgroundService
{
    // Long enough for every server here (a cold start takes about half a second); short enough that a user who
    // waits for the summary learns what is stuck instead of staring at silence.
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stuck = new CancellationTokenSource(StuckAfter, time);
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, stuck.Token);
        try
        {
            if (await WaitUntilSettledAsync(watch.Token).ConfigureAwait(false))
            {
                return;
            }
        }
        catch (OperationCanceledException) when (stuck.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            var all = notifications.GetAll();
            Log.Stuck(logger, all.Count(s => s.IsReady), all.Count, StuckAfter.TotalSeconds,
                string.Join(", ", all.Where(s => !s.IsReady).Select(s => $"{s.Name} ({s.State})")), Table(all));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        try
        {
            await WaitUntilSettledAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before everything was up: nothing more to summarise.
        }
    }

    // True once every resource is ready or has failed, after logging the summary.
    private async Task<bool> WaitUntilSettledAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in notifications.WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            var all = notifications.GetAll();
            if (all.Count > 0 && all.All(s => s.IsReady || s.State is ReplicaState.FailedToStart or ReplicaState.Exited))
            {
                Log.Summary(logger, all.Count(s => s.IsReady), all.Count, time.GetElapsedTime(orchestrator.StartTimestamp).TotalSeconds, Table(all));
                return true;
            }
        }
        return false;
    }

    private static string Table(IReadOnlyList<ResourceSnapshot> snapshots)
    {
        var text = new StringBuilder();
        foreach (var s in snapshots)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  {s.Name,-16} {s.Type,-36} {s.State,-13} {string.Join(' ', s.Urls.Values)}");
            foreach (var failed in s.Replicas.Where(r => r.FailureReason is not null))
            {
                text.Append(CultureInfo.InvariantCulture, $"\n    replica {failed.Index}: {failed.FailureReason}");
            }
        }
        return text.ToString();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{Ready} of {Count} resources ready after {Seconds:F2} s (cold start):{Table}")]
        public static partial void Summary(ILogger logger, int ready, int count, double seconds, string table);

        [LoggerMessage(2, LogLevel.Warning, "Only {Ready} of {Count} resources are ready after {Seconds:F0} s; not ready: {NotReady}:{Table}")]
        public static partial void Stuck(ILogger logger, int ready, int count, double seconds, string notReady, string table);
    }
}
