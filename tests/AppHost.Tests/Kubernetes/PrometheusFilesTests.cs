namespace MonitoringStack.AppHost.Tests.Kubernetes;

/// <summary>The cluster's Prometheus configuration and the alert rules (the AppHost's Prometheus loads them too), checked by promtool.</summary>
public sealed class PrometheusFilesTests
{
    private static readonly string Folder = Path.Combine(Manifests.Root, "base", "prometheus");

    [Theory]
    [InlineData("check", "config", "prometheus.yml")]
    [InlineData("check", "rules", "alerts.yml")]
    [InlineData("test", "rules", "alerts.test.yml")]
    public async Task Promtool_PrometheusFiles_Pass(string command, string what, string file)
    {
        var run = await CommandLine.RunAsync(Folder, TimeSpan.FromSeconds(60), CommandLine.Find("promtool"), command, what, file);

        Assert.Contains("SUCCESS", run.EnsureSuccess().Output, StringComparison.Ordinal);
    }
}
