using static MonitoringStack.AppHost.Tests.ModelQueries;

namespace MonitoringStack.AppHost.Tests;

/// <summary>The samples in the model AppHost.cs builds, evaluated without starting anything.</summary>
public sealed class SampleModelTests
{
    private static readonly string[] Servers = ["kafka", "redis", "influxdb", "metrics-cache"];

    [Fact]
    public async Task Build_Samples_TheirTopicsTheSecretAndTwoProducerReplicas()
    {
        await using var app = await BuiltModel.BuildAsync();
        var model = app.Model;

        Assert.Equal([("forms", 4), ("outgoing", 4), ("forms.dlq", 1)], Resource<DevKafkaResource>(model, "kafka").Topics);
        Assert.True(Resource<ParameterResource>(model, "forms-api-key").Secret);
        Assert.Equal(2, Resource<ProjectResource>(model, "sample-web-producer").Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
    }

    [Theory]
    [InlineData("sample-consumer", "")]
    [InlineData("sample-web-producer", ",forms-api-key")]
    public async Task Build_Sample_ReferencesAndWaitsForEveryServer(string sample, string parameter)
    {
        await using var app = await BuiltModel.BuildAsync();
        var project = Resource<ProjectResource>(app.Model, sample);

        Assert.Equal(Servers, project.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name));
        // Every cache replica is referenced too: services push to each of them.
        Assert.Equal($"kafka,redis,influxdb,metrics-cache,metrics-cache-0,metrics-cache-1{parameter}", string.Join(',',
            project.Annotations.OfType<ResourceRelationshipAnnotation>().Where(r => r.Type == "Reference").Select(r => r.Resource.Name).Distinct()));
    }


    [Fact]
    public async Task Build_WebProducerEnvironment_NamesConnectionsAndEveryCacheReplica()
    {
        await using var app = await BuiltModel.BuildAsync();
        var producer = Resource<ProjectResource>(app.Model, "sample-web-producer");

        var environment = await EnvironmentOf(producer);

        Assert.Equal("sample-web-producer", environment["APP_NAME"]);
        Assert.Equal("sample-web-producer", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("sample-web-producer-{{- index .Annotations \"resource-replica-index\" -}}", environment["HOSTNAME"]);
        Assert.Equal("{kafka.connectionString}", environment["ConnectionStrings__kafka"]);
        Assert.Equal("00:00:06", environment["Monitoring__Kafka__SessionTimeout"]);
        Assert.Equal("10", environment["Aspire__Confluent__Kafka__Consumer__Config__FetchWaitMaxMs"]);
        Assert.Equal("{redis.connectionString}", environment["ConnectionStrings__redis"]);
        Assert.Equal("{influxdb.bindings.http.url}", environment["Monitoring__Influx__Url"]);
        Assert.Equal("monitoring", environment["Monitoring__Influx__Database"]);
        Assert.Equal("{metrics-cache.bindings.http.url}", environment["services__metrics-cache__http__0"]);
        Assert.Equal("{metrics-cache-0.bindings.http.url}", environment["Monitoring__Metrics__ReplicaUrls__0"]);
        Assert.Equal("{metrics-cache-1.bindings.http.url}", environment["Monitoring__Metrics__ReplicaUrls__1"]);
        Assert.False(environment.ContainsKey("Monitoring__Metrics__ReplicaUrls__2"));
        Assert.Equal("{forms-api-key.value}", environment["Forms__ApiKey"]);
        Assert.Equal("forms", environment["Forms__Topic"]);
        Assert.Equal(("Production", "Production"), (environment["DOTNET_ENVIRONMENT"], environment["ASPNETCORE_ENVIRONMENT"]));
    }


    [Fact]
    public async Task Build_SamplesEnvironment_DevelopmentKeepsAspiresTraceSettingsProductionLeavesThemToTheService()
    {
        await using var production = await BuiltModel.BuildAsync();
        await using var development = await BuiltModel.BuildAsync("--Samples:Environment=Development");

        foreach (var name in new[] { "sample-web-producer", "sample-consumer" })
        {
            var inProduction = await EnvironmentWithAspiresTraceSettings(Resource<ProjectResource>(production.Model, name));
            var inDevelopment = await EnvironmentWithAspiresTraceSettings(Resource<ProjectResource>(development.Model, name));

            Assert.Equal(("always_on", "trace_based"), (inDevelopment["OTEL_TRACES_SAMPLER"], inDevelopment["OTEL_METRICS_EXEMPLAR_FILTER"]));
            Assert.False(inProduction.ContainsKey("OTEL_TRACES_SAMPLER"), $"{name}: OTEL_TRACES_SAMPLER={inProduction.GetValueOrDefault("OTEL_TRACES_SAMPLER")}");
            Assert.False(inProduction.ContainsKey("OTEL_METRICS_EXEMPLAR_FILTER"), $"{name}: exemplars on in Production");
        }
    }

    // Aspire sets both in the OTLP callback it gives every project when the dashboard runs (not in a model built for a
    // test): put the same first, where Aspire's stands, and read what the model's later callbacks leave.
    private static ValueTask<Dictionary<string, string>> EnvironmentWithAspiresTraceSettings(ProjectResource project)
    {
        project.Annotations.Insert(0, new EnvironmentCallbackAnnotation(context =>
        {
            context.EnvironmentVariables["OTEL_TRACES_SAMPLER"] = "always_on";
            context.EnvironmentVariables["OTEL_METRICS_EXEMPLAR_FILTER"] = "trace_based";
        }));
        return EnvironmentOf(project);
    }

    [Fact]
    public async Task Build_KafkaConnectionStringConfigured_TheSamplesGetThatCluster()
    {
        await using var app = await BuiltModel.BuildAsync("--ConnectionStrings:kafka=kafka-1:9092,kafka-2:9092");
        var model = app.Model;
        var consumer = Resource<ProjectResource>(model, "sample-consumer");

        var environment = await EnvironmentOf(consumer);

        Assert.Equal("{kafka.connectionString}", environment["ConnectionStrings__kafka"]);
        Assert.False(environment.ContainsKey("Monitoring__Kafka__SessionTimeout"));
        Assert.False(environment.ContainsKey("Aspire__Confluent__Kafka__Consumer__Config__FetchWaitMaxMs"));
    }


    [Fact]
    public async Task AddSamples_SecondCopy_OwnResourcesAndTopicsOnTheSameServers()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        builder.AddDevKafka("kafka");
        builder.AddRedisServer("redis");
        builder.AddInfluxDb("influxdb");
        builder.AddMetricsCache("metrics-cache");
        var formsApiKey = builder.AddParameter("forms-api-key", "second-copy-api-key-0123", secret: true);
        var infrastructure = TemplateInfrastructure.Of(builder);

        builder.AddSamples(infrastructure, formsApiKey, "-b");

        Assert.Equal([("forms-b", 4), ("outgoing-b", 4), ("forms-b.dlq", 1)], ((DevKafkaResource)infrastructure.Kafka.Resource).Topics);
        foreach (var copy in new[] { "sample-consumer-b", "sample-web-producer-b" })
        {
            Assert.Equal(Servers, builder.Resources.Single(r => r.Name == copy).Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name));
        }
        var consumer = await EnvironmentOf((ProjectResource)builder.Resources.Single(r => r.Name == "sample-consumer-b"));
        Assert.Equal("forms-b", consumer["Forms__InputTopic"]);
        Assert.Equal("outgoing-b", consumer["Forms__OutputTopic"]);
        Assert.Equal("forms-b.dlq", consumer["Forms__DeadLetterTopic"]);
        Assert.Equal("sample-consumer-b", consumer["Forms__GroupId"]);
        Assert.Equal("sample-consumer-b", consumer["APP_NAME"]);
    }
}
