using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MonitoringStack.AppHost.Tests;

/// <summary><c>AddPromptReadiness</c>: a resource's checks retry within one run until it is first healthy, never after.</summary>
public sealed class PromptReadinessTests
{
    [Fact]
    public async Task CheckHealth_NotReadyYet_RetriedWithinOneRunUntilHealthy()
    {
        var check = new ReadyAfter(calls: 4);
        await using var app = BuildWith(check);

        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal(4, check.Calls);
    }

    [Fact]
    public async Task CheckHealth_FailsAfterBeingHealthyOnce_ReportedAtOnce()
    {
        var check = new ReadyAfter(calls: 1);
        await using var app = BuildWith(check);
        var health = app.Services.GetRequiredService<HealthCheckService>();
        await health.CheckHealthAsync(TestContext.Current.CancellationToken);

        check.GoDown();
        var report = await health.CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(2, check.Calls);
    }

    [Fact]
    public async Task CheckHealth_NeverReady_GivesUpAfterTheWindowWithTheCheckResult()
    {
        var check = new ReadyAfter(calls: int.MaxValue);
        await using var app = BuildWith(check);

        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal("not ready", report.Entries["probe"].Description);
        Assert.True(report.TotalDuration >= PromptReadinessBuilderExtensions.Window - TimeSpan.FromMilliseconds(200), $"gave up after {report.TotalDuration}");
        Assert.InRange(check.Calls, 10, 51);
    }

    private static DistributedApplication BuildWith(ReadyAfter check)
    {
        var builder = DistributedApplication.CreateBuilder([]);
        builder.Services.AddHealthChecks().AddCheck("probe", check);
        builder.AddPromptReadiness();
        return builder.Build();
    }

    /// <summary>Unhealthy for its first <c>calls - 1</c> runs, then healthy until told to go down.</summary>
    private sealed class ReadyAfter(int calls) : IHealthCheck
    {
        private bool _down;

        public int Calls { get; private set; }

        public void GoDown() => _down = true;

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(!_down && Calls >= calls ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("not ready"));
        }
    }
}
