using static Monitoring.Lib.Influx.InfluxNames;

namespace Monitoring.Lib.Influx;

/// <summary>
/// The five series of the request monitoring design, their names and tags in one place (<see cref="InfluxNames"/>).
/// Each returns the point so callers can add tags and fields before <see cref="PointBuilder.Record"/>.
/// </summary>
internal static class InfluxSeries
{
    /// <summary>A <c>requests</c> point: tags service, route (<c>METHOD:/resource</c>), status_code; fields request_id, execution_time.</summary>
    internal static PointBuilder BeginRequest(this InfluxRecorder recorder, string service, string method, string resource, int statusCode, string requestId, double executionTimeMs)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        // Tags in key order, as InfluxDB keeps them: it re-sorts every point that is not.
        return WithRoute(recorder.Begin(Series.Requests), method, resource)
            .Tag(Tags.Service, service)
            .Tag(Tags.StatusCode, statusCode)
            .Field(Fields.RequestId, requestId)
            .Field(Fields.ExecutionTime, executionTimeMs);
    }

    /// <summary>An <c>errors</c> point: tags service, route, status_code, error_code; field request_id.</summary>
    internal static PointBuilder BeginError(this InfluxRecorder recorder, string service, string method, string resource, int statusCode, string errorCode, string requestId)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        return WithRoute(recorder.Begin(Series.Errors).Tag(Tags.ErrorCode, errorCode), method, resource)
            .Tag(Tags.Service, service)
            .Tag(Tags.StatusCode, statusCode)
            .Field(Fields.RequestId, requestId);
    }

    /// <summary>
    /// A <c>subscription_error</c> point: tags service, error_code, and the field <c>count=1i</c>, because line
    /// protocol requires at least one field and this series has no natural one.
    /// </summary>
    internal static PointBuilder BeginSubscriptionError(this InfluxRecorder recorder, string service, string errorCode)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        return recorder.Begin(Series.SubscriptionError)
            .Tag(Tags.ErrorCode, errorCode)
            .Tag(Tags.Service, service)
            .Field(Fields.Count, 1L);
    }

    /// <summary>A <c>redis_message</c> point: tags channel, service; field request_id.</summary>
    internal static PointBuilder BeginRedisMessage(this InfluxRecorder recorder, string channel, string service, string requestId)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        return recorder.Begin(Series.RedisMessage)
            .Tag(Tags.Channel, channel)
            .Tag(Tags.Service, service)
            .Field(Fields.RequestId, requestId);
    }

    private static PointBuilder WithRoute(PointBuilder point, string method, string resource)
    {
        var length = (method?.Length ?? 0) + 1 + (resource?.Length ?? 0);
        // The route is joined on the stack: building "METHOD:/resource" as a string would allocate on every request.
        Span<char> route = length <= 256 ? stackalloc char[length] : new char[length];
        method.AsSpan().CopyTo(route);
        route[method?.Length ?? 0] = ':';
        resource.AsSpan().CopyTo(route[((method?.Length ?? 0) + 1)..]);
        return point.Tag(Tags.Route, route);
    }
}
