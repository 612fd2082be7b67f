using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Monitoring.ServiceDefaults.Internal;

/// <summary>Says once, at start, that no InfluxDB points are recorded: a service runs without InfluxDB, but not silently.</summary>
internal sealed class InfluxOffNotice(ILogger<InfluxOffNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ServiceDefaultsLog.InfluxOff(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
