namespace Monitoring.Hosting.Orchestration;

/// <summary>Stop, start and restart a resource (all its replicas) or one replica, while the application runs.</summary>
public sealed class ResourceCommandService
{
    private readonly Orchestrator _orchestrator;

    internal ResourceCommandService(Orchestrator orchestrator) => _orchestrator = orchestrator;

    /// <summary>Stops the resource's replicas (or only <paramref name="replica"/>): SIGTERM, SIGKILL after the stop timeout.</summary>
    /// <exception cref="InvalidOperationException">No such resource, or it runs no process.</exception>
    /// <exception cref="ArgumentOutOfRangeException">No such replica.</exception>
    public Task StopAsync(string resource, int? replica = null) =>
        Task.WhenAll(_orchestrator.GetRunners(resource, replica).Select(r => r.StopAsync()));

    /// <summary>Starts the resource's stopped or exited replicas (or only <paramref name="replica"/>) on their same ports.</summary>
    public Task StartAsync(string resource, int? replica = null, CancellationToken cancellationToken = default) =>
        Task.WhenAll(_orchestrator.GetRunners(resource, replica).Select(r => r.StartAsync(cancellationToken)));

    /// <summary>Stops, then starts again.</summary>
    public async Task RestartAsync(string resource, int? replica = null, CancellationToken cancellationToken = default)
    {
        await StopAsync(resource, replica).ConfigureAwait(false);
        await StartAsync(resource, replica, cancellationToken).ConfigureAwait(false);
    }
}
