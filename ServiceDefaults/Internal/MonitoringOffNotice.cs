using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitoring.Lib;

namespace MonitoringStack.ServiceDefaults.Internal;

/// <summary>
/// Says once, at start, that monitoring is off (<c>Monitoring:Enabled=false</c>) or that no InfluxDB points are recorded
/// (no <c>Monitoring:Influx:Url</c>): a service runs without them, but not silently.
/// </summary>
internal sealed class MonitoringOffNotice(IConfiguration configuration, ILogger<MonitoringOffNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (MonitoringSections.IsEnabled(configuration))
        {
            ServiceDefaultsLog.InfluxOff(logger);
        }
        else
        {
            ServiceDefaultsLog.MonitoringOff(logger, MonitoringSections.Enabled);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
