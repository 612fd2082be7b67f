using static Monitoring.Lib.Influx.InfluxNames;

namespace Monitoring.Lib.Influx;

/// <summary>
/// The five series of the request monitoring design. <c>Begin…</c> returns the point so callers can add tags and
/// fields before <see cref="PointBuilder.Record"/>; <c>Record…</c> records it at once. Times are milliseconds.
/// </summary>
public static class InfluxRecorderSeriesExtensions
{
    /// <summary>A <c>requests</c> point: tags service, route (<c>METHOD:/resource</c>), status_code; fields request_id, execution_time.</summary>
    public static PointBuilder BeginRequest(this InfluxRecorder recorder, string service, string method, string resource, int statusCode, string requestId, double executionTimeMs)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        // Tags in key order, as InfluxDB keeps them: it re-sorts every point that is not.
        return WithRoute(recorder.Begin(Series.Requests), method, resource)
            .Tag(Tags.Service, service)
            .Tag(Tags.StatusCode, statusCode)
            .Field(Fields.RequestId, requestId)
            .Field(Fields.ExecutionTime, executionTimeMs);
    }

    /// <summary>Records a <c>requests</c> point; see <see cref="BeginRequest"/>.</summary>
    public static bool RecordRequest(this InfluxRecorder recorder, string service, string method, string resource, int statusCode, string requestId, double executionTimeMs) =>
        recorder.BeginRequest(service, method, resource, statusCode, requestId, executionTimeMs).Record();

    /// <summary>An <c>errors</c> point: tags service, route, status_code, error_code; field request_id.</summary>
    public static PointBuilder BeginError(this InfluxRecorder recorder, string service, string method, string resource, int statusCode, string errorCode, string requestId)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        return WithRoute(recorder.Begin(Series.Errors).Tag(Tags.ErrorCode, errorCode), method, resource)
            .Tag(Tags.Service, service)
            .Tag(Tags.StatusCode, statusCode)
            .Field(Fields.RequestId, requestId);
    }

    /// <summary>Records an <c>errors</c> point; see <see cref="BeginError"/>.</summary>
    public static bool RecordError(this InfluxRecorder recorder, string service, string method, string resource, int statusCode, string errorCode, string requestId) =>
        recorder.BeginError(service, method, resource, statusCode, errorCode, requestId).Record();

    /// <summary>
    /// A <c>ws_requests</c> point: tags service, account_id; fields transport_time (seconds from receiving the message
    /// from Redis to finishing the WebSocket send), request_id.
    /// </summary>
    public static PointBuilder BeginWsRequest(this InfluxRecorder recorder, string service, string accountId, double transportTimeSeconds, string requestId)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        return recorder.Begin(Series.WsRequests)
            .Tag(Tags.AccountId, accountId)
            .Tag(Tags.Service, service)
            .Field(Fields.TransportTime, transportTimeSeconds)
            .Field(Fields.RequestId, requestId);
    }

    /// <summary>Records a <c>ws_requests</c> point; see <see cref="BeginWsRequest"/>.</summary>
    public static bool RecordWsRequest(this InfluxRecorder recorder, string service, string accountId, double transportTimeSeconds, string requestId) =>
        recorder.BeginWsRequest(service, accountId, transportTimeSeconds, requestId).Record();

    /// <summary>
    /// A <c>subscription_error</c> point: tags service, error_code, and the field <c>count=1i</c>, because line
    /// protocol requires at least one field and this series has no natural one.
    /// </summary>
    public static PointBuilder BeginSubscriptionError(this InfluxRecorder recorder, string service, string errorCode)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        return recorder.Begin(Series.SubscriptionError)
            .Tag(Tags.ErrorCode, errorCode)
            .Tag(Tags.Service, service)
            .Field(Fields.Count, 1L);
    }

    /// <summary>Records a <c>subscription_error</c> point; see <see cref="BeginSubscriptionError"/>.</summary>
    public static bool RecordSubscriptionError(this InfluxRecorder recorder, string service, string errorCode) =>
        recorder.BeginSubscriptionError(service, errorCode).Record();

    /// <summary>A <c>redis_message</c> point: tags channel, service; field request_id.</summary>
    public static PointBuilder BeginRedisMessage(this InfluxRecorder recorder, string channel, string service, string requestId)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        return recorder.Begin(Series.RedisMessage)
            .Tag(Tags.Channel, channel)
            .Tag(Tags.Service, service)
            .Field(Fields.RequestId, requestId);
    }

    /// <summary>Records a <c>redis_message</c> point; see <see cref="BeginRedisMessage"/>.</summary>
    public static bool RecordRedisMessage(this InfluxRecorder recorder, string channel, string service, string requestId) =>
        recorder.BeginRedisMessage(channel, service, requestId).Record();

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
