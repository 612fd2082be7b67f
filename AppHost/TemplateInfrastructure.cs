namespace MonitoringStack.AppHost;

/// <summary>The servers every service of the template uses, as AppHost.cs adds them.</summary>
/// <param name="Kafka">DevKafka, or the cluster in <c>ConnectionStrings:kafka</c>.</param>
/// <param name="Redis">redis-server.</param>
/// <param name="Influx">influxd with database <c>monitoring</c>.</param>
/// <param name="MetricsCache">The replicated metrics cache the services push to and Prometheus scrapes.</param>
public sealed record TemplateInfrastructure(
    IResourceBuilder<IResourceWithConnectionString> Kafka,
    IResourceBuilder<RedisServerResource> Redis,
    IResourceBuilder<InfluxDbResource> Influx,
    IResourceBuilder<MetricsCacheResource> MetricsCache)
{
    /// <summary>
    /// The infrastructure already in <paramref name="builder"/>'s model, e.g. to add another copy of the samples or a
    /// service of your own from a test or benchmark (<c>DistributedApplicationFactory.OnBuilding</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model does not hold exactly one resource of each kind.</exception>
    public static TemplateInfrastructure Of(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var kafka = builder.Resources.OfType<IResourceWithConnectionString>().Single(r => r.Name == "kafka");
        return new(builder.CreateResourceBuilder(kafka), Existing<RedisServerResource>(builder), Existing<InfluxDbResource>(builder),
            Existing<MetricsCacheResource>(builder));
    }

    private static IResourceBuilder<T> Existing<T>(IDistributedApplicationBuilder builder)
        where T : IResource => builder.CreateResourceBuilder(builder.Resources.OfType<T>().Single());
}
