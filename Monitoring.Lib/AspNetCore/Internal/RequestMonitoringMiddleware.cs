using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monitoring.Lib.Influx;
using static Monitoring.Lib.Influx.InfluxNames;

namespace Monitoring.Lib.AspNetCore.Internal;

/// <summary>
/// Times every request and records its <c>requests</c> point, plus an <c>errors</c> point for status 400 and up or
/// an exception. Without an <see cref="InfluxRecorder"/> it still assigns and echoes request ids.
/// </summary>
internal sealed class RequestMonitoringMiddleware(
    RequestDelegate next, InfluxRecorder? recorder, string service, string header, int maxIdLength, PathString[] excludedPaths)
{
    /// <summary>The route of requests no endpoint matched: one tag value for every unknown path keeps cardinality bounded.</summary>
    public const string Unmatched = "/unmatched";

    /// <summary>The status recorded for a request whose client went away before the answer (nginx's convention): 499.</summary>
    public const int ClientClosedRequest = 499;

    /// <summary>The <c>error_code</c> of such a request: <c>ClientClosedRequest</c>.</summary>
    public const string ClientClosedErrorCode = "ClientClosedRequest";

    private const int StackRouteLength = 256;

    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var requestId = RequestIds.FromHeaderOrNew(context.Request.Headers[header], maxIdLength);
        // Set before the app runs: headers cannot be added once the response has started.
        context.Response.Headers[header] = requestId;
        var feature = new RequestMonitoringFeature(requestId);
        context.Features.Set<IRequestMonitoringFeature>(feature);
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up and nobody got an answer: nginx's 499, not a server error.
            Record(context, feature, start, ClientClosedRequest, ClientClosedErrorCode);
            throw;
        }
        catch (Exception ex)
        {
            // An exception that escapes becomes a 500 for the client (or an aborted response): record it as such.
            Record(context, feature, start, StatusCodes.Status500InternalServerError, ex.GetType().Name);
            throw;
        }
        Record(context, feature, start, context.Response.StatusCode, null);
    }

    private void Record(HttpContext context, RequestMonitoringFeature feature, long start, int status, string? exceptionType)
    {
        if (recorder is null || IsExcluded(context.Request.Path))
        {
            return;
        }
        var milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var method = context.Request.Method;
        var resource = Resource(context);
        var slash = resource.StartsWith('/') ? 0 : 1;
        var length = method.Length + 1 + slash + resource.Length;
        // Joined on the stack: building "METHOD:/template" as a string would allocate on every request.
        Span<char> route = length <= StackRouteLength ? stackalloc char[length] : new char[length];
        method.AsSpan().CopyTo(route);
        route[method.Length] = ':';
        route[method.Length + 1] = '/';
        resource.AsSpan().CopyTo(route[(method.Length + 1 + slash)..]);

        // Tags in key order (route, service, status_code), as InfluxDB keeps them: it re-sorts every point that is not.
        var point = recorder.Begin(Series.Requests)
            .Tag(Tags.Route, route)
            .Tag(Tags.Service, service)
            .Tag(Tags.StatusCode, status)
            .Field(Fields.RequestId, feature.RequestId)
            .Field(Fields.ExecutionTime, milliseconds);
        feature.WriteTo(point);
        point.Record();
        if (status < StatusCodes.Status400BadRequest && exceptionType is null)
        {
            return;
        }
        var error = recorder.Begin(Series.Errors)
            .Tag(Tags.ErrorCode, feature.ErrorCode ?? exceptionType ?? StatusCodeText.Of(status))
            .Tag(Tags.Route, route)
            .Tag(Tags.Service, service)
            .Tag(Tags.StatusCode, status)
            .Field(Fields.RequestId, feature.RequestId);
        feature.WriteTo(error);
        error.Record();
    }

    private static string Resource(HttpContext context) => context.GetEndpoint() switch
    {
        RouteEndpoint route => route.RoutePattern.RawText ?? Unmatched,
        _ => Unmatched,
    };

    private bool IsExcluded(PathString path)
    {
        foreach (var excluded in excludedPaths)
        {
            if (path.Equals(excluded, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
