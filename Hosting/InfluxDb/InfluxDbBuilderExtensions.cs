using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitoring.Hosting.InfluxDb;
using Monitoring.Hosting.Internal;

namespace Aspire.Hosting;

/// <summary>Adds InfluxDB 1.x (Debian's influxd) to the app model.</summary>
public static partial class InfluxDbBuilderExtensions
{
    /// <summary>
    /// Adds an influxd 1.x on 127.0.0.1 (HTTP endpoint <c>http</c>, RPC endpoint <c>rpc</c>, ports allocated by Aspire),
    /// data in the run's folder, healthy once <c>/ping</c> answers and <paramref name="database"/> exists.
    /// Reference it with <see cref="WithReference{T}(IResourceBuilder{T}, IResourceBuilder{InfluxDbResource})"/>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="database">The database created at start (default <c>monitoring</c>): letters, digits, '_' and '-'.</param>
    public static IResourceBuilder<InfluxDbResource> AddInfluxDb(this IDistributedApplicationBuilder builder, string name, string database = "monitoring")
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (database is null || !DatabaseName().IsMatch(database))
        {
            throw new ArgumentException($"InfluxDB database name '{database}' is invalid: use letters, digits, '_' and '-'.", nameof(database));
        }
        var directory = ServerDirectories.For(builder, name);
        var config = Path.Combine(directory, "influxdb.conf");
        File.WriteAllText(config, InfluxDbConfig.Text);
        var influx = new InfluxDbResource(name, database, ServerExecutable.Resolve("influxd"), directory);
        var healthCheck = $"{name}_ping_database";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck,
            _ => new InfluxDbHealthCheck(influx), failureStatus: null, tags: null));
        var rpc = new EndpointReference(influx, InfluxDbResource.RpcEndpointName);
        return builder.AddResource(influx)
            .WithHttpEndpoint(name: InfluxDbResource.HttpEndpointName, isProxied: false)
            .WithEndpoint(name: InfluxDbResource.RpcEndpointName, scheme: "tcp", isProxied: false)
            .WithArgs("run", "-config", config)
            .WithEnvironment("INFLUXDB_HTTP_BIND_ADDRESS", ReferenceExpression.Create($"127.0.0.1:{influx.PrimaryEndpoint.Property(EndpointProperty.TargetPort)}"))
            .WithEnvironment("INFLUXDB_BIND_ADDRESS", ReferenceExpression.Create($"127.0.0.1:{rpc.Property(EndpointProperty.TargetPort)}"))
            .WithEnvironment("INFLUXDB_META_DIR", Path.Combine(directory, "meta"))
            .WithEnvironment("INFLUXDB_DATA_DIR", Path.Combine(directory, "data"))
            .WithEnvironment("INFLUXDB_DATA_WAL_DIR", Path.Combine(directory, "wal"))
            .WithHealthCheck(healthCheck)
            .ReportMissing("influxd", "influxdb")
            .WithIconName("DatabaseLightning");
    }

    /// <summary>
    /// Injects <c>ConnectionStrings__{name}</c> (the HTTP API URL) and Monitoring.Lib's <c>Monitoring__Influx__Url</c>
    /// and <c>Monitoring__Influx__Database</c>.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<InfluxDbResource> influx)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(influx);
        return builder.WithReference((IResourceBuilder<IResourceWithConnectionString>)influx)
            .WithEnvironment("Monitoring__Influx__Url", influx.Resource.PrimaryEndpoint)
            .WithEnvironment("Monitoring__Influx__Database", influx.Resource.Database);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex DatabaseName();
}
