namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// An influxd 1.x process (Debian's package: the 1.x HTTP API only, <c>/write</c>, <c>/query</c>, <c>/ping</c>) on
/// loopback ports, its data in the run's folder. Its connection string is the HTTP API's URL.
/// </summary>
/// <param name="name">The resource name.</param>
/// <param name="database">The database created before the resource reports healthy.</param>
/// <param name="command">The influxd binary.</param>
/// <param name="workingDirectory">The run's folder for this server.</param>
public sealed class InfluxDbResource(string name, string database, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string HttpEndpointName = "http";
    internal const string RpcEndpointName = "rpc";

    private EndpointReference? _endpoint;

    /// <summary>The database the services write to (default <c>monitoring</c>).</summary>
    public string Database { get; } = database;

    /// <summary>The HTTP API endpoint.</summary>
    public EndpointReference PrimaryEndpoint => _endpoint ??= new(this, HttpEndpointName);

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Url)}");
}
