using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Monitoring.Hosting;

/// <summary>
/// The running application: a generic host whose first hosted service starts every resource (in parallel, honouring
/// WaitFor) and stops them all when the host stops (Ctrl+C, SIGTERM, or <see cref="StopAsync"/>).
/// </summary>
public sealed class DistributedApplication : IHost, IAsyncDisposable
{
    private readonly IHost _host;

    internal DistributedApplication(IHost host) => _host = host;

    /// <inheritdoc />
    public IServiceProvider Services => _host.Services;

    /// <summary>Creates a builder from the command-line arguments, with the entry assembly as the AppHost.</summary>
    public static IDistributedApplicationBuilder CreateBuilder(string[] args) =>
        new DistributedApplicationBuilder(new DistributedApplicationOptions { Args = args });

    /// <summary>Creates a builder with explicit options.</summary>
    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DistributedApplicationBuilder(options);
    }

    /// <summary>Starts the host: every resource begins starting; returns without waiting for them to be healthy.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _host.StartAsync(cancellationToken);

    /// <summary>Stops every resource (SIGTERM, SIGKILL after the stop timeout) and the host.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _host.StopAsync(cancellationToken);

    /// <summary>Starts the application and runs until Ctrl+C or SIGTERM, then stops everything.</summary>
    public Task RunAsync(CancellationToken cancellationToken = default) => _host.RunAsync(cancellationToken);

    /// <summary>The model the application runs.</summary>
    public DistributedApplicationModel Model => _host.Services.GetRequiredService<DistributedApplicationModel>();

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Stopping is what leaves no process behind; a host that never started has nothing to stop.
        await _host.Services.GetRequiredService<Orchestration.Orchestrator>().StopAllAsync().ConfigureAwait(false);
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }
    }
}
