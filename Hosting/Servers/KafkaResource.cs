using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Orchestration;

namespace Monitoring.Hosting.Servers;

/// <summary>
/// Kafka: by default the embedded development broker DevKafka (librdkafka's mock cluster, in memory, for development
/// and tests only), run from the solution's build output; or an existing cluster given by configuration
/// <c>ConnectionStrings:{name}</c>, in which case nothing is started.
/// </summary>
public sealed class KafkaResource : ProjectResource, IResourceWithConnectionString
{
    internal KafkaResource(string name, string devKafkaProject, string configuration, string? externalBootstrapServers)
        : base(name, devKafkaProject, configuration) => ExternalBootstrapServers = externalBootstrapServers;

    /// <summary>The configured cluster's bootstrap servers; null when DevKafka runs.</summary>
    public string? ExternalBootstrapServers { get; }

    /// <inheritdoc />
    public override bool IsExternal => ExternalBootstrapServers is not null;

    /// <summary>The number of DevKafka brokers (default 3).</summary>
    public int Brokers { get; internal set; } = 3;

    /// <summary>The declared topics and their partition counts, created when DevKafka starts.</summary>
    public IList<(string Name, int Partitions)> Topics { get; } = [];

    /// <inheritdoc />
    public override string TypeName => IsExternal ? "Kafka (external)" : "Kafka (DevKafka, development only)";

    /// <summary>The bootstrap list: the configured one, or DevKafka's (asked from its control endpoint, so it is up to date after a restart).</summary>
    public async Task<string> GetConnectionStringAsync(CancellationToken cancellationToken = default)
    {
        if (ExternalBootstrapServers is not null)
        {
            return ExternalBootstrapServers;
        }
        var url = new Uri(this.GetEndpoint("control").Url + "/bootstrap");
        using var response = await HttpProbe.Client.GetAsync(url, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? body.Trim()
            : throw new InvalidOperationException($"DevKafka '{Name}' answered GET /bootstrap with {(int)response.StatusCode}: {body}");
    }
}
