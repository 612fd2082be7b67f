namespace Monitoring.Lib.Redis;

/// <summary>
/// Where a <see cref="RedisSubscriber"/> records its monitoring points. <see cref="InfluxRedisPointRecorder"/> writes
/// them to InfluxDB; an app without InfluxDB passes none, or its own. Called on the subscriber's read loop: return fast
/// and never throw.
/// </summary>
internal interface IRedisPointRecorder
{
    /// <summary>A message arrived: a <c>redis_message</c> point (tags channel, service; field request_id).</summary>
    void RecordMessage(string service, string channel, string requestId);

    /// <summary>A connection or subscription failed: a <c>subscription_error</c> point (tags service, error_code).</summary>
    void RecordSubscriptionError(string service, string errorCode);
}
