using Confluent.Kafka;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// A transactional producer given up on while one of its calls is stuck inside librdkafka (see
/// <c>KafkaStreamWorker.Bounded</c>). Destroying it at once would block as the call does, and merely dropping it would
/// block the finalizer thread; it is destroyed once the call returns, on a thread-pool thread, and the pending call keeps
/// it referenced until then. A call that never returns keeps it for the life of the process, as before.
/// </summary>
internal static class AbandonedProducer
{
    /// <summary>
    /// Destroys <paramref name="producer"/> once <paramref name="stuckCall"/> has ended, however it ended, and tells
    /// <paramref name="destroyed"/> (with the exception when the destruction failed). The returned task ends after that.
    /// </summary>
    public static Task DestroyWhenReturned(Task stuckCall, IDisposable producer, Action<Exception?> destroyed) =>
        stuckCall.ContinueWith(call =>
        {
            // Observed here, so that a call that ended in an error does not surface as an unobserved task exception:
            // the worker gave up on its outcome when it replaced the producer.
            _ = call.Exception;
            try
            {
                producer.Dispose();
            }
            catch (Exception ex) when (ex is KafkaException or ObjectDisposedException or InvalidOperationException)
            {
                destroyed(ex);
                return;
            }
            destroyed(null);
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
}
