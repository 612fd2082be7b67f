using Aspire.Confluent.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Monitoring.Lib.Tests.Kafka.Conformance;

[Collection(KafkaClusterDefinition.Name)]
public sealed class KafkaProducerConformanceTests(KafkaCluster cluster)
    : KafkaClientConformanceTests<IProducer<string, string>, KafkaProducerSettings>(cluster)
{
    protected override string Section => "Aspire:Confluent:Kafka:Producer";

    protected override string MessagingInstrument => "messaging.client.sent.messages";

    protected override Task ExerciseAsync(IServiceProvider services, string topic) => services.GetRequiredService<IProducer<string, string>>()
        .ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" }, TestContext.Current.CancellationToken);

    protected override void Add(IHostApplicationBuilder builder, string name, bool keyed, Action<KafkaProducerSettings>? configureSettings = null)
    {
        if (keyed)
        {
            builder.AddKeyedKafkaProducer<string, string>(name, configureSettings);
        }
        else
        {
            builder.AddKafkaProducer<string, string>(name, configureSettings);
        }
    }
}
