using System.Globalization;
using System.Text;
using System.Text.Json;
using Monitoring.Hosting.Servers;

namespace Monitoring.Hosting.Tests.Dashboard;

public sealed class DashboardMetricsTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_PointsInInflux_ChartsShowRateMeanP95AndErrorsPerService()
    {
        var influx = (InfluxDbResource)app.App.Model.Get("influxdb");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // Three requests of 10, 20 and 30 ms and one error, all in the same second so they share a 10 s bucket.
        var bucketStart = now / 10_000 * 10_000;
        var points = new StringBuilder();
        foreach (var (ms, i) in new[] { (10, 1), (20, 2), (30, 3) })
        {
            points.Append(CultureInfo.InvariantCulture, $"requests,service=web,route=GET:/x,status_code=200 request_id=\"r{i}\",execution_time={ms} {bucketStart + i}\n");
        }
        points.Append(CultureInfo.InvariantCulture, $"errors,service=web,route=GET:/x,status_code=500,error_code=E1 request_id=\"e1\" {bucketStart + 4}\n");
        using var http = new HttpClient();
        using var write = await http.PostAsync(new Uri($"{influx.Url}/write?db=monitoring&precision=ms"), new StringContent(points.ToString()), Cancel);
        write.EnsureSuccessStatusCode();

        using var client = await app.CreateClientAsync(loggedIn: true);
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/metrics/requests", UriKind.Relative), Cancel));
        var charts = json.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("title").GetString()!);
        Assert.Equal(0.3, ValueAt(charts["Requests / s"], bucketStart), 6);
        Assert.Equal(20, ValueAt(charts["Latency mean (execution_time)"], bucketStart), 6);
        Assert.Equal(30, ValueAt(charts["Latency p95 (execution_time)"], bucketStart), 6);
        Assert.Equal(0.1, ValueAt(charts["Errors / s"], bucketStart), 6);
    }

    [Fact]
    public async Task Kafka_NoPrometheusInModel_EachChartSaysSo()
    {
        using var client = await app.CreateClientAsync(loggedIn: true);
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/metrics/kafka", UriKind.Relative), Cancel));
        Assert.Equal(["Messages consumed / s", "Messages produced / s", "Message errors / s"],
            json.RootElement.EnumerateArray().Select(c => c.GetProperty("title").GetString()));
        Assert.All(json.RootElement.EnumerateArray(), c => Assert.Equal("No Prometheus resource in the model.", c.GetProperty("error").GetString()));
    }

    private static double ValueAt(JsonElement chart, long bucketStart)
    {
        Assert.Equal(JsonValueKind.Null, chart.GetProperty("error").ValueKind);
        var series = Assert.Single(chart.GetProperty("series").EnumerateArray());
        Assert.Equal("web", series.GetProperty("name").GetString());
        var point = Assert.Single(series.GetProperty("points").EnumerateArray(), p => (long)p[0].GetDouble() == bucketStart);
        return point[1].GetDouble();
    }
}
