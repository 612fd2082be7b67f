using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Monitoring.Lib.AspNetCore.Internal;

/// <summary>Writes an RFC 7807 (RFC 9457) body for a 500, with the request id and the trace id.</summary>
internal static class ProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";
    public const string Type = "https://tools.ietf.org/html/rfc9110#section-15.6.1";
    public const string Title = "An error occurred while processing your request.";

    public static async Task WriteAsync(HttpResponse response, PathString path, string requestId, Exception? details, CancellationToken cancellationToken)
    {
        response.ContentType = ContentType;
        // Written by hand with Utf8JsonWriter: no reflection serializer, so the library stays AOT-compatible.
        await using (var json = new Utf8JsonWriter(response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteString("type", Type);
            json.WriteString("title", Title);
            json.WriteNumber("status", response.StatusCode);
            json.WriteString("instance", path.Value);
            json.WriteString("requestId", requestId);
            if (Activity.Current is { } activity)
            {
                json.WriteString("traceId", activity.TraceId.ToHexString());
            }
            if (details is not null)
            {
                json.WriteString("exception", details.GetType().FullName);
                json.WriteString("detail", details.ToString());
            }
            json.WriteEndObject();
        }
        await response.BodyWriter.FlushAsync(cancellationToken);
    }
}
