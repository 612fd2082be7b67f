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
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in notifications.WatchAsync(stoppingToken).ConfigureAwait(false))
            {
                var all = notifications.GetAll();
                if (all.Count > 0 && all.All(s => s.IsReady || s.State is ReplicaState.FailedToStart or ReplicaState.Exited))
                {
                    Log.Summary(logger, all.Count(s => s.IsReady), all.Count, time.GetElapsedTime(orchestrator.StartTimestamp).TotalSeconds, Table(all));
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before everything was up: nothing to summarise.
        }
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
    }
}
