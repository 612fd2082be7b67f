using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;

namespace MonitoringStack.ServiceDefaults.Internal;

/// <summary>InfluxDB reachability: <c>GET {url}/ping</c>, which 1.x and 2.x answer with 204 without authentication.</summary>
internal sealed class InfluxHealthCheck(Uri ping, TimeSpan timeout) : IHealthCheck, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public static Uri PingUri(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"Monitoring:Influx:Url is '{url}': it must be an absolute http or https URL.");
        }
        return new Uri(uri.AbsoluteUri.TrimEnd('/') + "/ping");
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, ping);
            // A probe every few seconds is not the service's work: no span for it on the dashboard.
            using var suppressed = SuppressInstrumentationScope.Begin();
            using var response = await _http.SendAsync(request, deadline.Token);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"{ping} answered {(int)response.StatusCode}")
                : HealthCheckResult.Unhealthy($"{ping} answered {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{ping}: no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy($"{ping}: {ex.Message}");
        }
    }

    public void Dispose() => _http.Dispose();
}
