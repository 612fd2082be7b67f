using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitoring.Hosting.Dashboard;

/// <summary>Adds the dashboard to the AppHost's host when <c>Dashboard:Enabled</c> is true.</summary>
internal static class DashboardRegistration
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(DashboardOptions.SectionName);
        services.AddOptions<DashboardOptions>().Bind(section);
        if (!(section.GetValue<bool?>(nameof(DashboardOptions.Enabled)) ?? true))
        {
            return;
        }
        services.AddSingleton(sp => new DashboardServer(sp, sp.GetRequiredService<IOptions<DashboardOptions>>(), sp.GetRequiredService<ILogger<DashboardServer>>()));
        // After the orchestrator (inserted first), so the resources are already starting when the login line shows.
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DashboardServer>());
    }
}
