using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.Lib.Kafka;

namespace Monitoring.Lib.Tests.Kafka;

public sealed class KafkaSettingsTests
{
    [Fact]
    public void AddKafkaSettings_ConnectionStringSectionAndPollTimeoutVariable_EveryValueReachesTheConfig()
    {
        var builder = Builder(new()
        {
            ["ConnectionStrings:kafka"] = "k1:9092,k2:9092",
            ["POLL_TIMEOUT"] = "2.5",
            ["Monitoring:Kafka:ClientId"] = "forms-app",
            ["Monitoring:Kafka:GroupId"] = "forms",
            ["Monitoring:Kafka:SecurityProtocol"] = "SASL_SSL",
            ["Monitoring:Kafka:SaslMechanism"] = "scram-sha-512",
            ["Monitoring:Kafka:SaslUsername"] = "user",
            ["Monitoring:Kafka:SaslPassword"] = "secret",
            ["Monitoring:Kafka:SslCaLocation"] = "/etc/ca.pem",
            ["Monitoring:Kafka:StatisticsInterval"] = "00:00:15",
            ["Monitoring:Kafka:SessionTimeout"] = "00:00:06",
            ["Monitoring:Kafka:Properties:auto.offset.reset"] = "earliest",
            ["Monitoring:Kafka:Properties:acks"] = "all",
            ["Monitoring:Kafka:Properties:socket.keepalive.enable"] = "true",
        });

        var settings = builder.AddKafkaSettings();
        var config = settings.ToConsumerConfig();

        Assert.Same(settings, builder.Services.BuildServiceProvider().GetRequiredService<KafkaSettings>());
        Assert.Equal(TimeSpan.FromSeconds(2.5), settings.EffectivePollTimeout);
        Assert.Equal("k1:9092,k2:9092", config.BootstrapServers);
        Assert.Equal("forms-app", config.ClientId);
        Assert.Equal("forms", config.GroupId);
        Assert.Equal(SecurityProtocol.SaslSsl, config.SecurityProtocol);
        Assert.Equal(SaslMechanism.ScramSha512, config.SaslMechanism);
        Assert.Equal(("user", "secret"), (config.SaslUsername, config.SaslPassword));
        Assert.Equal("/etc/ca.pem", config.SslCaLocation);
        Assert.Equal(15_000, config.StatisticsIntervalMs);
        Assert.Equal(6_000, config.SessionTimeoutMs);
        var producer = settings.ToProducerConfig();
        // A consumer-only property: given to a producer, librdkafka would warn on its stderr.
        Assert.DoesNotContain(producer, p => p.Key == "session.timeout.ms");
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        // One-role extra properties go to that role only; the others to both.
        Assert.Equal(Acks.All, producer.Acks);
        Assert.Null(config.Acks);
        Assert.DoesNotContain(producer, p => p.Key == "auto.offset.reset");
        Assert.Equal((true, true), (config.SocketKeepaliveEnable, producer.SocketKeepaliveEnable));
    }

    [Fact]
    public void AddKafkaSettings_ConnectionStringOverSectionAndSectionOverVariable()
    {
        var builder = Builder(new()
        {
            ["ConnectionStrings:kafka"] = "from-connection:9092",
            ["POLL_TIMEOUT"] = "9",
            ["Monitoring:Kafka:BootstrapServers"] = "from-section:9092",
            ["Monitoring:Kafka:PollTimeout"] = "00:00:00.250",
        });

        var settings = builder.AddKafkaSettings();

        // As in Aspire: the connection string wins over every section's bootstrap list.
        Assert.Equal("from-connection:9092", settings.ToProducerConfig().BootstrapServers);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.EffectivePollTimeout);
    }

    [Fact]
    public void AddKafkaSettings_BadPollTimeoutVariable_ThrowsNamingKeyAndValue()
    {
        var builder = Builder(new() { ["ConnectionStrings:kafka"] = "k1:9092", ["POLL_TIMEOUT"] = "soon" });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddKafkaSettings());

        Assert.Equal("Monitoring:Kafka:PollTimeout (POLL_TIMEOUT) must be a number of seconds between 0.001 and 300; got 'soon'.", error.Message);
    }

    [Theory]
    [InlineData("Monitoring:Kafka:SecurityProtocol", "tls", "Monitoring:Kafka:SecurityProtocol must be one of plaintext, ssl, sasl_plaintext, sasl_ssl; got 'tls'.")]
    [InlineData("ConnectionStrings:kafka", "k1", "ConnectionStrings:kafka must be a comma-separated list of host:port; got 'k1'.")]
    [InlineData("Monitoring:Kafka:SaslUsername", "user", "Monitoring:Kafka:SaslPassword must be set together with the other SASL credential; got none.")]
    [InlineData("Monitoring:Kafka:ProcessingGuarantee", "7", "Monitoring:Kafka:ProcessingGuarantee must be AtLeastOnce or ExactlyOnce; got '7'.")]
    [InlineData("Monitoring:Kafka:TransactionalId", " ", "Monitoring:Kafka:TransactionalId must be a name, or unset for the default; got ' '.")]
    [InlineData("Monitoring:Kafka:TransactionInterval", "00:05:00", "Monitoring:Kafka:TransactionInterval must be between 1 ms and 1 min; got '00:05:00'.")]
    public void AddKafkaProducer_BadValue_RegisteredThenFirstResolveThrowsNamingKeyAndValue(string key, string value, string message)
    {
        var builder = Builder(new() { ["ConnectionStrings:kafka"] = "k1:9092", [key] = value });
        builder.AddKafkaProducer<string, string>("kafka");
        using var host = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IProducer<string, string>>());

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void AddKafkaConsumer_NoGroupId_RegisteredThenFirstResolveThrowsNamingGroupId()
    {
        var builder = Builder(new() { ["ConnectionStrings:kafka"] = "k1:9092" });
        builder.AddKafkaConsumer<string, string>("kafka");
        using var host = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IConsumer<string, string>>());

        Assert.StartsWith("Aspire:Confluent:Kafka:Consumer:Config:GroupId is required for a consumer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddKafkaProducer_NoConnectionInformation_RegisteredThenFirstResolveThrowsNamingTheConnectionString()
    {
        var builder = Builder([]);
        builder.AddKafkaProducer<string, string>("kafka");
        using var host = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IProducer<string, string>>());

        Assert.StartsWith("ConnectionStrings:kafka is required: set ConnectionStrings:kafka (ConnectionStrings__kafka), Aspire:Confluent:Kafka:Producer:ConnectionString",
            error.Message, StringComparison.Ordinal);
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> values)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "kafka-tests" });
        builder.Configuration.AddInMemoryCollection(values);
        return builder;
    }
}
