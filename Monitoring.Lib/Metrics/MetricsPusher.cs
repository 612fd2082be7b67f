using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.Lib.Internal;
using Monitoring.Lib.Metrics.Internal;

namespace Monitoring.Lib.Metrics;

/// <summary>
/// Pushes the full metrics state with HTTP PUT to every metrics-cache replica (Pushgateway) at
/// <c>/metrics/job/{pod name}</c>, concurrently and each with its own timeout, so a dead or slow replica
/// never delays the others. Failures are counted per replica and logged without flooding.
/// </summary>
internal sealed class MetricsPusher : IDisposable
{
    private static readonly MediaTypeHeaderValue TextFormat = MediaTypeHeaderValue.Parse("text/plain; version=0.0.4; charset=utf-8");

    private readonly MetricsManager _manager;
    private readonly MetricsOptions _options;
    private readonly ILogger _logger;
    private readonly ReplicaResolver _resolver;
    private readonly HttpClient _http;
    private readonly ReplicaHealthBook _health;
    private readonly ArrayBufferWriter<byte> _body = new(64 * 1024);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _groupPath;

    /// <summary>Creates a pusher that owns one HttpClient for all replicas.</summary>
    public MetricsPusher(MetricsManager manager, IOptions<MetricsOptions> options, ILogger<MetricsPusher> logger, TimeProvider timeProvider)
        : this(manager, options, logger, timeProvider, dns: null)
    {
    }

    internal MetricsPusher(
        MetricsManager manager, IOptions<MetricsOptions> options, ILogger logger, TimeProvider timeProvider,
        Func<string, CancellationToken, Task<IPAddress[]>>? dns)
    {
        ArgumentNullException.ThrowIfNull(options);
        _manager = manager;
        _options = options.Value;
        _logger = logger;
        _resolver = new ReplicaResolver(_options, logger, dns);
        _health = new ReplicaHealthBook(logger, timeProvider);
        _groupPath = "/metrics/job/" + Uri.EscapeDataString(_options.PodName ?? MetricsOptionsSetup.DefaultPodName());
        // A bounded connection lifetime makes the client reconnect, and so see DNS changes of replicas.
        _http = new HttpClient(new MonitoringTrafficHandler(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectTimeout = _options.PushTimeout,
        }))
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The push outcome of every replica seen so far, ordered by URL.</summary>
    public IReadOnlyList<ReplicaPushStatus> GetStatus() => _health.Snapshot();

    /// <summary>Replicas found right now: configured URLs plus the addresses of the headless service.</summary>
    public Task<IReadOnlyList<string>> ResolveReplicasAsync(CancellationToken cancellationToken = default) =>
        _resolver.ResolveAsync(cancellationToken);

    /// <summary>
    /// Resolves the replicas and PUTs the full state to each; returns how many accepted it.
    /// Never throws for a replica's failure: that is counted and logged.
    /// </summary>
    public async Task<int> PushAsync(CancellationToken cancellationToken = default)
    {
        var replicas = await _resolver.ResolveAsync(cancellationToken).ConfigureAwait(false);
        if (replicas.Count == 0)
        {
            PushLog.NoReplicas(_logger, _options.ServiceName, _options.ReplicaUrls.Count);
            return 0;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // One body for all replicas: written once into a reused buffer, shared read-only by the requests.
            _body.ResetWrittenCount();
            _manager.WriteTo(_body);
            var results = await Task.WhenAll(replicas.Select(r => SendAsync(r, HttpMethod.Put, _body.WrittenMemory, cancellationToken)))
                .ConfigureAwait(false);
            return results.Count(ok => ok);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes this pod's group from every replica; returns how many confirmed it.</summary>
    public async Task<int> DeleteAsync(CancellationToken cancellationToken = default)
    {
        var replicas = await _resolver.ResolveAsync(cancellationToken).ConfigureAwait(false);
        var results = await Task.WhenAll(replicas.Select(r => SendAsync(r, HttpMethod.Delete, null, cancellationToken))).ConfigureAwait(false);
        return results.Count(ok => ok);
    }

    /// <summary>Disposes the HTTP client.</summary>
    public void Dispose()
    {
        _http.Dispose();
        _gate.Dispose();
    }

    private async Task<bool> SendAsync(string replica, HttpMethod method, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PushTimeout);
        using var request = new HttpRequestMessage(method, replica + _groupPath);
        if (body is { } bytes)
        {
            request.Content = new ReadOnlyMemoryContent(bytes);
            request.Content.Headers.ContentType = TextFormat;
        }
        string? error;
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            error = response.IsSuccessStatusCode ? null
                : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {await ReadErrorAsync(response, timeout.Token).ConfigureAwait(false)}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"no answer within {_options.PushTimeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException ex)
        {
            error = ex.Message;
        }
        return method == HttpMethod.Delete ? ReportDelete(replica, error) : _health.Report(replica, error);
    }

    private bool ReportDelete(string replica, string? error)
    {
        if (error is not null)
        {
            PushLog.DeleteFailed(_logger, _options.PodName ?? "", replica, error);
        }
        return error is null;
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return text.Length > 300 ? text[..300] : text.Trim();
    }
}
