using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitoring.Hosting.Orchestration;

namespace Monitoring.Hosting.Dashboard;

/// <summary>Console logs of one replica: the tail, a live stream, and the whole kept log as a download.</summary>
internal static class LogsApi
{
    private const int MaxBatch = 500;

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/logs", (string resource, int? replica, string? filter, int? tail,
            ResourceNotificationService notifications, ResourceLoggerService logs, DashboardOptions options) =>
            Check(notifications, resource, replica ?? 0) ?? Results.Ok(
                LogTail.Select(logs.GetLogs(resource, replica ?? 0), filter, Math.Clamp(tail ?? options.LogTailLines, 1, ResourceLoggerService.Capacity))));
        app.MapGet("/api/logs/stream", StreamAsync);
        app.MapGet("/api/logs/download", (string resource, int? replica, ResourceNotificationService notifications, ResourceLoggerService logs) =>
        {
            var index = replica ?? 0;
            if (Check(notifications, resource, index) is { } problem)
            {
                return problem;
            }
            var text = new StringBuilder();
            foreach (var line in logs.GetLogs(resource, index))
            {
                text.Append(CultureInfo.InvariantCulture, $"{line.Timestamp:O} {(line.IsError ? "ERR" : "OUT")} {line.Text}\n");
            }
            return Results.File(Encoding.UTF8.GetBytes(text.ToString()), "text/plain; charset=utf-8",
                string.Create(CultureInfo.InvariantCulture, $"{resource}-{index}.log"));
        });
    }

    private static IResult? Check(ResourceNotificationService notifications, string resource, int replica)
    {
        var snapshot = notifications.TryGet(resource);
        if (snapshot is null)
        {
            return Results.Problem($"No resource named '{resource}'.", statusCode: StatusCodes.Status404NotFound);
        }
        return replica < 0 || replica >= snapshot.Replicas.Count
            ? Results.Problem($"Resource '{resource}' has no replica {replica} (it has {snapshot.Replicas.Count}).", statusCode: StatusCodes.Status400BadRequest)
            : null;
    }

    private static async Task StreamAsync(HttpContext context, string resource, int? replica, string? filter,
        ResourceNotificationService notifications, ResourceLoggerService logs, DashboardOptions options,
        IOptions<JsonOptions> json, IHostApplicationLifetime lifetime)
    {
        var index = replica ?? 0;
        if (Check(notifications, resource, index) is { } problem)
        {
            await problem.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var token = cancel.Token;
        await ServerSentEvents.BeginAsync(context.Response).ConfigureAwait(false);
        var kept = logs.GetLogs(resource, index);
        var last = kept.Count > 0 ? kept[^1].Sequence : 0;
        try
        {
            await ServerSentEvents.WriteAsync(context.Response, "lines", LogTail.Select(kept, filter, options.LogTailLines), json.Value.SerializerOptions, token).ConfigureAwait(false);
            // A burst of output is sent in batches: one event and one flush per batch, not per line.
            var pending = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(ResourceLoggerService.Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
            var feeding = FeedAsync(logs.WatchAsync(resource, index, token), last, filter, pending.Writer);
            var batch = new List<LogLineView>(MaxBatch);
            while (await pending.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && pending.Reader.TryRead(out var line))
                {
                    batch.Add(LogLineView.From(line));
                }
                await ServerSentEvents.WriteAsync(context.Response, "lines", batch, json.Value.SerializerOptions, token).ConfigureAwait(false);
                batch.Clear();
            }
            await feeding.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The page was closed or the AppHost stops.
        }
    }

    private static async Task FeedAsync(IAsyncEnumerable<LogLine> lines, long after, string? filter, ChannelWriter<LogLine> writer)
    {
        try
        {
            await foreach (var line in lines.ConfigureAwait(false))
            {
                // The watch replays the kept lines first; those up to the tail already sent are skipped.
                if (line.Sequence > after && LogTail.Matches(line, filter))
                {
                    writer.TryWrite(line);
                }
            }
            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }
}
