using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Hosting.Summary;

namespace Aspire.Hosting;

/// <summary>Adds the startup summary to the app model.</summary>
public static class StartupSummaryBuilderExtensions
{
    /// <summary>
    /// Logs, every 10 s while the model starts, which resources are not healthy yet, and once every resource is healthy
    /// (or has failed) one summary: each resource, its state, when it was first ready (Aspire's <c>ResourceReadyEvent</c>)
    /// and its URLs, and the cold start time since the AppHost process started. Not added when running tests (the testing builder does not call it).
    /// </summary>
    public static IDistributedApplicationBuilder AddStartupSummary(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ExecutionContext.IsRunMode)
        {
            var readyTimes = new ResourceReadyTimes();
            builder.Services.AddSingleton(readyTimes);
            builder.Eventing.Subscribe<ResourceReadyEvent>((ready, _) =>
            {
                readyTimes.Record(ready.Resource.Name, DateTime.UtcNow);
                return Task.CompletedTask;
            });
            builder.Services.AddHostedService<StartupSummaryService>();
        }
        return builder;
    }
}
