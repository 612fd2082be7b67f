using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MonitoringStack.ServiceDefaults.Internal;

/// <summary>
/// Makes a service whose background work died exit non-zero. With .NET 10's default
/// (<c>BackgroundServiceExceptionBehavior.StopHost</c>) a failed <see cref="BackgroundService"/> stops the host, which
/// then exits with code 0, so an orchestrator takes the stop for a clean one and does not restart the service. Once the
/// host has stopped, every failed background service sets <see cref="Environment.ExitCode"/> to 1 and is named, with its
/// reason, on one log line.
/// </summary>
internal sealed class FailedWorkExitCode(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<FailedWorkExitCode> logger)
    : IHostedService
{
    public const int ExitCode = 1;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopped.Register(Check);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Check()
    {
        // Resolved only now: the hosted services include this one, so they cannot be a constructor dependency.
        foreach (var service in services.GetServices<IHostedService>().OfType<BackgroundService>())
        {
            if (service.ExecuteTask is { IsFaulted: true } failed)
            {
                Environment.ExitCode = ExitCode;
                var reason = failed.Exception.GetBaseException();
                ServiceDefaultsLog.BackgroundWorkFailed(logger, service.GetType().Name, ExitCode, reason.GetType().Name, OneLine(reason.Message));
            }
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
