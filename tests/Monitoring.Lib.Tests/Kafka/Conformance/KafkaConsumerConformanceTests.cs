using Aspire.Confluent.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;

namespace Monitoring.Lib.Tests.Kafka.Conformance;

[Collection(KafkaClusterDefinition.Name)]
public sealed class KafkaConsumerConformanceTests(KafkaCluster cluster)
    : KafkaClientConformanceTests<IConsumer<string, string>, KafkaConsumerSettings>(cluster)
{
    protected override string Section => "Aspire:Confluent:Kafka:Consumer";

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
