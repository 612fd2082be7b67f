using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>Stream workers added with <c>AddKafkaStreamWorker</c>: each runs with the settings of its own registration.</summary>
[Collection(KafkaClusterDefinition.Name)]
public sealed class KafkaStreamWorkerRegistrationTests(KafkaCluster cluster)
{
    [Fact]
    public async Task AddKafkaStreamWorker_TwoOfOneTypeWithOtherGroupsAndConnections_EachRunsWithItsOwnSettings()
    {
        var (first, second) = (cluster.Unique("ga"), cluster.Unique("gb"));
        await cluster.ProduceAsync($"{first}-in", ["x"]);
        await cluster.ProduceAsync($"{second}-in", ["y"]);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "two-workers" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = cluster.Bootstrap,
            ["ConnectionStrings:other"] = cluster.Bootstrap,
            ["Monitoring:Metrics:PushEnabled"] = "false",
            ["Monitoring:Kafka:Properties:auto.offset.reset"] = "earliest",
        });
        builder.Services.AddLogging();
        builder.AddKafkaStreamWorker<TopicPerGroupWorker>("kafka", settings => settings.GroupId = first);
        builder.AddKafkaStreamWorker<TopicPerGroupWorker>("other", settings => settings.GroupId = second);
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);
        var outputs = (cluster.ReadAll($"{first}-out", 1), cluster.ReadAll($"{second}-out", 1));
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal($"x@{first}", Assert.Single(outputs.Item1).Message.Value);
        Assert.Equal($"y@{second}", Assert.Single(outputs.Item2).Message.Value);
    }

    /// <summary>Reads <c>{group}-in</c> and writes each value, stamped with its group, to <c>{group}-out</c>.</summary>
    private sealed class TopicPerGroupWorker(KafkaSettings settings, MetricsManager metrics, ILogger<TopicPerGroupWorker> logger)
        : KafkaStreamWorker<string, string>(settings, metrics, logger)
    {
        private readonly string _group = settings.GroupId!;

        protected override IReadOnlyList<string> InputTopics => [$"{_group}-in"];

        protected override Task HandleAsync(ConsumeResult<string, string> message, KafkaStreamOutputs<string, string> outputs,
            CancellationToken stoppingToken)
        {
            outputs.Add($"{_group}-out", message.Message.Key, $"{message.Message.Value}@{_group}");
            return Task.CompletedTask;
        }
    }
}
