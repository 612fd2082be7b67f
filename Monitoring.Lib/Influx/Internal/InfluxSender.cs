using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Monitoring.Lib.Influx.Internal;

/// <summary>What became of a batch.</summary>
internal enum SendOutcome
{
    Written,
    Rejected,
    Failed,
}

/// <summary>
/// Sends one batch with retries: 429, 5xx and network errors back off and retry; other 4xx are final. Version 1 posts to
/// <c>/write</c> itself; version 2 writes through InfluxDB.Client (<see cref="InfluxV2ClientWriter"/>).
/// </summary>
internal sealed class InfluxSender(HttpMessageInvoker http, TimeProvider time, Func<double> random, InfluxCounters counters, ILogger logger)
{
    private static readonly TimeSpan RejectionLogInterval = TimeSpan.FromSeconds(10);
    // Two batches may be in flight at once: the streak flag is switched atomically so each change is logged once.
    private int _failing;
    private long _retriesInStreak;
    private long _suppressedRejections;
    private DateTimeOffset _lastRejectionLog = DateTimeOffset.MinValue;

    public async Task<SendOutcome> SendAsync(List<PointChunk> chunks, int points, InfluxOptions options, InfluxEndpoint endpoint, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            string reason;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.RequestTimeout);
                var result = endpoint.Client is { } client
                    ? await client.WriteAsync(chunks, timeout.Token).ConfigureAwait(false)
                    : await PostAsync(chunks, endpoint, timeout.Token).ConfigureAwait(false);
                if (result.IsSuccess)
                {
                    Succeeded(points, endpoint);
                    return SendOutcome.Written;
                }
                reason = $"HTTP {result.Status}: {result.Message}";
                counters.SetLastError(reason);
                if (result.Status != (int)HttpStatusCode.TooManyRequests && result.Status < 500)
                {
                    Rejected(points, endpoint, result.Status, result.Message);
                    return SendOutcome.Rejected;
                }
                retryAfter = result.RetryAfter;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return SendOutcome.Failed;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                reason = ex is OperationCanceledException ? $"no answer within {options.RequestTimeout}" : ex.Message;
                counters.SetLastError(reason);
            }
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                InfluxLog.WriteFailing(logger, points, endpoint.Display, reason);
            }
            if (attempt >= options.Retry.MaxAttempts)
            {
                return SendOutcome.Failed;
            }
            counters.AddRetry();
            Interlocked.Increment(ref _retriesInStreak);
            try
            {
                await Task.Delay(RetrySchedule.NextDelay(attempt, retryAfter, options.Retry, random()), time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return SendOutcome.Failed;
            }
        }
    }

    // InfluxDB 1.x's /write: the batch streamed from the buffer's chunks, no copy.
    private async Task<InfluxWriteResult> PostAsync(List<PointChunk> chunks, InfluxEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.WriteUri) { Content = new ChunksContent(chunks) };
        request.Headers.Authorization = endpoint.Authorization;
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? InfluxWriteResult.Success
            : new InfluxWriteResult((int)response.StatusCode, await ReadServerMessageAsync(response, cancellationToken).ConfigureAwait(false),
                RetrySchedule.FromRetryAfter(response.Headers.RetryAfter, time.GetUtcNow()));
    }

    private void Succeeded(int points, InfluxEndpoint endpoint)
    {
        counters.AddWritten(points);
        if (Interlocked.Exchange(ref _failing, 0) == 1)
        {
            var retries = Interlocked.Exchange(ref _retriesInStreak, 0);
            InfluxLog.WriteRecovered(logger, endpoint.Display, retries);
        }
    }

    private void Rejected(int points, InfluxEndpoint endpoint, int status, string message)
    {
        var dropped = PartialWrite.DroppedPoints(message, points);
        counters.AddWritten(points - dropped);
        counters.AddRejected(dropped);
        points = dropped;
        var now = time.GetUtcNow();
        if (now - _lastRejectionLog < RejectionLogInterval)
        {
            _suppressedRejections++;
            return;
        }
        InfluxLog.WriteRejected(logger, endpoint.Display, points, status, message, _suppressedRejections);
        _lastRejectionLog = now;
        _suppressedRejections = 0;
    }

    // InfluxDB 1.x answers {"error":"..."}, 2.x {"code":"...","message":"..."}; anything else is shown as text.
    private static async Task<string> ReadServerMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (body.Length > 1000)
        {
            body = body[..1000];
        }
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && (json.RootElement.TryGetProperty("error", out var text) || json.RootElement.TryGetProperty("message", out text))
                && text.ValueKind == JsonValueKind.String)
            {
                return text.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, a plain-text error): the body itself is the message.
        }
        return body.Trim();
    }
}
