using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitoring.Hosting.Orchestration;

namespace Monitoring.Hosting.Dashboard;

/// <summary>Resources (list, live stream, commands) and metrics endpoints.</summary>
internal static class DashboardApi
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/resources", (ResourceNotificationService notifications) =>
            notifications.GetAll().Select(ResourceView.From).ToArray());
        app.MapGet("/api/resources/stream", StreamResourcesAsync);
        app.MapPost("/api/resources/{name}/{command}", RunCommandAsync);
        app.MapGet("/api/metrics/kafka", (MetricsQueries queries, CancellationToken cancellationToken) =>
            queries.KafkaAsync(cancellationToken));
        app.MapGet("/api/metrics/requests", (MetricsQueries queries, CancellationToken cancellationToken) =>
            queries.RequestsAsync(cancellationToken));
    }

    private static async Task StreamResourcesAsync(HttpContext context, ResourceNotificationService notifications,
        IOptions<JsonOptions> json, IHostApplicationLifetime lifetime)
    {
        // Ends with the browser, or when the AppHost stops (an open stream would otherwise hold Kestrel's stop).
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        await ServerSentEvents.BeginAsync(context.Response).ConfigureAwait(false);
        try
        {
            await foreach (var snapshot in notifications.WatchAsync(cancel.Token).ConfigureAwait(false))
            {
                await ServerSentEvents.WriteAsync(context.Response, "resource", ResourceView.From(snapshot), json.Value.SerializerOptions, cancel.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The browser left or the AppHost stops: the stream simply ends.
        }
    }

    private static async Task<IResult> RunCommandAsync(HttpContext context, string name, string command, int? replica,
        ResourceCommandService commands, DistributedApplicationModel model)
    {
        if (!context.Request.Headers.ContainsKey(DashboardAuth.CommandHeader))
        {
            return Results.Problem($"Commands need the {DashboardAuth.CommandHeader} header (the dashboard's buttons send it).", statusCode: StatusCodes.Status403Forbidden);
        }
        if (!model.Resources.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return Results.Problem($"No resource named '{name}'.", statusCode: StatusCodes.Status404NotFound);
        }
        try
        {
            var work = command switch
            {
                "stop" => commands.StopAsync(name, replica),
                "start" => commands.StartAsync(name, replica, context.RequestAborted),
                "restart" => commands.RestartAsync(name, replica, context.RequestAborted),
                _ => null,
            };
            if (work is null)
            {
                return Results.Problem($"Unknown command '{command}': use stop, start or restart.", statusCode: StatusCodes.Status400BadRequest);
            }
            await work.ConfigureAwait(false);
            return Results.NoContent();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (InvalidOperationException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }
}
