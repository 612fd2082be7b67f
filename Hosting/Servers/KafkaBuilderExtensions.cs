using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Servers;

namespace Monitoring.Hosting;

/// <summary>Adds Kafka to the model.</summary>
public static partial class KafkaBuilderExtensions
{
    /// <summary>
    /// Adds Kafka. When configuration <c>ConnectionStrings:{name}</c> (environment <c>ConnectionStrings__{name}</c>) is
    /// set, that existing cluster is used and nothing starts. Otherwise the development broker DevKafka runs
    /// (<c>../DevKafka/DevKafka.csproj</c> from the AppHost folder, built by the solution) with
    /// <paramref name="brokers"/> brokers and the declared topics, healthy once its control endpoint's
    /// <c>/health</c> answers. Referencing it injects <c>ConnectionStrings__{name}</c> = the bootstrap list, and, for
    /// DevKafka only, a 6 s consumer session (<c>Monitoring__Kafka__SessionTimeout</c>)
    /// because its groups forget a consumer that left only when the session expires.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="brokers">DevKafka's broker count, 1 to 9 (default 3).</param>
    public static IResourceBuilder<KafkaResource> AddKafka(this IDistributedApplicationBuilder builder, string name, int brokers = 3)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (brokers is < 1 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(brokers), brokers, $"Kafka broker count {brokers} is out of range: use 1 to 9.");
        }
        var external = builder.Configuration.GetConnectionString(name);
        var project = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "DevKafka", "DevKafka.csproj"));
        var kafka = new KafkaResource(name, project, builder.AppHostConfiguration, string.IsNullOrWhiteSpace(external) ? null : external.Trim())
        {
            Brokers = brokers,
        };
        var resource = builder.AddResource(kafka);
        if (kafka.IsExternal)
        {
            return resource;
        }
        return resource.ConfigureProject()
            .WithAnnotation(new EndpointAnnotation("control", "http"))
            .WithAnnotation(new CommandLineArgsCallbackAnnotation(c =>
            {
                c.Args.Add("--control-port");
                c.Args.Add(c.Replica.GetPort("control").ToString(CultureInfo.InvariantCulture));
                c.Args.Add("--brokers");
                c.Args.Add(kafka.Brokers.ToString(CultureInfo.InvariantCulture));
                foreach (var (topic, partitions) in kafka.Topics)
                {
                    c.Args.Add("--topic");
                    c.Args.Add(string.Create(CultureInfo.InvariantCulture, $"{topic}:{partitions}"));
                }
                return Task.CompletedTask;
            }))
            .WithHttpHealthCheck("/health", "control")
            .WithAnnotation(new ReferenceEnvironmentAnnotation(c =>
            {
                // librdkafka's mock cluster keeps a consumer that left its group until its session times out: a
                // consumer restarted from the dashboard waited 44 s (the 45 s default) before it got partitions.
                // A short session bounds that; a real cluster handles LeaveGroup and keeps the client's defaults.
                // 6 s is the least real brokers accept; librdkafka's 3 s heartbeat stays below it.
                c.Variables.TryAdd("Monitoring__Kafka__SessionTimeout", "00:00:06");
                return Task.CompletedTask;
            }));
    }

    /// <summary>Declares a topic DevKafka creates at start (ignored for an external cluster, whose topics are its own).</summary>
    /// <param name="builder">The Kafka resource.</param>
    /// <param name="name">The topic name: letters, digits, '.', '_' and '-', at most 249 characters.</param>
    /// <param name="partitions">Its partition count, 1 to 1000 (default 1).</param>
    public static IResourceBuilder<KafkaResource> WithTopic(this IResourceBuilder<KafkaResource> builder, string name, int partitions = 1)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (name is null || name.Length > 249 || !TopicName().IsMatch(name))
        {
            throw new ArgumentException($"Kafka topic name '{name}' is invalid: use letters, digits, '.', '_' and '-', at most 249 characters.", nameof(name));
        }
        if (partitions is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(partitions), partitions, $"Partition count {partitions} of topic '{name}' is out of range: use 1 to 1000.");
        }
        if (builder.Resource.Topics.Any(t => t.Name == name))
        {
            throw new InvalidOperationException($"Kafka topic '{name}' is declared twice.");
        }
        builder.Resource.Topics.Add((name, partitions));
        return builder;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex TopicName();
}
