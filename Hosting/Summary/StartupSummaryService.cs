using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Monitoring.Hosting.Summary;

// CA1873 (argument evaluated when logging is off): these messages are written a few times per run, at start.
#pragma warning disable CA1873

/// <summary>Watches every resource's state from the start and logs progress, then the summary (see <see cref="StartupSummaryBuilderExtensions"/>).</summary>
internal sealed partial class StartupSummaryService(
    DistributedApplicationModel model, ResourceNotificationService notifications, ResourceReadyTimes readyTimes,
    ILogger<StartupSummaryService> logger) : BackgroundService
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, CustomResourceSnapshot> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _settledAt = new(StringComparer.Ordinal);
    private readonly DateTime _processStarted = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watched = model.Resources.Where(r => r is not ParameterResource && r is not ConnectionStringResource).Select(r => r.Name).ToHashSet();
        var watch = WatchAsync(stoppingToken);
        var done = Task.WhenAll(watched.Select(name => WaitSettledAsync(name, stoppingToken)));
        while (!done.IsCompleted)
        {
            await Task.WhenAny(done, Task.Delay(ProgressInterval, stoppingToken)).ConfigureAwait(false);
            stoppingToken.ThrowIfCancellationRequested();
            if (!done.IsCompleted)
            {
                LogWaiting(logger, string.Join(", ", watched.Where(name => !IsSettled(name)).Order(StringComparer.Ordinal)));
            }
        }
        await done.ConfigureAwait(false);
        LogSummary(logger, (DateTime.UtcNow - _processStarted).TotalSeconds, await TableAsync(watched, stoppingToken).ConfigureAwait(false));
        await watch.ConfigureAwait(false);
    }

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken).ConfigureAwait(false))
            {
                _latest[update.Resource.Name] = update.Snapshot;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WaitSettledAsync(string name, CancellationToken stoppingToken)
    {
        var settled = await notifications.WaitForResourceAsync(name, e => IsSettled(e.Snapshot), stoppingToken).ConfigureAwait(false);
        _latest[name] = settled.Snapshot;
        _settledAt[name] = DateTime.UtcNow;
    }

    private bool IsSettled(string name) => _latest.TryGetValue(name, out var snapshot) && IsSettled(snapshot);

    // Hidden resources (Aspire's project rebuilders) never run unless asked to.
    private static bool IsSettled(CustomResourceSnapshot snapshot) => snapshot.IsHidden
        || snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy && snapshot.State?.Text == KnownResourceStates.Running
        || KnownResourceStates.TerminalStates.Contains(snapshot.State?.Text);

    private async Task<string> TableAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var table = new StringBuilder();
        foreach (var resource in model.Resources.Where(r => names.Contains(r.Name)).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            var snapshot = _latest.GetValueOrDefault(resource.Name);
            if (snapshot?.IsHidden == true)
            {
                continue;
            }
            var state = $"{snapshot?.State?.Text ?? "unknown"} {snapshot?.HealthStatus}".Trim();
            // When each got there shows where a slow start spent its time: when it was ready, or (failed) seen settled.
            var at = readyTimes.TryGet(resource.Name, out var settledAt) || _settledAt.TryGetValue(resource.Name, out settledAt)
                ? $"{(settledAt - _processStarted).TotalSeconds,5:0.0} s"
                : "";
            // Endpoint URLs only: links with display text (Prometheus graphs) are on the dashboard.
            var urls = snapshot?.Urls.Where(u => !u.IsInternal && u.Name is not null).Select(u => u.Url) ?? [];
            if (resource is IResourceWithConnectionString withConnectionString
                && await ConnectionStringOfAsync(withConnectionString, cancellationToken).ConfigureAwait(false) is { } connectionString)
            {
                urls = urls.Append($"connection string {connectionString}");
            }
            table.Append("\n  ").Append(resource.Name.PadRight(22)).Append(' ').Append(state.PadRight(16)).Append(' ').Append(at.PadRight(8))
                .AppendJoin("  ", urls);
        }
        return table.ToString();
    }

    /// <summary>The resolved connection string, or a note saying why there is none: the summary must not stop the AppHost.</summary>
    private async Task<string?> ConnectionStringOfAsync(IResourceWithConnectionString resource, CancellationToken cancellationToken)
    {
        try
        {
            return await resource.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogConnectionStringFailed(logger, ex, resource.Name);
            return "(not resolved, see the log)";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connection string of {Resource} could not be resolved for the startup summary")]
    private static partial void LogConnectionStringFailed(ILogger logger, Exception exception, string resource);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for: {Resources}")]
    private static partial void LogWaiting(ILogger logger, string resources);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cold start: {Seconds:0.0} s from process start until every resource was healthy or had failed (each one's time from process start):{Table}")]
    private static partial void LogSummary(ILogger logger, double seconds, string table);
}
