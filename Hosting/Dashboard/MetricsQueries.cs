using System.Globalization;
using System.Text.Json;
using Monitoring.Hosting.Servers;

namespace Monitoring.Hosting.Dashboard;

/// <summary>
/// Asks the model's Prometheus (Kafka app rates) and InfluxDB (request points) for the last minutes and shapes the
/// answers as charts. A missing server or a failed query becomes the chart's error text, shown in its place.
/// </summary>
internal sealed class MetricsQueries(DistributedApplicationModel model, IHttpClientFactory clients, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public async Task<Chart[]> KafkaAsync(CancellationToken cancellationToken)
    {
        var prometheus = model.Resources.OfType<PrometheusResource>().FirstOrDefault();
        (string Title, string Metric)[] charts =
        [
            ("Messages consumed / s", "messages_consumed"),
            ("Messages produced / s", "messages_produced"),
            ("Message errors / s", "messages_errors"),
        ];
        var results = new Chart[charts.Length];
        for (var i = 0; i < charts.Length; i++)
        {
            var (title, metric) = charts[i];
            results[i] = prometheus is null
                ? new Chart(title, "/s", [], "No Prometheus resource in the model.")
                : await TryAsync(title, "/s", () => PrometheusRangeAsync(prometheus.Url, $"sum by (app) (rate({metric}[30s]))", cancellationToken)).ConfigureAwait(false);
        }
        return results;
    }

    public async Task<Chart[]> RequestsAsync(CancellationToken cancellationToken)
    {
        var influx = model.Resources.OfType<InfluxDbResource>().FirstOrDefault();
        const string range = "time > now() - 5m";
        (string Title, string Unit, string Query)[] charts =
        [
            ("Requests / s", "/s", $"SELECT count(\"execution_time\") / 10 FROM \"requests\" WHERE {range} GROUP BY time(10s), \"service\" fill(0)"),
            ("Latency mean (execution_time)", "ms", $"SELECT mean(\"execution_time\") FROM \"requests\" WHERE {range} GROUP BY time(10s), \"service\" fill(none)"),
            ("Latency p95 (execution_time)", "ms", $"SELECT percentile(\"execution_time\", 95) FROM \"requests\" WHERE {range} GROUP BY time(10s), \"service\" fill(none)"),
            ("Errors / s", "/s", $"SELECT count(\"request_id\") / 10 FROM \"errors\" WHERE {range} GROUP BY time(10s), \"service\" fill(0)"),
        ];
        var results = new Chart[charts.Length];
        for (var i = 0; i < charts.Length; i++)
        {
            var (title, unit, query) = charts[i];
            results[i] = influx is null
                ? new Chart(title, unit, [], "No InfluxDB resource in the model.")
                : await TryAsync(title, unit, () => InfluxAsync(influx.Url, influx.Database, query, cancellationToken)).ConfigureAwait(false);
        }
        return results;
    }

    private static async Task<Chart> TryAsync(string title, string unit, Func<Task<List<ChartSeries>>> query)
    {
        try
        {
            return new Chart(title, unit, await query().ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException or TaskCanceledException)
        {
            return new Chart(title, unit, [], ex.Message);
        }
    }

    private async Task<List<ChartSeries>> PrometheusRangeAsync(string baseUrl, string query, CancellationToken cancellationToken)
    {
        var end = time.GetUtcNow();
        var url = string.Create(CultureInfo.InvariantCulture,
            $"{baseUrl}/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={(end - Window).ToUnixTimeSeconds()}&end={end.ToUnixTimeSeconds()}&step=5");
        using var document = await GetJsonAsync(url, cancellationToken).ConfigureAwait(false);
        var series = new List<ChartSeries>();
        foreach (var result in document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var name = result.GetProperty("metric").TryGetProperty("app", out var app) ? app.GetString() ?? "" : "(no app label)";
            var points = result.GetProperty("values").EnumerateArray()
                .Select(v => new[] { v[0].GetDouble() * 1000, double.Parse(v[1].GetString()!, CultureInfo.InvariantCulture) })
                .Where(p => double.IsFinite(p[1])).ToArray();
            series.Add(new ChartSeries(name, points));
        }
        return series;
    }

    private async Task<List<ChartSeries>> InfluxAsync(string baseUrl, string database, string query, CancellationToken cancellationToken)
    {
        var url = $"{baseUrl}/query?db={Uri.EscapeDataString(database)}&epoch=ms&q={Uri.EscapeDataString(query)}";
        using var document = await GetJsonAsync(url, cancellationToken).ConfigureAwait(false);
        var result = document.RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException("InfluxDB: " + error.GetString());
        }
        var series = new List<ChartSeries>();
        if (!result.TryGetProperty("series", out var all))
        {
            return series;
        }
        foreach (var s in all.EnumerateArray())
        {
            var name = s.TryGetProperty("tags", out var tags) && tags.TryGetProperty("service", out var service) ? service.GetString() ?? "" : "all";
            var points = s.GetProperty("values").EnumerateArray()
                .Where(v => v[1].ValueKind == JsonValueKind.Number)
                .Select(v => new[] { v[0].GetDouble(), v[1].GetDouble() }).ToArray();
            series.Add(new ChartSeries(name, points));
        }
        return series;
    }

    private async Task<JsonDocument> GetJsonAsync(string url, CancellationToken cancellationToken)
    {
        using var client = clients.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(5);
        using var response = await client.GetAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using var reader = new StreamReader(body);
            throw new InvalidOperationException($"{(int)response.StatusCode} from {new Uri(url).GetLeftPart(UriPartial.Authority)}: {await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false)}");
        }
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
