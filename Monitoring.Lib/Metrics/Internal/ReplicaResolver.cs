using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Monitoring.Lib.Metrics.Internal;

/// <summary>
/// Finds every metrics-cache replica on each call: the configured URLs plus every address the headless
/// service name resolves to, so replicas that come and go are followed push by push.
/// </summary>
internal sealed class ReplicaResolver(MetricsOptions options, ILogger logger, Func<string, CancellationToken, Task<IPAddress[]>>? dns = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _dns = dns ?? Dns.GetHostAddressesAsync;
    private string? _lastResolveError;

    public async Task<IReadOnlyList<string>> ResolveAsync(CancellationToken cancellationToken)
    {
        var replicas = new List<string>();
        foreach (var url in options.ReplicaUrls)
        {
            Add(replicas, url.TrimEnd('/'));
        }
        if (!string.IsNullOrWhiteSpace(options.ServiceName))
        {
            try
            {
                var port = options.PodPort ?? options.ServicePort;
                foreach (var address in await _dns(options.ServiceName, cancellationToken).ConfigureAwait(false))
                {
                    var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
                    Add(replicas, $"http://{host}:{port}");
                }
                _lastResolveError = null;
            }
            catch (SocketException ex)
            {
                // DNS of a headless service fails while no replica is ready; log once per distinct error.
                if (_lastResolveError != ex.Message)
                {
                    _lastResolveError = ex.Message;
                    PushLog.ResolveFailed(logger, options.ServiceName, ex.Message);
                }
            }
        }
        return replicas;
    }

    private static void Add(List<string> replicas, string url)
    {
        if (!replicas.Contains(url, StringComparer.OrdinalIgnoreCase))
        {
            replicas.Add(url);
        }
    }
}
