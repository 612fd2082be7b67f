using Monitoring.Lib.Influx;

namespace Monitoring.Lib.Redis;

/// <summary>Records the subscriber's <c>redis_message</c> and <c>subscription_error</c> points through an <see cref="InfluxRecorder"/>.</summary>
internal sealed class InfluxRedisPointRecorder : IRedisPointRecorder
{
    private readonly InfluxRecorder _recorder;

    /// <summary>Records into <paramref name="recorder"/>.</summary>
    public InfluxRedisPointRecorder(InfluxRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        _recorder = recorder;
    }

    /// <inheritdoc />
    public void RecordMessage(string service, string channel, string requestId) =>
        _recorder.BeginRedisMessage(channel, service, requestId).Record();

    /// <inheritdoc />
    public void RecordSubscriptionError(string service, string errorCode) =>
        _recorder.BeginSubscriptionError(service, errorCode).Record();
}
