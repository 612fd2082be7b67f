using System.Collections.Concurrent;
using Monitoring.Lib.Redis;

namespace Monitoring.Lib.Tests.Redis;

/// <summary>The recording hook as a test sees it: every point the subscriber asked for, in order.</summary>
internal sealed class RecordingPointRecorder : IRedisPointRecorder
{
    public ConcurrentQueue<(string Service, string Channel, string RequestId)> Messages { get; } = new();

    public ConcurrentQueue<(string Service, string ErrorCode)> Errors { get; } = new();

    public void RecordMessage(string service, string channel, string requestId) => Messages.Enqueue((service, channel, requestId));

    public void RecordSubscriptionError(string service, string errorCode) => Errors.Enqueue((service, errorCode));
}
