using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MonitoringStack.ServiceDefaults.Tests.Fixtures;

/// <summary>A real Kestrel service on 127.0.0.1:0 built the way a user's service is: AddServiceDefaults + MapDefaultEndpoints.</summary>
internal sealed class ServiceApp : IAsyncDisposable
{
    private ServiceApp(WebApplication app, HttpClient client)
    {
        App = app;
        Client = client;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<ServiceApp> StartAsync(
        IDictionary<string, string?> settings, Action<WebApplication>? configure = null, Action<WebApplicationBuilder>? configureBuilder = null,
        string environment = "Production")
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "orders", EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        settings.TryAdd("Monitoring:Metrics:PushEnabled", "false");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        configureBuilder?.Invoke(builder);
        var app = builder.Build();
        configure?.Invoke(app);
        app.MapDefaultEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new ServiceApp(app, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) });
    }

    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
