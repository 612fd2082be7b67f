using Microsoft.Extensions.DependencyInjection;
using Monitoring.Hosting.Internal;

namespace MonitoringStack.AppHost.Tests;

/// <summary>The template's app model exactly as AppHost.cs defines it, started once for the collection (a start costs ~10 s).</summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public static readonly string[] Infrastructure = ["kafka", "redis", "influxdb", "metrics-cache-0", "metrics-cache-1", "metrics-cache", "prometheus"];

    public const string MissingServer = "ghost";
    public const string MissingBinary = "ghost-server-not-installed";
    public const string MissingPackage = "ghost-package";

    private IDistributedApplicationTestingBuilder? _builder;

    public DistributedApplication App { get; private set; } = null!;

    public DistributedApplicationModel Model => App.Services.GetRequiredService<DistributedApplicationModel>();

    public ResourceNotificationService Notifications => App.Services.GetRequiredService<ResourceNotificationService>();

    public ResourceLoggerService Logs => App.Services.GetRequiredService<ResourceLoggerService>();

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MonitoringStack_AppHost>(timeout.Token);
        // A server whose binary is not installed, beside the template's (MissingServerTests).
        _builder.AddResource(new ExecutableResource(MissingServer, ServerExecutable.Resolve(MissingBinary), Path.GetTempPath()))
            .ReportMissing(MissingBinary, MissingPackage);
        App = await _builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        await Task.WhenAll(Infrastructure.Select(name => Notifications.WaitForResourceHealthyAsync(name, timeout.Token)));
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (_builder is not null)
        {
            await _builder.DisposeAsync();
        }
    }

    /// <summary>Waits (at most a minute) until <paramref name="name"/> is healthy again, e.g. after a restart.</summary>
    public async Task WaitHealthyAsync(string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await Notifications.WaitForResourceHealthyAsync(name, timeout.Token);
    }

    /// <summary>
    /// Waits (at most a minute) until <paramref name="name"/> has stopped: the stop command returns once the stop is
    /// asked for, and a start issued while the old process still holds its port fails.
    /// </summary>
    public async Task WaitStoppedAsync(string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await Notifications.WaitForResourceAsync(name, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
    }

    public T Resource<T>(string name)
        where T : IResource => Model.Resources.OfType<T>().Single(r => r.Name == name);
}

[CollectionDefinition(Name)]
public sealed class AppHostGroup : ICollectionFixture<AppHostFixture>
{
    public const string Name = "The template's app model, started once";
}
