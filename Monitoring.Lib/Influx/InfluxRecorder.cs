using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Lib.Influx.Internal;
using Monitoring.Lib.Internal;

namespace Monitoring.Lib.Influx;

/// <summary>
/// Records points into a bounded buffer that a background flusher sends to InfluxDB in batches. Recording never
/// blocks on the network and never throws: each point is encoded on the calling thread and appended to a striped
/// buffer; when more than <see cref="InfluxOptions.BufferCapacity"/> points wait, the oldest are dropped and counted.
/// </summary>
public sealed class InfluxRecorder : IDisposable
{
    [ThreadStatic]
    private static LineProtocolBuilder? _threadBuilder;

    [ThreadStatic]
    private static long _threadLastTimestamp;

    private const long NanosecondsPerMillisecond = 1_000_000;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpMessageInvoker _http;
    private readonly HttpMessageHandler _handler;
    private readonly System.Collections.Concurrent.ConcurrentBag<InfluxEndpoint> _retired = [];
    private readonly InfluxCounters _counters = new();
    private readonly PointBuffer _buffer;
    private readonly InfluxSender _sender;
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private readonly SemaphoreSlim _batchReady = new(0, 1);
    private readonly List<PointChunk> _batch = [];
    private readonly List<PointChunk> _nextBatch = [];
    private Settings _settings;
    private int _batchSignalled;

    /// <summary>Creates a recorder; <paramref name="timeProvider"/> defaults to <see cref="TimeProvider.System"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid; the message names each bad key and value.</exception>
    public InfluxRecorder(InfluxOptions options, TimeProvider? timeProvider = null, ILogger<InfluxRecorder>? logger = null)
        : this(options, timeProvider, logger, handler: null, random: null)
    {
    }

    internal InfluxRecorder(InfluxOptions options, TimeProvider? timeProvider, ILogger? logger, HttpMessageHandler? handler, Func<double>? random)
    {
        // A dedicated handler: the batch body is streamed from the buffer, and factory logging would print write URLs.
        _handler = handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _settings = Validated(options, _handler);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _http = new HttpMessageInvoker(new MonitoringTrafficHandler(_handler), disposeHandler: false);
        _sender = new InfluxSender(_http, _time, random ?? Random.Shared.NextDouble, _counters, _logger);
        _buffer = new PointBuffer(options.BufferCapacity, options.BatchSize, SignalBatchReady);
    }

    /// <summary>What has happened to the points recorded so far.</summary>
    internal InfluxStatistics Statistics => new(
        _counters.Written, _buffer.DroppedBufferFull, _counters.DroppedRejected, _counters.DroppedInvalid,
        _counters.Retries, _buffer.Count, _counters.LastError);

    internal InfluxOptions Options => _settings.Options;

    /// <summary>Begins a point in <paramref name="measurement"/> timed now; add tags and fields, then call <see cref="PointBuilder.Record"/>.</summary>
    public PointBuilder Begin(string measurement)
    {
        var builder = _threadBuilder ??= new LineProtocolBuilder();
        builder.Clear();
        builder.Begin(measurement);
        var now = InfluxTime.ToUnixNanoseconds(_time.GetUtcNow());
        // The clock ticks in 100 ns steps: nudging equal times apart keeps a thread's same-tag points distinct in
        // InfluxDB. Only within a millisecond, so a clock set back (or another recorder's clock) is still followed.
        var last = _threadLastTimestamp;
        _threadLastTimestamp = now = now <= last && last - now < NanosecondsPerMillisecond ? last + 1 : now;
        builder.Timestamp(now);
        return new PointBuilder(this, builder);
    }

    /// <summary>
    /// Begins a point of the relay's series <c>ws_requests</c>: tags <c>account_id</c>, <c>service</c>; fields
    /// <c>transport_time</c> (seconds from receiving the event to finishing the WebSocket send), <c>request_id</c> and,
    /// when given, <c>end_to_end_latency_ms</c> (from the form's production to the send). Call
    /// <see cref="PointBuilder.Record"/> on it, after adding fields of your own if any.
    /// </summary>
    public PointBuilder BeginWsRequest(string service, string accountId, double transportTimeSeconds, string requestId, double? endToEndLatencyMs = null)
    {
        var point = Begin(InfluxNames.Series.WsRequests)
            .Tag(InfluxNames.Tags.AccountId, accountId)
            .Tag(InfluxNames.Tags.Service, service)
            .Field(InfluxNames.Fields.TransportTime, transportTimeSeconds)
            .Field(InfluxNames.Fields.RequestId, requestId);
        return endToEndLatencyMs is { } latency ? point.Field(InfluxNames.Fields.EndToEndLatencyMs, latency) : point;
    }

    /// <summary>Starts timing a block of code, for <see cref="PointBuilder.Elapsed(string, PointTimer)"/>.</summary>
    internal PointTimer StartTimer() => new(_time);

    /// <summary>Applies new settings at run time; buffered points are kept and go to the new destination.</summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid; the current settings stay.</exception>
    public void Reconfigure(InfluxOptions options)
    {
        var settings = Validated(options, _handler);
        // The old endpoint's client may still be sending a batch: it is disposed with the recorder, not now. It holds no
        // sockets of its own (the handler is shared), so one kept per reconfiguration costs little.
        _retired.Add(Interlocked.Exchange(ref _settings, settings).Endpoint);
        _buffer.Resize(options.BufferCapacity, options.BatchSize);
        InfluxLog.Reconfigured(_logger, settings.Endpoint.Display);
    }

    /// <summary>
    /// Sends every buffered point now, two batches at a time so the server parses one while the next is in flight;
    /// true if the buffer was emptied, false if a batch could not be sent (it goes back to the buffer, oldest first).
    /// </summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _buffer.SealAll();
            while (true)
            {
                var settings = Volatile.Read(ref _settings);
                var first = _buffer.TakeBatch(settings.Options.BatchSize, _batch);
                if (first == 0)
                {
                    return true;
                }
                var second = _buffer.TakeBatch(settings.Options.BatchSize, _nextBatch);
                var sending = _sender.SendAsync(_batch, first, settings.Options, settings.Endpoint, cancellationToken);
                var next = second == 0
                    ? Task.FromResult(SendOutcome.Written)
                    : _sender.SendAsync(_nextBatch, second, settings.Options, settings.Endpoint, cancellationToken);
                var outcomes = await Task.WhenAll(sending, next).ConfigureAwait(false);
                // Given back newest first, so the older batch ends up in front again.
                var failed = Settle(_nextBatch, outcomes[1]) | Settle(_batch, outcomes[0]);
                if (failed)
                {
                    return false;
                }
            }
        }
        finally
        {
            _batch.Clear();
            _nextBatch.Clear();
            _flushGate.Release();
        }
    }

    /// <summary>Releases the HTTP connections. Buffered points are not sent; flush first.</summary>
    public void Dispose()
    {
        _settings.Endpoint.Client?.Dispose();
        foreach (var endpoint in _retired)
        {
            endpoint.Client?.Dispose();
        }
        _http.Dispose();
        _handler.Dispose();
        _flushGate.Dispose();
        _batchReady.Dispose();
    }

    /// <summary>Waits until a full batch is waiting or <paramref name="interval"/> has passed.</summary>
    internal async Task WaitForBatchAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        await _batchReady.WaitAsync(interval, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _batchSignalled, 0);
    }

    internal bool Commit(LineProtocolBuilder builder, int generation)
    {
        if (builder.Generation != generation || !builder.TryEnd() || !_buffer.Append(builder.WrittenSpan))
        {
            builder.Clear();
            _counters.AddInvalid();
            return false;
        }
        builder.Clear();
        return true;
    }

    private bool Settle(List<PointChunk> batch, SendOutcome outcome)
    {
        if (outcome == SendOutcome.Failed)
        {
            _buffer.GiveBack(batch);
        }
        else
        {
            _buffer.Release(batch);
        }
        batch.Clear();
        return outcome == SendOutcome.Failed;
    }

    private void SignalBatchReady()
    {
        if (Interlocked.Exchange(ref _batchSignalled, 1) == 0)
        {
            _batchReady.Release();
        }
    }

    private static Settings Validated(InfluxOptions options, HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = InfluxOptionsValidator.Check(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }
        return new Settings(options, InfluxEndpoint.From(options, handler));
    }

    private sealed record Settings(InfluxOptions Options, InfluxEndpoint Endpoint);
}
