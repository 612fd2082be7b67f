using System.Diagnostics;
using Confluent.Kafka;
using Monitoring.Lib.Kafka.Internal;

namespace Monitoring.Lib.Kafka;

// One input's way from the handler to a storable offset: handle, produce its outputs, then (without holding up the next
// inputs) wait for their delivery and run its after-delivery work.
public abstract partial class KafkaStreamWorker<TKey, TValue>
{
    // The task of the last input that has after-delivery work: the next such work waits for it, so they run in order.
    private Task<bool> _lastAfterDelivery = InFlightInputs<TKey, TValue>.Done;

    private async Task ProcessAsync(ConsumeResult<TKey, TValue> input, CancellationToken stoppingToken, CancellationToken afterDeliveryToken)
    {
        _outputs.Clear();
        // Current while the input is handled and its outputs are produced: their send spans, and what the after-delivery
        // work records (its flow captures this span), join the trace the input's producer started.
        using var activity = _producer.TracingEnabled ? KafkaTracing.StartProcess(input, _groupId) : null;
        var start = Metrics.Messaging.TimesProcessing ? Stopwatch.GetTimestamp() : 0;
        try
        {
            await HandleAsync(input, _outputs, stoppingToken).ConfigureAwait(false);
            Metrics.Messaging.Processed(input.Topic, _groupId, start, errorType: null);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // Any handler exception is the message's failure: counted, then OnFailureAsync decides.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Metrics.CountError(ex);
            Metrics.Messaging.Processed(input.Topic, _groupId, start, ex.GetType().Name);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            await OnFailureAsync(input, ex, stoppingToken).ConfigureAwait(false);
            // Stored in its turn, after the inputs before it: an offset never passes an undelivered input.
            await _inFlight.AddAsync(input, InFlightInputs<TKey, TValue>.Done).ConfigureAwait(false);
            return;
        }
        var deliveries = new Task[_outputs.Count];
        for (var i = 0; i < deliveries.Length; i++)
        {
            var (topic, message) = _outputs.Items[i];
            deliveries[i] = _producer.ProduceAsync(topic, message, CancellationToken.None);
            _transaction?.Produced(topic);
        }
        var afterDelivery = _outputs.AfterDelivery;
        var done = DeliverAsync(deliveries, input, afterDelivery, _lastAfterDelivery, afterDeliveryToken);
        if (afterDelivery is not null)
        {
            _lastAfterDelivery = done;
        }
        await _inFlight.AddAsync(input, done).ConfigureAwait(false);
    }

    // One method rather than a delivery task and a work task chained: a single state machine per input. The work is a
    // delegate the handler gives with its input (not a virtual method taking only the message), so it keeps what the
    // handler computed, and inputs without it pay nothing.
    private async Task<bool> DeliverAsync(Task[] deliveries, ConsumeResult<TKey, TValue> input,
        Func<CancellationToken, Task>? afterDelivery, Task<bool> previous, CancellationToken cancellationToken)
    {
        // A failed delivery is thrown to the in-flight window, which logs it and stops the worker (exactly-once: aborts
        // the open transaction) when the input is still this member's (not when its partition has gone to another
        // member in the meantime).
        await Task.WhenAll(deliveries).ConfigureAwait(false);
        if (afterDelivery is null)
        {
            return true;
        }
        // In consume order, one at a time: effects keep the inputs' order, and during an outage one work retries
        // rather than a window full of them. Deliveries still overlap; only this work waits.
        await ((Task)previous).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!previous.IsCompletedSuccessfully || !previous.Result)
        {
            // An earlier input failed or was abandoned: this one will not be stored, so its work must not run.
            return false;
        }
        try
        {
            await afterDelivery(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
#pragma warning disable CA1031 // Like a handler exception: the message's failure, counted, then OnFailureAsync decides.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Metrics.CountError(ex);
            await OnFailureAsync(input, ex, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }
}
