using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Hosting.Dashboard;
using Monitoring.Hosting.Servers;
using Monitoring.Hosting.Testing;

namespace Monitoring.Hosting.Tests.Dashboard;

/// <summary>
/// A real small application with the dashboard on: redis, a metrics cache of two pushgateway replicas and an
/// InfluxDB, all real servers on free loopback ports. Disposing it stops every process.
/// </summary>
public sealed class DashboardApp : IAsyncLifetime
{
    public string Token { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public DistributedApplication App { get; private set; } = null!;

    public DashboardServer Dashboard => App.Services.GetRequiredService<DashboardServer>();

    public Uri Url => Dashboard.Url ?? throw new InvalidOperationException("The dashboard has not started.");

    public static void Model(IDistributedApplicationBuilder builder)
    {
        builder.AddRedis("redis");
        builder.AddMetricsCache("metrics-cache", replicas: 2);
        builder.AddInfluxDb("influxdb", database: "monitoring");
    }

    public async ValueTask InitializeAsync()
    {
        App = await DistributedApplicationTestingBuilder.CreateAsync(Model,
            "--Dashboard:Enabled=true", $"--Dashboard:BrowserToken={Token}", "--Hosting:StopTimeout=00:00:05");
        await App.StartAsync();
        foreach (var name in new[] { "redis", "metrics-cache", "influxdb" })
        {
            await App.WaitForResourceHealthyAsync(name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }

    /// <summary>A client that does not follow redirects, logged in (cookie from /login?t=) or not.</summary>
    public async Task<HttpClient> CreateClientAsync(bool loggedIn)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        var client = new HttpClient(handler) { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
        if (loggedIn)
        {
            using var response = await client.GetAsync(new Uri("login?t=" + Token, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        return client;
    }
}
