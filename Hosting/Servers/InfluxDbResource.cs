using Monitoring.Hosting.ApplicationModel;

namespace Monitoring.Hosting.Servers;

/// <summary>An influxd 1.x (Debian package influxdb) with generated config and data folders; its database is created at start.</summary>
public sealed class InfluxDbResource : ExecutableResource, IResourceWithConnectionString
{
    internal InfluxDbResource(string name, string database)
        : base(name, "/usr/bin/influxd")
    {
        DebianPackage = "influxdb";
        Database = database;
    }

    /// <summary>The database created at start.</summary>
    public string Database { get; }

    /// <summary>The HTTP API address, e.g. <c>http://127.0.0.1:PORT</c>.</summary>
    public string Url => this.GetEndpoint().Url;

    /// <summary><c>Url=http://127.0.0.1:PORT;Database=NAME</c>.</summary>
    public Task<string> GetConnectionStringAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult($"Url={Url};Database={Database}");
}
