using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Orchestration;

namespace Monitoring.Hosting;

internal sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private readonly HostApplicationBuilder _host;
    private readonly List<IResource> _resources = [];

    public DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        var assembly = options.AppHostAssembly ?? Assembly.GetEntryAssembly();
        string? Metadata(string key) => assembly?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
        AppHostDirectory = Metadata("AppHostProjectDirectory") ?? Directory.GetCurrentDirectory();
        AppHostConfiguration = Metadata("AppHostConfiguration") ?? "Debug";
        _host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = options.Args,
            EnvironmentName = options.EnvironmentName,
            ApplicationName = assembly?.GetName().Name,
            // The AppHost's appsettings.json sits in its project folder (and is copied next to the dll).
            ContentRootPath = AppContext.BaseDirectory,
        });
    }

    public ConfigurationManager Configuration => _host.Configuration;

    public IServiceCollection Services => _host.Services;

    public IHostEnvironment Environment => _host.Environment;

    public IReadOnlyList<IResource> Resources => _resources;

    public string AppHostDirectory { get; }

    public string AppHostConfiguration { get; }

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists in the application model.");
        }
        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!_resources.Contains(resource))
        {
            throw new InvalidOperationException($"Resource '{resource.Name}' is not in this application model: add it with AddResource first.");
        }
        return new ResourceBuilder<T>(this, resource);
    }

    public DistributedApplication Build()
    {
        var model = new DistributedApplicationModel(_resources);
        _host.Services.AddSingleton(model);
        _host.Services.AddOptions<OrchestratorOptions>().Bind(_host.Configuration.GetSection(OrchestratorOptions.SectionName));
        _host.Services.AddSingleton(TimeProvider.System);
        _host.Services.AddSingleton<ResourceNotificationService>();
        _host.Services.AddSingleton<ResourceLoggerService>();
        _host.Services.AddSingleton<Orchestrator>();
        _host.Services.AddSingleton(sp => new ResourceCommandService(sp.GetRequiredService<Orchestrator>()));
        // First among hosted services, so a dashboard registered later finds the resources already starting.
        _host.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => sp.GetRequiredService<Orchestrator>()));
        _host.Services.AddHostedService<StartupSummaryService>();
        Dashboard.DashboardRegistration.Add(_host.Services, _host.Configuration);
        return new DistributedApplication(_host.Build());
    }
}
