using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.Lib.Metrics;

namespace MonitoringStack.SampleWebProducer.Tests;

/// <summary>The web producer built exactly as its Program.cs builds it, on Kestrel at 127.0.0.1:0.</summary>
internal sealed class ProducerApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProducerApp(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public MetricsManager Metrics => _app.Services.GetRequiredService<MetricsManager>();

    public EventRelay Events => _app.Services.GetRequiredService<EventRelay>();

    public IServiceProvider Services => _app.Services;

    /// <param name="settings">The configuration.</param>
    /// <param name="time">A clock for the app's services (socket tokens), instead of the system's.</param>
    /// <param name="environment">The hosting environment; default Production, as the AppHost runs the samples.</param>
    /// <param name="configure">More for the builder after the producer's own registrations (a log collector, …).</param>
    public static WebApplication Build(IDictionary<string, string?> settings, TimeProvider? time = null, string? environment = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "sample-web-producer",
            EnvironmentName = environment ?? Environments.Production,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddFormsProducer();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseFormsProducer();
        app.MapFormsEndpoints();
        app.MapDefaultEndpoints();
        return app;
    }

    public static async Task<ProducerApp> StartAsync(IDictionary<string, string?> settings, TimeProvider? time = null, string? environment = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var app = Build(settings, time, environment, configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new ProducerApp(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
