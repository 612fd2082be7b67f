using System.Text.Json;
using Json.Schema;

namespace Monitoring.Lib.Tests.Configuration;

/// <summary>The ConfigurationSchema.json the library ships: what editors check appsettings.json against.</summary>
public sealed class ConfigurationSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "ConfigurationSchema.json"));

    [Fact]
    public void Validate_EverySectionWithValidValues_Passes()
    {
        var results = Evaluate("""
            {
              "Monitoring": {
                "Enabled": true,
                "ServiceName": "orders",
                "Metrics": { "AppName": "orders", "ServiceName": "metrics-cache-headless", "PushInterval": 5, "PushTimeout": "00:00:02", "ReplicaUrls": [ "http://a:9091" ] },
                "Influx": { "Version": 2, "Url": "http://influx:8086", "Org": "o", "Bucket": "b", "Token": "t", "BatchSize": 1000, "FlushInterval": "00:00:01", "Retry": { "MaxAttempts": 3, "Jitter": 0.1 } },
                "Kafka": { "BootstrapServers": "k1:9092", "GroupId": "g", "SecurityProtocol": "sasl_ssl", "SessionTimeout": "00:00:06", "Properties": { "acks": "all" } },
                "Redis": { "ServiceName": "relay", "LogEveryNthFailure": 10 },
                "Requests": { "RequestIdHeader": "X-Correlation-Id", "MaxRequestIdLength": 64, "ExcludedPaths": [ "/ping" ], "IncludeExceptionDetails": false }
              },
              "Aspire": { "Confluent": { "Kafka": {
                "Producer": { "DisableMetrics": true, "Config": { "Acks": "All", "LingerMs": 5 }, "audit": { "ConnectionString": "k2:9092", "DisableTracing": true } },
                "Consumer": { "Config": { "GroupId": "g", "AutoOffsetReset": "Earliest" } }
              } } }
            }
            """);

        Assert.True(results.IsValid, Describe(results));
    }

    [Theory]
    [InlineData("""{ "Aspire": { "Confluent": { "Kafka": { "Producer": { "DisableMetrics": 0 } } } } }""")]
    [InlineData("""{ "Aspire": { "Confluent": { "Kafka": { "Consumer": { "kafka": { "DisableHealthChecks": "yes" } } } } } }""")]
    [InlineData("""{ "Monitoring": { "Influx": { "BatchSize": "many" } } }""")]
    [InlineData("""{ "Monitoring": { "Metrics": { "ServicePort": 70000 } } }""")]
    [InlineData("""{ "Monitoring": { "Kafka": { "SecurityProtocol": "tls" } } }""")]
    [InlineData("""{ "Monitoring": { "Enabled": "off" } }""")]
    [InlineData("""{ "Monitoring": { "Requests": { "ExcludedPaths": [ "ping" ] } } }""")]
    [InlineData("""{ "Monitoring": { "Requests": { "MaxRequestIdLength": 0 } } }""")]
    public void Validate_AWrongType_Fails(string appSettings) => Assert.False(Evaluate(appSettings).IsValid);

    [Theory]
    [InlineData("SampleConsumer/appsettings.json")]
    [InlineData("SampleWebProducer/appsettings.json")]
    public void Validate_TheSamplesOwnAppSettings_Pass(string file)
    {
        var results = Evaluate(File.ReadAllText(Path.Combine(RepositoryRoot(), file)));

        Assert.True(results.IsValid, Describe(results));
    }

    private static EvaluationResults Evaluate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Describe(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Monitoring.Lib", "ConfigurationSchema.json")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Monitoring.Lib/ConfigurationSchema.json above {AppContext.BaseDirectory}");
    }
}
