using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Monitoring.Hosting.Dashboard;

/// <summary>Writes a text/event-stream response: one <c>data:</c> line of JSON per event.</summary>
internal static class ServerSentEvents
{
    public static async Task BeginAsync(HttpResponse response)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // Tell proxies and Kestrel's response buffering not to hold events back.
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    public static async Task WriteAsync<T>(HttpResponse response, string eventName, T payload, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        // JSON never holds a raw newline, so one data line carries the whole event.
        var json = JsonSerializer.Serialize(payload, options);
        await response.WriteAsync($"event: {eventName}\ndata: {json}\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
