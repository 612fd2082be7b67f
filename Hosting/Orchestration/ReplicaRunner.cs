using Monitoring.Hosting.ApplicationModel;

namespace Monitoring.Hosting.Orchestration;

/// <summary>One replica of an executable resource: prepares, starts, health-checks and stops its process.</summary>
internal sealed partial class ReplicaRunner(ExecutableResource resource, ReplicaContext context, ReplicaHost host) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private ChildProcess? _process;
    private CancellationTokenSource? _health;
    private int _starts;

    public ExecutableResource Resource => resource;

    public int Index => context.Index;

    public ReplicaState State { get; private set; } = ReplicaState.Waiting;

    /// <summary>True when the process runs and may take connections (a front address sends traffic only to these).</summary>
    public bool IsLive => State is ReplicaState.Running or ReplicaState.Healthy;

    public ReplicaSnapshot Snapshot
    {
        get
        {
            lock (_lock)
            {
                var url = resource.GetEndpoints().FirstOrDefault() is { } e ? e.GetReplicaUrl(Index) : null;
                return new ReplicaSnapshot(Index, State, _process is { HasExited: false } p ? p.Id : null, StartedAt,
                    Math.Max(0, _starts - 1), ExitCode, Reason, url);
            }
        }
    }

    public IReadOnlyDictionary<string, string> Environment { get; private set; } = new Dictionary<string, string>();

    private DateTimeOffset? StartedAt { get; set; }

    private int? ExitCode { get; set; }

    private string? Reason { get; set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_process is { HasExited: false })
            {
                return;
            }
            Set(ReplicaState.Starting, exitCode: null, reason: null);
            var unrunnable = resource.CheckRunnable();
            if (unrunnable is not null)
            {
                Fail(unrunnable);
                return;
            }
            Directory.CreateDirectory(context.StateDirectory);
            var (args, environment) = await PrepareAsync(cancellationToken).ConfigureAwait(false);
            var process = await ChildProcess.StartAsync(resource.Command, args, environment.Variables,
                resource.WorkingDirectory ?? context.StateDirectory,
                (isError, line) => host.Logs.Add(resource.Name, Index, isError, line)).ConfigureAwait(false);
            lock (_lock)
            {
                _process?.Dispose();
                _process = process;
                _starts++;
                StartedAt = host.Time.GetUtcNow();
                Environment = environment.Variables.ToDictionary(
                    v => v.Key, v => environment.SecretVariables.Contains(v.Key) ? "****" : v.Value, StringComparer.Ordinal);
            }
            Set(ReplicaState.Running, exitCode: null, reason: null);
            _ = WatchExitAsync(process);
            if (resource.Annotations.OfType<HealthCheckAnnotation>().FirstOrDefault() is { } check)
            {
                _health = new CancellationTokenSource();
                _ = PollHealthAsync(process, check, _health.Token);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fail($"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await (_health?.CancelAsync() ?? Task.CompletedTask).ConfigureAwait(false);
            var process = _process;
            if (process is null || process.HasExited)
            {
                if (State == ReplicaState.Waiting)
                {
                    Set(ReplicaState.Exited, exitCode: null, reason: "stopped before it started");
                }
                return;
            }
            Set(ReplicaState.Stopping, exitCode: null, reason: null);
            await process.StopAsync(host.StopTimeout).ConfigureAwait(false);
            Set(ReplicaState.Exited, process.ExitCode, reason: null);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _health?.Dispose();
        _process?.Dispose();
        _gate.Dispose();
    }

    /// <summary>Marks a replica that never started because what it waits for failed.</summary>
    public void Fail(string reason) => Set(ReplicaState.FailedToStart, exitCode: null, reason);

    private async Task<(IList<string> Args, EnvironmentCallbackContext Environment)> PrepareAsync(CancellationToken cancellationToken)
    {
        var args = new CommandLineArgsCallbackContext(context, cancellationToken);
        foreach (var annotation in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await annotation.Callback(args).ConfigureAwait(false);
        }
        var environment = new EnvironmentCallbackContext(context, cancellationToken);
        foreach (var annotation in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await annotation.Callback(environment).ConfigureAwait(false);
        }
        return (args.Args, environment);
    }

    private void Set(ReplicaState state, int? exitCode, string? reason)
    {
        lock (_lock)
        {
            State = state;
            ExitCode = exitCode;
            Reason = reason;
        }
        host.OnChanged(this);
    }
}
