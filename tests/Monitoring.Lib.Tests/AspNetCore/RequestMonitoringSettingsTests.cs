using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Monitoring.Lib.Tests.AspNetCore;

/// <summary>Request monitoring reads its settings as every integration does: section Monitoring:Requests, then the delegate.</summary>
public sealed class RequestMonitoringSettingsTests
{
    [Fact]
    public async Task Section_SetsTheRequestIdHeader_EchoedOnTheResponse()
    {
        await using var app = await StartAsync([new("Monitoring:Requests:RequestIdHeader", "X-Correlation-Id")]);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ok");
        request.Headers.Add("X-Correlation-Id", "corr-1");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("corr-1", Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
        Assert.False(response.Headers.Contains("X-Request-Id"));
    }

    [Fact]
    public async Task Delegate_WinsOverTheSection()
    {
        await using var app = await StartAsync([new("Monitoring:Requests:RequestIdHeader", "X-Correlation-Id")],
            options => options.RequestIdHeader = "X-Trace-Id");
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var response = await client.GetAsync("/ok", TestContext.Current.CancellationToken);

        Assert.True(response.Headers.Contains("X-Trace-Id"));
        Assert.False(response.Headers.Contains("X-Correlation-Id"));
    }

    [Fact]
    public async Task BadSectionValue_ThrowsNamingTheKeyAndTheValue()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => StartAsync([new("Monitoring:Requests:RequestIdHeader", "bad header")]));

        Assert.StartsWith("Monitoring:Requests:RequestIdHeader is 'bad header'", error.Message, StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartAsync(KeyValuePair<string, string?>[] settings, Action<Monitoring.Lib.AspNetCore.RequestMonitoringOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "requests-settings" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        var app = builder.Build();
        try
        {
            app.UseRequestMonitoring(configure);
            app.MapGet("/ok", () => Results.Ok());
            await app.StartAsync(TestContext.Current.CancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
