using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitoring.Hosting.InfluxDb;

/// <summary>
/// Healthy once <c>/ping</c> answers and the database exists: it is created here (CREATE DATABASE is idempotent in
/// 1.x), so a healthy influxd is one the services can write to at once.
/// </summary>
internal sealed class InfluxDbHealthCheck(InfluxDbResource influx) : IHealthCheck
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var url = influx.PrimaryEndpoint.Url;
        try
        {
            using var ping = await Http.GetAsync(new Uri(url + "/ping"), cancellationToken).ConfigureAwait(false);
            if (!ping.IsSuccessStatusCode)
            {
                return HealthCheckResult.Unhealthy($"GET /ping answered {(int)ping.StatusCode}.");
            }
            using var query = new FormUrlEncodedContent([new("q", string.Create(CultureInfo.InvariantCulture, $"CREATE DATABASE \"{influx.Database}\""))]);
            using var created = await Http.PostAsync(new Uri(url + "/query"), query, cancellationToken).ConfigureAwait(false);
            return created.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"CREATE DATABASE {influx.Database} answered {(int)created.StatusCode}.");
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy($"{url} did not answer: {ex.Message}", ex);
        }
    }
}
