using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>The connection's health check: a metadata request over the client's own settings.</summary>
[Collection(KafkaClusterDefinition.Name)]
public sealed class KafkaHealthCheckTests(KafkaCluster cluster)
{
    [Fact]
    public async Task Check_DevKafka_HealthyListingItsBrokersAndCreatesNoTopic()
    {
        using var host = Host(cluster.Bootstrap);
        var topicsBefore = cluster.TopicNames();

        var entry = (await Checks(host).CheckHealthAsync(TestContext.Current.CancellationToken)).Entries["kafka"];

        Assert.Equal((HealthStatus.Healthy, "The cluster lists 3 brokers"), (entry.Status, entry.Description));
        Assert.Equal(topicsBefore, cluster.TopicNames());
    }

    [Fact]
    public async Task Check_PortThatIsNoKafka_TheRegistrationsFailureStatus()
    {
        using var notKafka = new TcpListener(IPAddress.Loopback, 0);
        notKafka.Start();
        using var host = Host($"127.0.0.1:{((IPEndPoint)notKafka.LocalEndpoint).Port}",
            health => health.Registrations.Single(r => r.Name == "kafka").FailureStatus = HealthStatus.Degraded);

        var entry = (await Checks(host).CheckHealthAsync(TestContext.Current.CancellationToken)).Entries["kafka"];

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.StartsWith("No metadata within 3 s", entry.Description, StringComparison.Ordinal);
    }

    private static HealthCheckService Checks(IHost host) => host.Services.GetRequiredService<HealthCheckService>();

    private static IHost Host(string bootstrap, Action<HealthCheckServiceOptions>? configureHealth = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "health" });
        builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:kafka", bootstrap), new("Monitoring:Metrics:PushEnabled", "false")]);
        builder.Services.AddLogging();
        builder.AddKafkaProducer<string, string>("kafka");
        if (configureHealth is not null)
        {
            builder.Services.PostConfigure(configureHealth);
        }
        return builder.Build();
    }
}
