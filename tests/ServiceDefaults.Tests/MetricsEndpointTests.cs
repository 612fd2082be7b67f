using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Lib.AspNetCore;
using Monitoring.Lib.Metrics;
using MonitoringStack.ServiceDefaults.Tests.Fixtures;

namespace MonitoringStack.ServiceDefaults.Tests;

/// <summary>/metrics of a real service, and the monitored exception handler's count showing up in it.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_Get_AnswersExactlyTheTextThatIsPushed()
    {
        await using var service = await ServiceApp.StartAsync(new Dictionary<string, string?> { ["Monitoring:Metrics:AppName"] = "orders" });
        var metrics = service.Services.GetRequiredService<MetricsManager>();
        metrics.CountConsumed("forms", 3);
        metrics.CountProduced("outgoing");

        using var response = await service.Client.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(metrics.GetText(), body);
        Assert.Contains("messages_consumed{app=\"orders\",topic=\"forms\"} 3\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonitoredExceptionHandler_EndpointThrows_ProblemDetailsAndCountInMetrics()
    {
        await using var service = await ServiceApp.StartAsync(new Dictionary<string, string?> { ["Monitoring:Metrics:AppName"] = "orders" }, app =>
        {
            app.UseRequestMonitoring();
            app.UseMonitoredExceptionHandler();
            app.MapPost("/forms", string () => throw new TimeoutException("kafka is slow"));
        });

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/forms", UriKind.Relative));
        request.Headers.Add("X-Request-Id", "req-1");
        using var response = await service.Client.SendAsync(request, TestContext.Current.CancellationToken);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var (_, text) = await service.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("req-1", problem.RootElement.GetProperty("requestId").GetString());
        Assert.Equal("An error occurred while processing your request.", problem.RootElement.GetProperty("title").GetString());
        Assert.Contains("messages_errors{app=\"orders\",exception=\"TimeoutException\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonitoredExceptionHandler_DetailsIncluded_ProblemDetailsCarryTheException()
    {
        await using var service = await ServiceApp.StartAsync(new Dictionary<string, string?>(), app =>
        {
            app.UseRequestMonitoring();
            app.UseMonitoredExceptionHandler(options => options.IncludeExceptionDetails = true);
            app.MapGet("/boom", string () => throw new TimeoutException("kafka is slow"));
        });

        var (status, body) = await service.GetAsync("/boom");
        using var problem = JsonDocument.Parse(body);

        Assert.Equal(500, status);
        Assert.Equal("System.TimeoutException", problem.RootElement.GetProperty("exception").GetString());
        Assert.StartsWith("System.TimeoutException: kafka is slow", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
