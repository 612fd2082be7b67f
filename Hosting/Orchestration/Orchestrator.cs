using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Proxy;

namespace Monitoring.Hosting.Orchestration;

/// <summary>
/// Runs the model: gives every endpoint its ports, opens front addresses, starts every resource in parallel once
/// what it waits for is ready, and stops everything when the host stops.
/// </summary>
internal sealed partial class Orchestrator(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    IOptions<OrchestratorOptions> options,
    TimeProvider time,
    IServiceProvider services,
    ILogger<Orchestrator> logger) : IHostedService, IDisposable
{
    private readonly Dictionary<IResource, ReplicaRunner[]> _runners = [];
    private readonly List<FrontAddress> _fronts = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _stopGate = new(1, 1);
    private Task _starting = Task.CompletedTask;
    private string? _runDirectory;
    private bool _stopped;

    /// <summary>The folder of this run's config and data, one sub folder per resource and replica.</summary>
    public string RunDirectory => _runDirectory ?? throw new InvalidOperationException("The application has not started.");

    /// <summary>When the orchestrator began starting resources (a <see cref="TimeProvider"/> timestamp).</summary>
    public long StartTimestamp { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        StartTimestamp = time.GetTimestamp();
        var settings = options.Value;
        settings.Validate();
        var runId = string.Create(CultureInfo.InvariantCulture,
            $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{Environment.ProcessId}-{Random.Shared.Next(10000):D4}");
        _runDirectory = Directory.CreateDirectory(Path.Combine(settings.StateDirectory, runId)).FullName;
        var host = new ReplicaHost(logs, r => Publish(r.Resource), time, settings.StopTimeout, settings.HealthCheckInterval);
        foreach (var resource in model.Resources.OfType<ExecutableResource>().Where(r => !r.IsExternal))
        {
            var replicas = resource.GetReplicaCount();
            foreach (var endpoint in resource.GetEndpoints())
            {
                endpoint.ReplicaPorts = [.. Enumerable.Range(0, replicas).Select(_ => PortAllocator.Next())];
            }
            _runners[resource] = [.. Enumerable.Range(0, replicas).Select(i => new ReplicaRunner(resource,
                new ReplicaContext(resource, i, Path.Combine(_runDirectory, resource.Name, i.ToString(CultureInfo.InvariantCulture)), services),
                host))];
            if (replicas > 1)
            {
                OpenFrontAddresses(resource, _runners[resource]);
            }
        }
        foreach (var resource in model.Resources)
        {
            Publish(resource);
        }
        Log.Starting(logger, model.Resources.Count, _runDirectory);
        _starting = Task.WhenAll(_runners.Select(r => StartWhenReadyAsync((ExecutableResource)r.Key, r.Value, _stopping.Token)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => StopAllAsync();

    /// <summary>Stops every replica and front address; idempotent. Deletes the run's state folder unless kept.</summary>
    public async Task StopAllAsync()
    {
        await _stopGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stopped || _runDirectory is null)
            {
                return;
            }
            _stopped = true;
            await _stopping.CancelAsync().ConfigureAwait(false);
            await _starting.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            await Task.WhenAll(_runners.Values.SelectMany(r => r).Select(r => r.StopAsync())).ConfigureAwait(false);
            foreach (var front in _fronts)
            {
                await front.DisposeAsync().ConfigureAwait(false);
            }
            if (!options.Value.KeepStateDirectory)
            {
                Directory.Delete(_runDirectory, recursive: true);
            }
            Log.Stopped(logger, _runDirectory);
        }
        finally
        {
            _stopGate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var runner in _runners.Values.SelectMany(r => r))
        {
            runner.Dispose();
        }
        _stopping.Dispose();
        _stopGate.Dispose();
    }

    /// <summary>The replicas of <paramref name="name"/> (all, or the one at <paramref name="replica"/>).</summary>
    public IReadOnlyList<ReplicaRunner> GetRunners(string name, int? replica)
    {
        var resource = model.Get(name);
        if (!_runners.TryGetValue(resource, out var runners))
        {
            throw new InvalidOperationException($"Resource '{name}' runs no process (a parameter or an external service), or the application has not started.");
        }
        if (replica is { } index && (index < 0 || index >= runners.Length))
        {
            throw new ArgumentOutOfRangeException(nameof(replica), replica, $"Resource '{name}' has replicas 0 to {runners.Length - 1}.");
        }
        return replica is { } i ? [runners[i]] : runners;
    }

    private async Task StartWhenReadyAsync(ExecutableResource resource, ReplicaRunner[] runners, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var dependency in resource.GetWaitDependencies())
            {
                var snapshot = await notifications.WaitForResourceAsync(dependency.Name,
                    s => s.IsReady || s.State is ReplicaState.FailedToStart or ReplicaState.Exited, cancellationToken).ConfigureAwait(false);
                if (!snapshot.IsReady)
                {
                    var why = snapshot.Replicas.Select(r => r.FailureReason).FirstOrDefault(r => r is not null);
                    foreach (var runner in runners)
                    {
                        runner.Fail($"'{dependency.Name}', which it waits for, is {snapshot.State}{(why is null ? "" : ": " + why)}");
                    }
                    return;
                }
            }
            await Task.WhenAll(runners.Select(r => r.StartAsync(cancellationToken))).ConfigureAwait(false);
            foreach (var runner in runners.Where(r => r.State == ReplicaState.FailedToStart))
            {
                Log.FailedToStart(logger, resource.Name, runner.Index, runner.Snapshot.FailureReason);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping while waiting: the replicas never started, StopAllAsync marks them.
        }
    }

    private void OpenFrontAddresses(ExecutableResource resource, ReplicaRunner[] runners)
    {
        foreach (var endpoint in resource.GetEndpoints())
        {
            var ports = endpoint.ReplicaPorts;
            var front = new FrontAddress($"{resource.Name}/{endpoint.Name}", PortAllocator.Next(),
                () => [.. runners.Select(r => new FrontTarget(ports[r.Index], r.IsLive))]);
            front.Start();
            endpoint.Front = front;
            _fronts.Add(front);
        }
    }
}
