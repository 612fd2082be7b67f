using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Orchestration;
using Monitoring.Hosting.Testing;

namespace Monitoring.Hosting.Tests.Dashboard;

public sealed class DashboardApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Resources_RunningModel_ListsEveryResourceWithItsReplicasAndEndpoints()
    {
        // One failed probe on a loaded machine marks a replica unhealthy until the next passes: read once all are healthy.
        foreach (var name in new[] { "redis", "metrics-cache", "influxdb" })
        {
            await app.App.WaitForResourceHealthyAsync(name, TimeSpan.FromSeconds(60));
        }
        using var client = await app.CreateClientAsync(loggedIn: true);
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/resources", UriKind.Relative), Cancel));
        var byName = json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(["redis", "metrics-cache", "influxdb"], byName.Keys);
        var cache = byName["metrics-cache"];
        Assert.Equal("MetricsCache", cache.GetProperty("type").GetString());
        Assert.Equal(2, cache.GetProperty("replicas").GetArrayLength());
        Assert.All(cache.GetProperty("replicas").EnumerateArray(), r => Assert.Equal("Healthy", r.GetProperty("state").GetString()));
        Assert.Equal(app.App.Model.Get("metrics-cache").GetEndpoint("http").Url, cache.GetProperty("urls").GetProperty("http").GetString());
        Assert.Equal("Healthy", byName["redis"].GetProperty("state").GetString());
        Assert.False(byName["redis"].GetProperty("isDevelopmentOnly").GetBoolean());
    }

    [Fact]
    public async Task ResourcesStream_Opened_SendsEveryResourceAsAnEvent()
    {
        using var client = await app.CreateClientAsync(loggedIn: true);
        await using var stream = await SseReader.OpenAsync(client, "api/resources/stream", Cancel);
        var names = new HashSet<string>();
        while (names.Count < 3)
        {
            var (name, data) = await stream.NextAsync();
            Assert.Equal("resource", name);
            names.Add(data.GetProperty("name").GetString()!);
        }
        Assert.Equal(["influxdb", "metrics-cache", "redis"], names.Order());
    }

    [Fact]
    public async Task Logs_Redis_ReturnsItsStartupLinesAndFilterKeepsOnlyMatches()
    {
        using var client = await app.CreateClientAsync(loggedIn: true);
        var all = await GetLinesAsync(client, "api/logs?resource=redis");
        Assert.Contains(all, l => l.Contains("Server initialized", StringComparison.Ordinal));
        var filtered = await GetLinesAsync(client, "api/logs?resource=redis&filter=SERVER%20initialized");
        Assert.NotEmpty(filtered);
        Assert.All(filtered, l => Assert.Contains("Server initialized", l, StringComparison.Ordinal));
        var tail = await GetLinesAsync(client, "api/logs?resource=redis&tail=2");
        Assert.Equal(all[^2..], tail);
    }

    [Fact]
    public async Task Download_Redis_IsTextAttachmentWithEveryKeptLine()
    {
        using var client = await app.CreateClientAsync(loggedIn: true);
        using var response = await client.GetAsync(new Uri("api/logs/download?resource=redis&replica=0", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("redis-0.log", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var text = await response.Content.ReadAsStringAsync(Cancel);
        var kept = app.App.Services.GetRequiredService<ResourceLoggerService>().GetLogs("redis", 0);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(kept);
        Assert.Equal(kept.Count, lines.Length);
        Assert.EndsWith(kept[0].Text, lines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/logs?resource=nope", HttpStatusCode.NotFound)]
    [InlineData("api/logs?resource=redis&replica=1", HttpStatusCode.BadRequest)]
    [InlineData("api/logs/download?resource=metrics-cache&replica=2", HttpStatusCode.BadRequest)]
    public async Task Logs_UnknownResourceOrReplica_AnswersWithError(string path, HttpStatusCode expected)
    {
        using var client = await app.CreateClientAsync(loggedIn: true);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Restart_FromApi_CountGoesUpAndLogStreamSendsNewProcessLines()
    {
        using var client = await app.CreateClientAsync(loggedIn: true);
        await using var stream = await SseReader.OpenAsync(client, "api/logs/stream?resource=redis&replica=0&filter=just%20started", Cancel);
        var (_, first) = await stream.NextAsync();
        var before = first.EnumerateArray().Select(l => l.GetProperty("s").GetInt64()).DefaultIfEmpty(0).Max();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/resources/redis/restart", UriKind.Relative));
        request.Headers.Add("X-Dashboard-Command", "1");
        using var response = await client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var (_, next) = await stream.NextAsync();
        var line = next.EnumerateArray().First();
        Assert.True(line.GetProperty("s").GetInt64() > before);
        Assert.Contains("just started", line.GetProperty("x").GetString()!, StringComparison.Ordinal);
        var snapshot = await app.App.Services.GetRequiredService<ResourceNotificationService>()
            .WaitForResourceAsync("redis", s => s.IsReady, Cancel);
        Assert.Equal(1, snapshot.Replicas[0].RestartCount);
    }

    private static async Task<string[]> GetLinesAsync(HttpClient client, string path)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative), Cancel));
        return [.. json.RootElement.EnumerateArray().Select(l => l.GetProperty("x").GetString()!)];
    }
}
