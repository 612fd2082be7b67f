using Microsoft.Extensions.DependencyInjection;
using Monitoring.Lib.Influx;
using MonitoringStack.ServiceDefaults.Tests.Fixtures;

namespace MonitoringStack.ServiceDefaults.Tests;

/// <summary>AddServiceDefaults with Monitoring:Enabled=false: InfluxDB is neither written nor probed.</summary>
public sealed class MonitoringSwitchTests
{
    [Theory]
    [InlineData("true", 503, "Unhealthy", true)]
    [InlineData("false", 200, "Healthy", false)]
    public async Task Health_InfluxUnreachable_CountsOnlyWhileMonitoringIsOn(string enabled, int expectedStatus, string expectedBody, bool expectRecorder)
    {
        // Nothing listens on this port: with monitoring on, the influxdb check fails.
        var closedInflux = $"http://127.0.0.1:{FreePort.Next()}";
        await using var service = await ServiceApp.StartAsync(new Dictionary<string, string?>
        {
            ["Monitoring:Enabled"] = enabled,
            ["Monitoring:Influx:Url"] = closedInflux,
            ["Monitoring:Influx:Database"] = "monitoring",
        });

        Assert.Equal((expectedStatus, expectedBody), await service.GetAsync("/health"));
        Assert.Equal(expectRecorder, service.Services.GetService<InfluxRecorder>() is not null);
    }

    [Fact]
    public async Task AddServiceDefaults_SwitchNotABoolean_StopsAtStartNamingKeyAndValue()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await ServiceApp.StartAsync(new Dictionary<string, string?> { ["Monitoring:Enabled"] = "maybe" }));

        Assert.Equal("Monitoring:Enabled is 'maybe': use true or false.", error.Message);
    }
}
