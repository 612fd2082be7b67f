using System.Text.Json;

namespace Monitoring.Hosting.Tests.Integration;

/// <summary>Reads Prometheus's HTTP API.</summary>
internal static class PrometheusQueries
{
    /// <summary>The value of the first sample of an instant query, or null when it has none.</summary>
    public static async Task<string?> InstantAsync(HttpClient prometheus, string query)
    {
        var json = await prometheus.GetStringAsync(new Uri("/api/v1/query?query=" + Uri.EscapeDataString(query), UriKind.Relative));
        using var document = JsonDocument.Parse(json);
        var results = document.RootElement.GetProperty("data").GetProperty("result");
        return results.GetArrayLength() == 0 ? null : results[0].GetProperty("value")[1].GetString();
    }

    /// <summary>The raw samples (time, value) of a range-vector selector such as <c>up[15s]</c>.</summary>
    public static async Task<List<(double Time, string Value)>> RawSamplesAsync(HttpClient prometheus, string selector)
    {
        var json = await prometheus.GetStringAsync(new Uri("/api/v1/query?query=" + Uri.EscapeDataString(selector), UriKind.Relative));
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
            .SelectMany(series => series.GetProperty("values").EnumerateArray())
            .Select(v => (v[0].GetDouble(), v[1].GetString() ?? ""))];
    }

    /// <summary>The active target of <paramref name="job"/>, once it has been scraped at least once.</summary>
    public static async Task<(string Instance, string Health)> TargetAsync(HttpClient prometheus, string job)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var json = await prometheus.GetStringAsync(new Uri("/api/v1/targets?state=active", UriKind.Relative));
            using var document = JsonDocument.Parse(json);
            foreach (var target in document.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray())
            {
                var labels = target.GetProperty("labels");
                var health = target.GetProperty("health").GetString()!;
                if (labels.GetProperty("job").GetString() == job && health != "unknown")
                {
                    return (labels.GetProperty("instance").GetString()!, health);
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Prometheus never scraped job {job}");
    }
}
