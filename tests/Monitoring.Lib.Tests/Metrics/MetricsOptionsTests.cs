using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Tests.Metrics;

public sealed class MetricsOptionsTests
{
    [Fact]
    public void AddMonitoringMetrics_Section_BindsEverySetting()
    {
        var options = Bind(new()
        {
            ["Monitoring:Metrics:AppName"] = "shop",
            ["Monitoring:Metrics:PodName"] = "shop-0",
            ["Monitoring:Metrics:ServiceName"] = "metrics-cache-headless",
            ["Monitoring:Metrics:ServicePort"] = "9091",
            ["Monitoring:Metrics:PodPort"] = "9092",
            ["Monitoring:Metrics:PushInterval"] = "00:00:02",
            ["Monitoring:Metrics:PushTimeout"] = "1.5",
            ["Monitoring:Metrics:DeleteOnShutdown"] = "false",
            ["Monitoring:Metrics:ReplicaUrls:0"] = "http://127.0.0.1:1",
            ["Monitoring:Metrics:ReplicaUrls:1"] = "http://127.0.0.1:2",
        });

        Assert.Equal(("shop", "shop-0", "metrics-cache-headless", 9091, 9092), (options.AppName, options.PodName, options.ServiceName, options.ServicePort, options.PodPort));
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1.5), false), (options.PushInterval, options.PushTimeout, options.DeleteOnShutdown));
        Assert.Equal(["http://127.0.0.1:1", "http://127.0.0.1:2"], options.ReplicaUrls);
    }

    [Fact]
    public void AddMonitoringMetrics_LegacyVariables_FillWhatTheSectionLeavesUnset()
    {
        var options = Bind(new()
        {
            ["Monitoring:Metrics:AppName"] = "from-section",
            ["APP_NAME"] = "from-variable",
            ["HOSTNAME"] = "pod-7",
            ["METRICS_SERVICE_NAME"] = "cache-headless",
            ["METRICS_SERVICE_PORT"] = "19091",
            ["METRICS_POD_PORT"] = "19092",
            ["METRICS_PUSH_RATE"] = "5",
        });

        Assert.Equal(("from-section", "pod-7", "cache-headless", 19091, 19092), (options.AppName, options.PodName, options.ServiceName, options.ServicePort, options.PodPort));
        Assert.Equal(TimeSpan.FromSeconds(5), options.PushInterval);
    }

    [Fact]
    public void AddMonitoringMetrics_NothingSet_UsesDocumentedDefaults()
    {
        var options = Bind(new() { ["APP_NAME"] = "shop" });

        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), true, 9091, (int?)null), (options.PushInterval, options.PushTimeout, options.DeleteOnShutdown, options.ServicePort, options.PodPort));
        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", options.PodName);
        Assert.Empty(options.ReplicaUrls);
    }

    [Fact]
    public void AddMonitoringMetrics_OneSecondRateAndNoTimeout_TimeoutFollowsTheInterval()
    {
        var options = Bind(new() { ["APP_NAME"] = "shop", ["METRICS_PUSH_RATE"] = "1", ["Monitoring:Metrics:PushInterval"] = "2" });

        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)), (options.PushInterval, options.PushTimeout));
    }

    [Fact]
    public void AddMonitoringMetrics_TimeoutLongerThanInterval_FailsNamingBoth()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            Bind(new() { ["APP_NAME"] = "shop", ["METRICS_PUSH_RATE"] = "1", ["Monitoring:Metrics:PushTimeout"] = "5" }));

        Assert.Contains("Monitoring:Metrics:PushTimeout must be positive and at most the push interval (1 s); got '5' s.", error.Failures);
    }

    [Theory]
    [InlineData("METRICS_PUSH_RATE", "0", "Monitoring:Metrics:PushInterval (METRICS_PUSH_RATE) must be between 1 s and 3600 s; got '0' s.")]
    [InlineData("METRICS_PUSH_RATE", "soon", "METRICS_PUSH_RATE must be a number of seconds or a time span such as 00:00:10; got 'soon'.")]
    [InlineData("METRICS_POD_PORT", "abc", "METRICS_POD_PORT must be a port number; got 'abc'.")]
    [InlineData("Monitoring:Metrics:ServicePort", "70000", "Monitoring:Metrics:ServicePort (METRICS_SERVICE_PORT) must be between 1 and 65535; got '70000'.")]
    [InlineData("Monitoring:Metrics:ReplicaUrls:0", "127.0.0.1:9091", "Monitoring:Metrics:ReplicaUrls:0 must be an absolute http(s) URL; got '127.0.0.1:9091'.")]
    [InlineData("HOSTNAME", "a/b", "Monitoring:Metrics:PodName (HOSTNAME) must be set and contain no '/' (it is a URL path segment); got 'a/b'.")]
    public void AddMonitoringMetrics_BadValue_FailsWithMessageNamingKeyAndValue(string key, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["APP_NAME"] = "shop", [key] = value }));

        Assert.Contains(expected, error.Failures);
    }

    [Fact]
    public void AddMonitoringMetrics_CalledTwice_RegistersOnce()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddMonitoringMetrics();
        builder.AddMonitoringMetrics();

        Assert.Single(builder.Services, d => d.ServiceType == typeof(MetricsManager));
        Assert.Single(builder.Services, d => d.ImplementationType?.Name == "MetricsPushService");
    }

    [Fact]
    public void AddMonitoringMetrics_Delegate_RunsAfterSectionAndVariable_AlsoOnASecondCall()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("Monitoring:Metrics:AppName", "shop"), new("METRICS_PUSH_RATE", "5"), new("HOSTNAME", "pod-1")]);
        builder.AddMonitoringMetrics();
        builder.AddMonitoringMetrics(settings => settings.PushInterval = TimeSpan.FromSeconds(7));
        using var provider = builder.Services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<MetricsOptions>>().Value;

        Assert.Equal((TimeSpan.FromSeconds(7), "pod-1"), (options.PushInterval, options.PodName));
    }

    [Fact]
    public void AddMonitoringMetrics_DelegateSetsABadValue_ValidationNamesTheKey()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("Monitoring:Metrics:AppName", "shop")]);
        builder.AddMonitoringMetrics(settings => settings.PushInterval = TimeSpan.Zero);
        using var provider = builder.Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MetricsOptions>>().Value);

        Assert.Contains("Monitoring:Metrics:PushInterval (METRICS_PUSH_RATE) must be between 1 s and 3600 s; got '0' s.", error.Message, StringComparison.Ordinal);
    }

    private static MetricsOptions Bind(Dictionary<string, string?> values)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values);
        builder.AddMonitoringMetrics();
        using var provider = builder.Services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<MetricsOptions>>().Value;
    }
}
