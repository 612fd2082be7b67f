namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A redis-server process (Debian's package) on a loopback port, without persistence. Its connection string is
/// <c>127.0.0.1:PORT</c>, StackExchange.Redis' format.
/// </summary>
/// <param name="name">The resource name.</param>
/// <param name="command">The redis-server binary.</param>
/// <param name="workingDirectory">The run's folder for this server.</param>
public sealed class RedisServerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    private EndpointReference? _endpoint;

    /// <summary>The TCP endpoint redis-server listens on.</summary>
    public EndpointReference PrimaryEndpoint => _endpoint ??= new(this, EndpointName);

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.IPV4Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
