using Monitoring.Hosting;
using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Servers;

namespace Monitoring.AppHost;

/// <summary>The servers and the secret the samples use, as <see cref="AppModel.AddInfrastructure"/> added them.</summary>
/// <param name="Kafka">DevKafka, or the cluster in <c>ConnectionStrings__kafka</c>; topics are declared by <see cref="AppModel.AddSamples"/>.</param>
/// <param name="Redis">redis-server.</param>
/// <param name="Influx">influxd with database <c>monitoring</c>.</param>
/// <param name="MetricsCache">The replicated metrics cache the services push to and Prometheus scrapes.</param>
/// <param name="FormsApiKey">The web producer's API key (parameter <c>forms-api-key</c>, secret).</param>
public sealed record TemplateInfrastructure(
    IResourceBuilder<KafkaResource> Kafka,
    IResourceBuilder<RedisResource> Redis,
    IResourceBuilder<InfluxDbResource> Influx,
    IResourceBuilder<MetricsCacheResource> MetricsCache,
    IResourceBuilder<ParameterResource> FormsApiKey);
