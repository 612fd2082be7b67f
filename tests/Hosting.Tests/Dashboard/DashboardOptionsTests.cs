using Microsoft.Extensions.DependencyInjection;
using Monitoring.Hosting.Dashboard;
using Monitoring.Hosting.Testing;

namespace Monitoring.Hosting.Tests.Dashboard;

public sealed class DashboardOptionsTests
{
    [Fact]
    public async Task TestingBuilder_ByDefault_HasNoDashboard()
    {
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(DashboardApp.Model);
        Assert.Null(app.Services.GetService<DashboardServer>());
    }

    [Theory]
    [InlineData("--Dashboard:Port=70000", "Dashboard:Port = 70000")]
    [InlineData("--Dashboard:BrowserToken=short", "Dashboard:BrowserToken is invalid (length 5)")]
    [InlineData("--Dashboard:LogTailLines=0", "Dashboard:LogTailLines = 0")]
    public async Task Build_InvalidSetting_FailsNamingKeyAndValue(string argument, string expected)
    {
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(DashboardApp.Model, "--Dashboard:Enabled=true", argument);
        var error = Assert.Throws<InvalidOperationException>(() => app.Services.GetRequiredService<DashboardServer>());
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }
}
