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
    public void AddKafkaSettings_SectionValues_WinOverConnectionStringAndVariable()
    {
        var builder = Builder(new()
        {
            ["ConnectionStrings:kafka"] = "from-connection:9092",
            ["POLL_TIMEOUT"] = "9",
            ["Monitoring:Kafka:BootstrapServers"] = "from-section:9092",
            ["Monitoring:Kafka:PollTimeout"] = "00:00:00.250",
        });

        var settings = builder.AddKafkaSettings();

        Assert.Equal("from-section:9092", settings.ToProducerConfig().BootstrapServers);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.EffectivePollTimeout);
    }

    [Theory]
    [InlineData("Monitoring:Kafka:SecurityProtocol", "tls", "Monitoring:Kafka:SecurityProtocol must be one of plaintext, ssl, sasl_plaintext, sasl_ssl; got 'tls'.")]
    [InlineData("Monitoring:Kafka:BootstrapServers", "k1", "Monitoring:Kafka:BootstrapServers must be a comma-separated list of host:port; got 'k1'.")]
    [InlineData("POLL_TIMEOUT", "soon", "Monitoring:Kafka:PollTimeout (POLL_TIMEOUT) must be a number of seconds between 0.001 and 300; got 'soon'.")]
    [InlineData("Monitoring:Kafka:SaslUsername", "user", "Monitoring:Kafka:SaslPassword must be set together with the other SASL credential; got none.")]
    public void AddKafkaProducer_BadValue_ThrowsNamingKeyAndValue(string key, string value, string message)
    {
        var builder = Builder(new() { ["ConnectionStrings:kafka"] = "k1:9092", [key] = value });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddKafkaProducer<string, string>());

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void AddKafkaConsumer_NoGroupId_ThrowsNamingGroupId()
    {
        var builder = Builder(new() { ["ConnectionStrings:kafka"] = "k1:9092" });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddKafkaConsumer<string, string>());

        Assert.Equal("Monitoring:Kafka:GroupId is required for a consumer; got ''.", error.Message);
    }

    [Fact]
    public void AddKafkaProducer_NoConnectionString_ThrowsNamingTheConnectionString()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder([]).AddKafkaProducer<string, string>());

        Assert.StartsWith("Monitoring:Kafka:BootstrapServers is required: set ConnectionStrings:kafka", error.Message, StringComparison.Ordinal);
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> values)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "kafka-tests" });
        builder.Configuration.AddInMemoryCollection(values);
        return builder;
    }
}
