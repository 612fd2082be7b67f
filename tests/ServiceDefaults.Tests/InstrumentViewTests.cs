using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MonitoringStack.ServiceDefaults.Tests.Fixtures;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MonitoringStack.ServiceDefaults.Tests;

/// <summary>
/// Which of ASP.NET Core's instruments ConfigureOpenTelemetry keeps: outside Development the per-request ones nobody
/// looks at are dropped by views, <c>http.server.request.duration</c> stays; Development keeps them all. Read from
/// what the SDK exports after real requests to a Kestrel service with authentication, authorization and routing.
/// </summary>
public sealed class InstrumentViewTests
{
    private static readonly string[] PerRequestInstruments =
    [
        "aspnetcore.routing.match_attempts",
        "aspnetcore.authentication.authenticate.duration",
        "aspnetcore.authorization.attempts",
        "http.server.active_requests",
    ];

    [Fact]
    public async Task Production_PerRequestInstrumentsDropped_RequestDurationKept()
    {
        var exported = await ExportedInstrumentsAsync(Environments.Production);

        Assert.Contains("http.server.request.duration", exported);
        Assert.All(PerRequestInstruments, name => Assert.DoesNotContain(name, exported));
        Assert.DoesNotContain(exported, name => name.StartsWith("aspnetcore.memory_pool.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Development_PerRequestInstrumentsKept()
    {
        var exported = await ExportedInstrumentsAsync(Environments.Development);

        Assert.All(PerRequestInstruments.Append("http.server.request.duration"), name => Assert.Contains(name, exported));
        Assert.DoesNotContain(exported, name => name.StartsWith("aspnetcore.memory_pool.", StringComparison.Ordinal));
    }

    // A service as a user writes one (cookie authentication, an authorized route), three requests, then one collection.
    private static async Task<HashSet<string>> ExportedInstrumentsAsync(string environment)
    {
        var metrics = new List<Metric>();
        await using var service = await ServiceApp.StartAsync(
            new Dictionary<string, string?>(),
            configure: app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapGet("/orders/{id}", (string id) => Results.Text(id)).RequireAuthorization(policy => policy.RequireAssertion(_ => true));
            },
            configureBuilder: builder =>
            {
                builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
                builder.Services.AddAuthorization();
                builder.Services.ConfigureOpenTelemetryMeterProvider(provider => provider.AddInMemoryExporter(metrics));
            },
            environment: environment);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal((200, "42"), await service.GetAsync("/orders/42"));
        }

        Assert.True(service.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000), "the metrics were collected");
        return [.. metrics.Select(metric => metric.Name)];
    }
}
