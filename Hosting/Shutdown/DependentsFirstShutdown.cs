using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Monitoring.Hosting.Shutdown;

// CA1873 (argument evaluated when logging is off): one message per AppHost stop.
#pragma warning disable CA1873

/// <summary>On stop, stops the resources that wait for others before Aspire stops the rest (see <see cref="DependentsFirstShutdownBuilderExtensions"/>).</summary>
internal sealed partial class DependentsFirstShutdown(
    DistributedApplicationModel model, ResourceCommandService commands, ILogger<DependentsFirstShutdown> logger) : IHostedService
{
    // Longer than a service's own orderly stop with its servers up (~1-2 s), shorter than the host's 30 s shutdown limit:
    // a service that hangs delays Ctrl+C by this much, then DCP stops it with the rest.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var dependents = model.Resources.Where(r => r.Annotations.OfType<WaitAnnotation>().Any()).ToList();
        if (dependents.Count == 0)
        {
            return;
        }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        var started = Stopwatch.GetTimestamp();
        // Every replica of each; the stop command returns once the process has exited (or failed to stop).
        var stops = dependents.Select(r => commands.ExecuteCommandAsync(r, KnownResourceCommands.StopCommand, limit.Token));
        try
        {
            await Task.WhenAll(stops).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(logger, Limit.TotalSeconds);
        }
        LogStopped(logger, string.Join(", ", dependents.Select(r => r.Name)), Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped {Resources} before the servers they use in {Seconds:0.0} s")]
    private static partial void LogStopped(ILogger logger, string resources, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The services did not stop within {Seconds} s; the rest is stopped now")]
    private static partial void LogTimedOut(ILogger logger, double seconds);
}
