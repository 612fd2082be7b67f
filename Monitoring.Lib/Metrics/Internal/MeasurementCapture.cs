using System.Diagnostics.Metrics;

namespace Monitoring.Lib.Metrics.Internal;

/// <summary>
/// Captures measurements of the instruments the app creates through the manager's Meter into the registry.
/// The family travels as the listener's per-instrument state, so a measurement costs one series lookup
/// (allocation-free on a hit) and one interlocked add.
/// </summary>
internal sealed class MeasurementCapture : IDisposable
{
    private readonly Meter _meter;
    private readonly MeterListener _listener;
    private readonly Lock _createLock = new();
    private object? _pendingFamily;

    public MeasurementCapture(Meter meter)
    {
        _meter = meter;
        _listener = new MeterListener { InstrumentPublished = OnPublished };
        _listener.SetMeasurementEventCallback<long>(static (_, m, tags, state) => Record(state, m, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, m, tags, state) => Record(state, m, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, m, tags, state) => Record(state, m, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, m, tags, state) => Record(state, m, tags));
        _listener.Start();
    }

    /// <summary>Creates an instrument and ties it to <paramref name="family"/> as it is published.</summary>
    public TInstrument Create<TInstrument>(object family, Func<Meter, TInstrument> create)
        where TInstrument : Instrument
    {
        lock (_createLock)
        {
            // Instruments are published synchronously from their constructor, so the pending family is
            // the one this instrument belongs to.
            _pendingFamily = family;
            try
            {
                return create(_meter);
            }
            finally
            {
                _pendingFamily = null;
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnPublished(Instrument instrument, MeterListener listener)
    {
        // Observable instruments (the registry's view for other listeners) may be published by another thread
        // while a family is pending; only the instrument being created, by name, is tied to it.
        if (ReferenceEquals(instrument.Meter, _meter) && !instrument.IsObservable
            && Volatile.Read(ref _pendingFamily) is IMetricFamily family && family.Name == instrument.Name)
        {
            listener.EnableMeasurementEvents(instrument, family);
        }
    }

    private static void Record(object? state, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (state is MetricCounter counter)
        {
            counter.WithTags(tags).Add(value);
        }
        else if (state is MetricHistogram histogram)
        {
            histogram.WithTags(tags).Observe(value);
        }
    }

    private static void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (state is MetricCounter counter)
        {
            counter.WithTags(tags).Add(value);
        }
        else if (state is MetricHistogram histogram)
        {
            histogram.WithTags(tags).Observe(value);
        }
    }
}
