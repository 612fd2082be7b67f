using System.Globalization;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Monitoring.Hosting.DevKafka;
using Monitoring.Hosting.Internal;

namespace Aspire.Hosting;

/// <summary>Adds DevKafka, the embedded development Kafka, to the app model.</summary>
public static partial class DevKafkaBuilderExtensions
{
    // The fetch wait WithReference gives consumers of DevKafka. At idle each consumer then sends a fetch per broker
    // every 10 ms; a busy one gets data at once and never waits.
    private const int FetchWaitMaxMs = 10;

    /// <summary>
    /// Adds DevKafka (in memory, development and tests only) with <paramref name="brokers"/> brokers and a control
    /// endpoint <c>control</c>, healthy once the cluster is up (<c>GET /health</c>). Declare topics with
    /// <see cref="WithTopic"/>. Commands on the dashboard (and through <c>ResourceCommandService</c>): take broker N
    /// down (<c>broker-N-down</c>) and bring it up (<c>broker-N-up</c>). Reference it with
    /// <see cref="WithReference{T}(IResourceBuilder{T}, IResourceBuilder{DevKafkaResource})"/>. To use an existing
    /// cluster instead, add <c>builder.AddConnectionString(name)</c> (see the AppHost).
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="brokers">The broker count, 1 to 9 (default 3).</param>
    public static IResourceBuilder<DevKafkaResource> AddDevKafka(this IDistributedApplicationBuilder builder, string name, int brokers = 3)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (brokers is < 1 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(brokers), brokers, $"DevKafka broker count {brokers} is out of range: use 1 to 9.");
        }
        var kafka = new DevKafkaResource(name, DotnetProgram.Host, ServerDirectories.For(builder, name)) { Brokers = brokers };
        var resource = builder.AddResource(kafka)
            .WithHttpEndpoint(name: DevKafkaResource.ControlEndpointName, isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(DotnetProgram.Dll("DevKafka"));
                context.Args.Add("--control-port");
                context.Args.Add(kafka.ControlEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--brokers");
                context.Args.Add(kafka.Brokers.ToString(CultureInfo.InvariantCulture));
                foreach (var (topic, partitions) in kafka.Topics)
                {
                    context.Args.Add("--topic");
                    context.Args.Add(string.Create(CultureInfo.InvariantCulture, $"{topic}:{partitions}"));
                }
            })
            .WithHttpHealthCheck("/health", endpointName: DevKafkaResource.ControlEndpointName)
            .WithUrlForEndpoint(DevKafkaResource.ControlEndpointName, url => url.DisplayText = "DevKafka control — in memory, development and tests only")
            .WithIconName("Warning");
        for (var broker = 1; broker <= brokers; broker++)
        {
            DevKafkaCommands.AddBrokerCommands(resource, broker);
        }
        return resource;
    }

    /// <summary>Declares a topic DevKafka creates at start.</summary>
    /// <param name="builder">The DevKafka resource.</param>
    /// <param name="name">The topic name: letters, digits, '.', '_' and '-', at most 249 characters.</param>
    /// <param name="partitions">Its partition count, 1 to 1000 (default 1).</param>
    public static IResourceBuilder<DevKafkaResource> WithTopic(this IResourceBuilder<DevKafkaResource> builder, string name, int partitions = 1)
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

    /// <summary>
    /// Injects <c>ConnectionStrings__{name}</c> (the bootstrap list) and two consumer settings that make up for the mock
    /// cluster's ways: a 6 s session (<c>Monitoring__Kafka__SessionTimeout</c>): the mock keeps a consumer that left its
    /// group until its session expires, so with the 45 s default a restarted consumer waited 44 s for partitions (6 s is
    /// the least real brokers accept; librdkafka's 3 s heartbeat stays below it); and a fetch wait of
    /// 10 ms (<c>Aspire__Confluent__Kafka__Consumer__Config__FetchWaitMaxMs</c>): a real broker
    /// answers a waiting fetch as soon as a message arrives, the mock only when the wait is over, so with librdkafka's
    /// 500 ms every message waited 250 ms on average before its consumer saw it.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<DevKafkaResource> kafka)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(kafka);
        return builder.WithReference((IResourceBuilder<IResourceWithConnectionString>)kafka)
            .WithEnvironment("Monitoring__Kafka__SessionTimeout", "00:00:06")
            .WithEnvironment("Aspire__Confluent__Kafka__Consumer__Config__FetchWaitMaxMs", FetchWaitMaxMs.ToString(CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex TopicName();
}
