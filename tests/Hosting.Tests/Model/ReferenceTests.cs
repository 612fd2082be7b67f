using Microsoft.Extensions.DependencyInjection;
using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Orchestration;
using Monitoring.Hosting.Testing;

namespace Monitoring.Hosting.Tests.Model;

public sealed class ReferenceTests
{
    [Fact]
    public async Task WithReference_RedisInfluxAndMetricsCache_InjectsAspireNamesAndValuesAndMasksSecrets()
    {
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(b =>
        {
            var password = b.AddParameter("redis-password", secret: true);
            var redis = b.AddRedis("redis", password);
            var influx = b.AddInfluxDb("influxdb", database: "metricsdb");
            var cache = b.AddMetricsCache("metrics-cache", replicas: 2);
            // env prints the environment it was given and exits: what a service would read.
            b.AddExecutable("printer", "/usr/bin/env")
                .WithReference(redis).WithReference(influx).WithReference(cache)
                .WithEnvironment("PLAIN", "1").WithEnvironment("SECRET_VALUE", password)
                .WaitFor(redis).WaitFor(influx).WaitFor(cache);
        }, "--Parameters:redis-password=s3cret");
        await app.StartAsync(TestContext.Current.CancellationToken);
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var printer = await notifications.WaitForResourceAsync("printer", ReplicaState.Exited, timeout.Token);

        var env = app.Services.GetRequiredService<ResourceLoggerService>().GetLogs("printer")
            .Select(l => l.Text.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        var redisPort = app.Model.Get("redis").GetEndpoint("tcp").Port;
        var influxUrl = app.Model.Get("influxdb").GetEndpoint().Url;
        var cacheEndpoint = app.Model.Get("metrics-cache").GetEndpoint();
        Assert.Equal($"127.0.0.1:{redisPort},password=s3cret", env["ConnectionStrings__redis"]);
        Assert.Equal($"Url={influxUrl};Database=metricsdb", env["ConnectionStrings__influxdb"]);
        Assert.Equal(influxUrl, env["Monitoring__Influx__Url"]);
        Assert.Equal("metricsdb", env["Monitoring__Influx__Database"]);
        Assert.Equal(cacheEndpoint.Front!.Url, env["services__metrics-cache__http__0"]);
        Assert.Equal(cacheEndpoint.GetReplicaUrl(0), env["Monitoring__Metrics__ReplicaUrls__0"]);
        Assert.Equal(cacheEndpoint.GetReplicaUrl(1), env["Monitoring__Metrics__ReplicaUrls__1"]);
        Assert.NotEqual(cacheEndpoint.GetReplicaUrl(0), cacheEndpoint.GetReplicaUrl(1));
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("Monitoring__Metrics__ReplicaUrls__2", StringComparison.Ordinal));
        Assert.Equal("s3cret", env["SECRET_VALUE"]);

        Assert.Equal(0, printer.Replicas[0].ExitCode);
        Assert.Equal("****", printer.Environment["ConnectionStrings__redis"]);
        Assert.Equal("****", printer.Environment["SECRET_VALUE"]);
        Assert.Equal("1", printer.Environment["PLAIN"]);
        Assert.Equal(["redis", "influxdb", "metrics-cache"], printer.References);
    }

    [Fact]
    public async Task AddKafka_ConnectionStringConfigured_UsesThatClusterAndStartsNothing()
    {
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(b =>
        {
            var kafka = b.AddKafka("kafka").WithTopic("forms", 4);
            b.AddExecutable("printer", "/usr/bin/env").WithReference(kafka).WaitFor(kafka);
        }, "--ConnectionStrings:kafka=broker-1:9092,broker-2:9092");
        await app.StartAsync(TestContext.Current.CancellationToken);

        var kafka = await app.WaitForResourceHealthyAsync("kafka");
        await app.Services.GetRequiredService<ResourceNotificationService>().WaitForResourceAsync("printer", ReplicaState.Exited, TestContext.Current.CancellationToken);

        Assert.Empty(kafka.Replicas);
        Assert.Equal("Kafka (external)", kafka.Type);
        Assert.Equal("broker-1:9092,broker-2:9092", await app.GetConnectionStringAsync("kafka", TestContext.Current.CancellationToken));
        Assert.Contains(app.Services.GetRequiredService<ResourceLoggerService>().GetLogs("printer"),
            l => l.Text == "ConnectionStrings__kafka=broker-1:9092,broker-2:9092");
        Assert.DoesNotContain(app.Services.GetRequiredService<ResourceLoggerService>().GetLogs("printer"),
            l => l.Text.StartsWith("Monitoring__Kafka__SessionTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void WithTopic_InvalidNameOrPartitions_ThrowsNamingTheValue()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var kafka = builder.AddKafka("kafka");

        Assert.Contains("'bad topic'", Assert.Throws<ArgumentException>(() => kafka.WithTopic("bad topic")).Message, StringComparison.Ordinal);
        Assert.Contains("0", Assert.Throws<ArgumentOutOfRangeException>(() => kafka.WithTopic("forms", 0)).Message, StringComparison.Ordinal);
        Assert.Contains("'redis'", Assert.Throws<InvalidOperationException>(() => { builder.AddRedis("redis"); builder.AddRedis("redis"); }).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddKafka_DevKafkaArguments_FollowTheContract()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var kafka = builder.AddKafka("kafka", brokers: 3).WithTopic("forms", 4).WithTopic("forms.dlq", 1).Resource;
        kafka.GetEndpoint("control").ReplicaPorts = [40123];
        var context = new CommandLineArgsCallbackContext(new ReplicaContext(kafka, 0, "/tmp", new ServiceCollection().BuildServiceProvider()), default);

        foreach (var callback in kafka.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        Assert.EndsWith("/DevKafka/bin/Debug/net10.0/DevKafka.dll", kafka.AssemblyPath, StringComparison.Ordinal);
        Assert.Equal([kafka.AssemblyPath, "--control-port", "40123", "--brokers", "3", "--topic", "forms:4", "--topic", "forms.dlq:1"], context.Args);
        Assert.Equal("GET /health", kafka.Annotations.OfType<HealthCheckAnnotation>().Single().Description);
    }

    [Fact]
    public void CreateResourceBuilder_ResourceInTheModel_WiresItLikeTheBuilderThatAddedIt()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        builder.AddKafka("kafka");
        var other = DistributedApplication.CreateBuilder([]).AddRedis("redis").Resource;

        var kafka = builder.CreateResourceBuilder(builder.Resources.OfType<Servers.KafkaResource>().Single()).WithTopic("late", 2);
        var error = Assert.Throws<InvalidOperationException>(() => builder.CreateResourceBuilder(other));

        Assert.Same(builder, kafka.ApplicationBuilder);
        Assert.Equal([("late", 2)], ((Servers.KafkaResource)Assert.Single(builder.Resources)).Topics);
        Assert.Equal("Resource 'redis' is not in this application model: add it with AddResource first.", error.Message);
    }
}
