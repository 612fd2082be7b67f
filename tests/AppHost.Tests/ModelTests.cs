namespace MonitoringStack.AppHost.Tests;

/// <summary>The model AppHost.cs builds, evaluated without starting anything: the servers every service gets.</summary>
public sealed class ModelTests
{
    [Fact]
    public async Task Build_Resources_TheServers()
    {
        await using var app = await BuiltModel.BuildAsync();
        var model = app.Model;

        Assert.Equal(["kafka", "redis", "influxdb", "metrics-cache", "metrics-cache-0", "metrics-cache-1", "prometheus",
//#if (samples)
            "forms-api-key", "sample-consumer", "sample-web-producer",
//#endif
            ], model.Resources.Where(r => !r.Name.EndsWith("-rebuilder", StringComparison.Ordinal)).Select(r => r.Name));
        Assert.Equal(3, ModelQueries.Resource<DevKafkaResource>(model, "kafka").Brokers);
        Assert.Equal("monitoring", ModelQueries.Resource<InfluxDbResource>(model, "influxdb").Database);
        Assert.Equal(["metrics-cache-0", "metrics-cache-1"], ModelQueries.Resource<MetricsCacheResource>(model, "metrics-cache").Replicas.Select(r => r.Name));
        Assert.Equal("metrics-cache", Assert.Single(ModelQueries.Resource<PrometheusResource>(model, "prometheus").ScrapeTargets).Resource.Name);
    }

    [Fact]
    public async Task Build_KafkaConnectionStringConfigured_NoDevKafka()
    {
        await using var app = await BuiltModel.BuildAsync("--ConnectionStrings:kafka=kafka-1:9092,kafka-2:9092");
        var model = app.Model;

        Assert.Empty(model.Resources.OfType<DevKafkaResource>());
        Assert.IsNotType<DevKafkaResource>(Assert.IsAssignableFrom<IResourceWithConnectionString>(model.Resources.Single(r => r.Name == "kafka")));
    }
}
