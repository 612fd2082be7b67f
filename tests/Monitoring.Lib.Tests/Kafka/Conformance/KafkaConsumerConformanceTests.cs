using Aspire.Confluent.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Monitoring.Lib.Tests.Kafka.Conformance;

[Collection(KafkaClusterDefinition.Name)]
public sealed class KafkaConsumerConformanceTests(KafkaCluster cluster)
    : KafkaClientConformanceTests<IConsumer<string, string>, KafkaConsumerSettings>(cluster)
{
    protected override string Section => "Aspire:Confluent:Kafka:Consumer";

    protected override string MessagingInstrument => "messaging.client.consumed.messages";

    protected override async Task ExerciseAsync(IServiceProvider services, string topic)
    {
        await Cluster.ProduceAsync(topic, ["v"]);
        var consumer = services.GetRequiredService<IConsumer<string, string>>();
        consumer.Subscribe(topic);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (consumer.Consume(TimeSpan.FromMilliseconds(200)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no message read back from {topic} within 30 s");
        }
    }

    protected override void Add(IHostApplicationBuilder builder, string name, bool keyed, Action<KafkaConsumerSettings>? configureSettings = null)
    {
        if (keyed)
        {
            builder.AddKeyedKafkaConsumer<string, string>(name, configureSettings);
        }
        else
        {
            builder.AddKafkaConsumer<string, string>(name, configureSettings);
        }
    }
}
