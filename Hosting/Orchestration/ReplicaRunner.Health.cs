using Monitoring.Hosting.ApplicationModel;

namespace Monitoring.Hosting.Orchestration;

internal sealed partial class ReplicaRunner
{
    /// <summary>Until the first pass the check runs often, so dependents start soon; afterwards at the configured interval.</summary>
    private static readonly TimeSpan StartupInterval = TimeSpan.FromMilliseconds(100);

    private async Task WatchExitAsync(ChildProcess process)
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        bool current;
        lock (_lock)
        {
            current = ReferenceEquals(_process, process);
        }
        // A stop in progress reports the exit itself; an unexpected exit is reported here.
        if (current && State is not ReplicaState.Stopping and not ReplicaState.Exited)
        {
            _health?.Cancel();
            Set(ReplicaState.Exited, process.ExitCode, reason: null);
        }
    }

    private async Task PollHealthAsync(ChildProcess process, HealthCheckAnnotation check, CancellationToken cancellationToken)
    {
        var everHealthy = false;
        while (!cancellationToken.IsCancellationRequested && !process.HasExited)
        {
            string? failure;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                failure = await check.Check(context, timeout.Token).ConfigureAwait(false) ? null : $"{check.Description} failed";
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failure = $"{check.Description}: {ex.Message}";
            }
            if (cancellationToken.IsCancellationRequested || process.HasExited)
            {
                return;
            }
            if (failure is null && State != ReplicaState.Healthy)
            {
                everHealthy = true;
                Set(ReplicaState.Healthy, exitCode: null, reason: null);
            }
            else if (failure is not null && everHealthy && State != ReplicaState.Unhealthy)
            {
                Set(ReplicaState.Unhealthy, exitCode: null, failure);
            }
            try
            {
                await Task.Delay(everHealthy ? host.HealthCheckInterval : StartupInterval, host.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
