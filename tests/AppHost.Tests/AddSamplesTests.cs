using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Testing;

namespace Monitoring.AppHost.Tests;

public sealed class AddSamplesTests
{
    [Fact]
    public void AddSamples_SecondCopy_OwnResourcesAndTopicsOnTheTemplatesServers()
    {
        var builder = DistributedApplicationTestingBuilder.CreateBuilder(AppModel.Configure);
        var infrastructure = TemplateInfrastructure.Of(builder);

        AppModel.AddSamples(builder, infrastructure, "-b");

        Assert.Equal(["kafka", "redis", "influxdb", "metrics-cache", "prometheus", "forms-api-key", "sample-consumer", "sample-web-producer",
            "sample-consumer-b", "sample-web-producer-b"], builder.Resources.Select(r => r.Name));
        Assert.Equal([("forms", 4), ("outgoing", 4), ("forms.dlq", 1), ("forms-b", 4), ("outgoing-b", 4), ("forms-b.dlq", 1)],
            infrastructure.Kafka.Resource.Topics);
        foreach (var copy in builder.Resources.Where(r => r.Name.EndsWith("-b", StringComparison.Ordinal)))
        {
            Assert.Equal(["kafka", "redis", "influxdb", "metrics-cache"], copy.Annotations.OfType<ReferenceAnnotation>().Select(a => a.Target.Name));
            Assert.Equal(["kafka", "redis", "influxdb", "metrics-cache"], copy.Annotations.OfType<WaitAnnotation>().Select(a => a.Dependency.Name));
        }
        Assert.Equal(2, builder.Resources.Single(r => r.Name == "sample-web-producer-b").Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
    }
}
