using System.Globalization;
using System.Text.RegularExpressions;
using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Orchestration;
using Monitoring.Hosting.Servers;

namespace Monitoring.Hosting;

/// <summary>Adds InfluxDB 1.x to the model.</summary>
public static partial class InfluxDbBuilderExtensions
{
    /// <summary>
    /// Adds an influxd 1.x on free loopback ports (HTTP endpoint "http", RPC on another), data in the replica's state
    /// folder, healthy once <c>/ping</c> answers and <paramref name="database"/> exists. Referencing it injects
    /// <c>ConnectionStrings__{name}</c> and Monitoring.Lib's <c>Monitoring__Influx__Url</c> and <c>Monitoring__Influx__Database</c>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="database">The database created at start (default "monitoring").</param>
    public static IResourceBuilder<InfluxDbResource> AddInfluxDb(this IDistributedApplicationBuilder builder, string name, string database = "monitoring")
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!DatabaseName().IsMatch(database))
        {
            throw new ArgumentException($"InfluxDB database name '{database}' is invalid: use letters, digits, '_' and '-'.", nameof(database));
        }
        var influx = new InfluxDbResource(name, database);
        return builder.AddResource(influx)
            .WithHttpEndpoint()
            .WithAnnotation(new CommandLineArgsCallbackAnnotation(async c =>
            {
                var config = Path.Combine(c.Replica.StateDirectory, "influxdb.conf");
                await File.WriteAllTextAsync(config, InfluxConfig.Create(c.Replica.StateDirectory, c.Replica.GetPort(), PortAllocator.Next()), c.CancellationToken).ConfigureAwait(false);
                c.Args.Add("run");
                c.Args.Add("-config");
                c.Args.Add(config);
            }))
            .WithAnnotation(new HealthCheckAnnotation($"GET /ping and CREATE DATABASE {database}", (replica, ct) =>
                PingAndCreateDatabaseAsync(replica.GetUrl(), database, ct)))
            .WithAnnotation(new ReferenceEnvironmentAnnotation(c =>
            {
                c.Variables["Monitoring__Influx__Url"] = influx.Url;
                c.Variables["Monitoring__Influx__Database"] = database;
                return Task.CompletedTask;
            }));
    }

    private static async Task<bool> PingAndCreateDatabaseAsync(string url, string database, CancellationToken cancellationToken)
    {
        if (!await HttpProbe.IsSuccessAsync(new Uri(url + "/ping"), cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        // CREATE DATABASE is idempotent in 1.x; a healthy influxd is one where services can write at once.
        using var content = new FormUrlEncodedContent([new("q", string.Create(CultureInfo.InvariantCulture, $"CREATE DATABASE \"{database}\""))]);
        using var response = await HttpProbe.Client.PostAsync(new Uri(url + "/query"), content, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex DatabaseName();
}
