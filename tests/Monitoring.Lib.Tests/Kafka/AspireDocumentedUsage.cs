using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>
/// A service written only from Aspire.Confluent.Kafka's documented usage: nothing here names this library. With the
/// project reference swapped for the Aspire.Confluent.Kafka package it builds unchanged.
/// </summary>
internal static class AspireDocumentedUsage
{
    public static IHost Build(string bootstrapServers, string groupId)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "aspire-usage" });
        builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:kafka", bootstrapServers)]);
        builder.AddKafkaProducer<string, string>("kafka");
        builder.AddKafkaConsumer<string, string>("kafka", settings =>
        {
            settings.Config.GroupId = groupId;
            settings.Config.AutoOffsetReset = AutoOffsetReset.Earliest;
        });
        builder.Services.AddSingleton<Relay>();
        return builder.Build();
    }

    /// <summary>Takes the clients as Aspire registers them.</summary>
    public sealed class Relay(IProducer<string, string> producer, IConsumer<string, string> consumer)
    {
        public async Task<List<string>> SendAndReadBackAsync(string topic, IReadOnlyList<string> values, CancellationToken cancellationToken)
        {
            foreach (var value in values)
            {
                await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = value }, cancellationToken);
            }
            consumer.Subscribe(topic);
            var read = new List<string>();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (read.Count < values.Count && DateTime.UtcNow < deadline)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
                {
                    read.Add(result.Message.Value);
                }
            }
            return read;
        }
    }
}
