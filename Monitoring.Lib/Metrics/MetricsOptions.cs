namespace Monitoring.Lib.Metrics;

/// <summary>
/// Settings of the metrics push, bound from section <c>Monitoring:Metrics</c>; the reference design's
/// environment variables (HOSTNAME, APP_NAME, METRICS_SERVICE_NAME, METRICS_SERVICE_PORT, METRICS_POD_PORT,
/// METRICS_PUSH_RATE) fill whatever the section leaves unset.
/// </summary>
public sealed class MetricsOptions
{
    /// <summary>The most frequent push allowed.</summary>
    public static readonly TimeSpan MinPushInterval = TimeSpan.FromSeconds(1);

    /// <summary>The least frequent push allowed.</summary>
    public static readonly TimeSpan MaxPushInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// The <c>app</c> label on every series (APP_NAME), and the <c>service</c> tag of the InfluxDB points unless
    /// <c>Monitoring:ServiceName</c> is set. Default: the host's application name; the AppHost sets APP_NAME to the resource name.
    /// </summary>
    public string? AppName { get; set; }

    /// <summary>
    /// The pod name, used as the Pushgateway group <c>job</c> (HOSTNAME). Default: <c>{MachineName}-{ProcessId}</c>, so
    /// processes sharing a machine never overwrite each other's group; the machine name alone would. A new process id
    /// means a new group: <see cref="DeleteOnShutdown"/> removes a process's group when it stops gracefully, while a
    /// killed process's group stays until deleted by hand. Kubernetes and the AppHost set HOSTNAME to a stable pod name.
    /// </summary>
    public string? PodName { get; set; }

    /// <summary>
    /// Headless service whose DNS name resolves to every metrics-cache replica (METRICS_SERVICE_NAME).
    /// Default: none (only <see cref="ReplicaUrls"/> are used).
    /// </summary>
    public string? ServiceName { get; set; }

    /// <summary>Port of the metrics cache's balanced service (METRICS_SERVICE_PORT); used for replicas when <see cref="PodPort"/> is unset. Default 9091.</summary>
    public int ServicePort { get; set; } = 9091;

    /// <summary>Port each replica pod listens on (METRICS_POD_PORT). Default: <see cref="ServicePort"/>.</summary>
    public int? PodPort { get; set; }

    /// <summary>Base URLs of replicas to push to besides those DNS finds, e.g. <c>http://127.0.0.1:9091</c>. Default: empty.</summary>
    public IList<string> ReplicaUrls { get; } = [];

    /// <summary>How often the full state is pushed (METRICS_PUSH_RATE, in seconds). Default 10 s; between 1 s and 1 h.</summary>
    public TimeSpan PushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long one replica may take to answer a push before it counts as failed. Default 3 s, or the push interval
    /// when that is shorter; when set, at most the push interval.
    /// </summary>
    public TimeSpan PushTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Whether a graceful shutdown ends with one final push and then deletes the pod's group from every replica. Default true.</summary>
    public bool DeleteOnShutdown { get; set; } = true;

    /// <summary>Whether the background push runs at all. Default true; always false when <c>Monitoring:Enabled</c> is false.</summary>
    public bool PushEnabled { get; set; } = true;

    /// <summary>Values from environment variables that could not be parsed, reported by validation (key, raw value).</summary>
    internal List<(string Key, string Value, string Expected)> UnparsedValues { get; } = [];
}
