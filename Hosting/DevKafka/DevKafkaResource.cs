using Monitoring.Hosting.DevKafka;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The embedded development Kafka, DevKafka: librdkafka's mock cluster run as a process of its own, with a control
/// endpoint (health, bootstrap list, broker faults, topics). In memory: for development and tests only, every message
/// is lost when it stops. Its connection string is the bootstrap list, asked from the control endpoint.
/// </summary>
/// <param name="name">The resource name.</param>
/// <param name="command">The dotnet host that runs DevKafka.</param>
/// <param name="workingDirectory">The run's folder for DevKafka.</param>
public sealed class DevKafkaResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string ControlEndpointName = "control";

    private EndpointReference? _control;

    /// <summary>The number of brokers (default 3).</summary>
    public int Brokers { get; internal set; } = 3;

    /// <summary>The topics created when DevKafka starts, with their partition counts.</summary>
    public IList<(string Name, int Partitions)> Topics { get; } = [];

    /// <summary>The control endpoint (HTTP on 127.0.0.1).</summary>
    public EndpointReference ControlEndpoint => _control ??= new(this, ControlEndpointName);

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{new DevKafkaBootstrap(this)}");
}
