using System.Globalization;
using System.Text.Json;

namespace MonitoringStack.AppHost.Tests;

/// <summary>PromQL instant queries through Prometheus' HTTP API.</summary>
internal static class PrometheusQueries
{
    /// <summary>The first series' value, or null when the query has no result.</summary>
    public static async Task<double?> ValueAsync(HttpClient prometheus, string query) =>
        await FirstAsync(prometheus, query) is { } series
            ? double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)
            : null;

    /// <summary>A label of the first series, or null when the query has no result.</summary>
    public static async Task<string?> LabelAsync(HttpClient prometheus, string query, string label) =>
        await FirstAsync(prometheus, query) is { } series ? series.GetProperty("metric").GetProperty(label).GetString() : null;

    private static async Task<JsonElement?> FirstAsync(HttpClient prometheus, string query)
    {
        var body = await prometheus.GetStringAsync(new Uri($"/api/v1/query?query={Uri.EscapeDataString(query)}", UriKind.Relative));
        var result = JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? null : result[0].Clone();
    }
}
