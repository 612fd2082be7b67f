using Confluent.Kafka;
using Monitoring.Lib.Kafka.Internal;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>
/// A producer replaced while one of its calls is stuck in librdkafka is destroyed once that call returns, never
/// before (destroying it would block as the call does). librdkafka's stuck call cannot be brought about on demand, so
/// the call is a task completed here.
/// </summary>
public sealed class AbandonedProducerTests
{
    [Fact]
    public async Task DestroyWhenReturned_CallStillRunning_DestroyedOnlyOnceTheCallReturns()
    {
        var call = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var producer = new DisposeCounter();
        var reported = new List<Exception?>();

        var destroying = AbandonedProducer.DestroyWhenReturned(call.Task, producer, reported.Add);
        Assert.False(destroying.IsCompleted);
        Assert.Equal(0, producer.Disposed);

        call.SetResult();
        await destroying.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(1, producer.Disposed);
        Assert.Equal([null], reported);
    }

    [Fact]
    public async Task DestroyWhenReturned_CallFailedAndTheDestructionFails_TheDestructionsFailureReported()
    {
        var call = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failure = new KafkaException(ErrorCode.Local_Fatal);
        var producer = new DisposeCounter(failure);
        var reported = new List<Exception?>();

        var destroying = AbandonedProducer.DestroyWhenReturned(call.Task, producer, reported.Add);
        call.SetException(new KafkaException(ErrorCode.Local_TimedOut));
        await destroying.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(1, producer.Disposed);
        Assert.Same(failure, Assert.Single(reported));
    }

    private sealed class DisposeCounter(Exception? failure = null) : IDisposable
    {
        public int Disposed { get; private set; }

        public void Dispose()
        {
            Disposed++;
            if (failure is not null)
            {
                throw failure;
            }
        }
    }
}
