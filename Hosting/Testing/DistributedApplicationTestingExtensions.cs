using Microsoft.Extensions.DependencyInjection;
using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Orchestration;
using Monitoring.Hosting.Proxy;

namespace Monitoring.Hosting.Testing;

/// <summary>What a test does with a running application: wait, reach, stop and start, cut connections.</summary>
public static class DistributedApplicationTestingExtensions
{
    /// <summary>
    /// Waits until the resource is ready (every replica healthy, or running when it has no health check).
    /// Fails at once, with the reason, when it fails to start or exits.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="timeout">How long to wait (default 60 s).</param>
    /// <exception cref="InvalidOperationException">The resource failed to start or exited.</exception>
    /// <exception cref="TimeoutException">It was not ready in time.</exception>
    public static async Task<ResourceSnapshot> WaitForResourceHealthyAsync(this DistributedApplication app, string name, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.Model.Get(name);
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        using var cancel = new CancellationTokenSource(limit);
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        ResourceSnapshot snapshot;
        try
        {
            snapshot = await notifications.WaitForResourceAsync(name,
                s => s.IsReady || s.State is ReplicaState.FailedToStart or ReplicaState.Exited, cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"Resource '{name}' was not healthy within {limit}: {Describe(notifications.TryGet(name))}");
        }
        return snapshot.IsReady
            ? snapshot
            : throw new InvalidOperationException($"Resource '{name}' will not become healthy: {Describe(snapshot)}\n{RecentLines(app, snapshot)}");
    }

    /// <summary>An HttpClient whose base address is the resource's endpoint (its front address when replicated).</summary>
    public static HttpClient CreateHttpClient(this DistributedApplication app, string name, string endpoint = "http")
    {
        ArgumentNullException.ThrowIfNull(app);
        return new HttpClient { BaseAddress = new Uri(app.Model.Get(name).GetEndpoint(endpoint).Url), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The connection string the resource gives those that reference it.</summary>
    /// <exception cref="InvalidOperationException">The resource has no connection string.</exception>
    public static Task<string> GetConnectionStringAsync(this DistributedApplication app, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Model.Get(name) is IResourceWithConnectionString resource
            ? resource.GetConnectionStringAsync(cancellationToken)
            : throw new InvalidOperationException($"Resource '{name}' has no connection string.");
    }

    /// <summary>Stops the resource, or one replica of it (SIGTERM, then SIGKILL after the stop timeout).</summary>
    public static Task StopResourceAsync(this DistributedApplication app, string name, int? replica = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<ResourceCommandService>().StopAsync(name, replica);
    }

    /// <summary>Starts the stopped resource, or one replica of it, on the same ports.</summary>
    public static Task StartResourceAsync(this DistributedApplication app, string name, int? replica = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<ResourceCommandService>().StartAsync(name, replica);
    }

    /// <summary>The front address of a replicated resource's endpoint (to <c>Cut()</c> and <c>Restore()</c> it).</summary>
    /// <exception cref="InvalidOperationException">The resource is not replicated.</exception>
    public static FrontAddress GetFrontAddress(this DistributedApplication app, string name, string endpoint = "http")
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Model.Get(name).GetEndpoint(endpoint).Front
            ?? throw new InvalidOperationException($"Resource '{name}' has no front address: only replicated resources have one.");
    }

    private static string Describe(ResourceSnapshot? snapshot) => snapshot is null
        ? "not started"
        : $"{snapshot.State}; " + string.Join("; ", snapshot.Replicas.Select(r =>
            $"replica {r.Index} {r.State}{(r.ExitCode is { } code ? $" (exit code {code})" : "")}{(r.FailureReason is { } why ? ": " + why : "")}"));

    private static string RecentLines(DistributedApplication app, ResourceSnapshot snapshot)
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        return string.Join('\n', snapshot.Replicas.SelectMany(r => logs.GetLogs(snapshot.Name, r.Index).TakeLast(20).Select(l => $"[{r.Index}] {l.Text}")));
    }
}
