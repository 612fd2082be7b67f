using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.AspNetCore.Internal;

/// <summary>
/// Turns an unhandled exception into <c>messages_errors{exception}</c>, a logged error and an RFC 7807 answer.
/// </summary>
internal sealed class MonitoredExceptionMiddleware(RequestDelegate next, MetricsManager metrics, ILogger logger, string header, bool includeDetails)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody is left to answer and the app did nothing wrong.
            throw;
        }
        catch (Exception ex)
        {
            var exceptionType = ex.GetType().Name;
            metrics.CountError(exceptionType);
            var feature = context.Features.Get<IRequestMonitoringFeature>();
            if (feature is not null)
            {
                feature.ErrorCode ??= exceptionType;
            }
            var requestId = feature?.RequestId ?? context.TraceIdentifier;
            RequestMonitoringLog.Unhandled(logger, ex, context.Request.Method, context.Request.Path.Value, requestId);
            if (context.Response.HasStarted)
            {
                // Headers and part of the body are gone: rethrowing lets the server abort the response, so the
                // client sees a broken answer rather than a truncated one that looks complete.
                RequestMonitoringLog.ResponseStarted(logger, requestId);
                throw;
            }
            context.Response.Clear();
            context.Response.Headers[header] = requestId;
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await ProblemDetailsWriter.WriteAsync(context.Response, context.Request.Path, requestId, includeDetails ? ex : null, context.RequestAborted);
        }
    }
}
