namespace Monitoring.Lib.Influx;

/// <summary>
/// Where and how points are written, bound from section <c>Monitoring:Influx</c> and validated at start.
/// </summary>
/// <remarks>
/// Version 1 writes <c>POST {Url}/write?db=&amp;rp=&amp;precision=ns</c> with basic authentication when
/// <see cref="User"/> is set (basic rather than <c>u</c>/<c>p</c> query parameters, so no password ever appears in
/// a logged URL). Version 2 writes <c>POST {Url}/api/v2/write?org=&amp;bucket=&amp;precision=ns</c> with
/// <c>Authorization: Token …</c>. The InfluxDB 1.8 compatibility form is version 2 with <see cref="Database"/>
/// (and optionally <see cref="RetentionPolicy"/>) instead of <see cref="Bucket"/>, and <see cref="User"/>/
/// <see cref="Password"/> instead of <see cref="Token"/>: the bucket becomes <c>database/retention-policy</c> and
/// the token <c>user:password</c>.
/// </remarks>
public sealed class InfluxOptions
{
    /// <summary>InfluxDB HTTP API version, 1 or 2. Default 1.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Base URL of the server, absolute http or https, for example <c>http://127.0.0.1:8086</c>. Required.</summary>
    public string? Url { get; set; }

    /// <summary>Database (version 1, or version 2 in the 1.8 compatibility form). Required for version 1.</summary>
    public string? Database { get; set; }

    /// <summary>Retention policy; empty means the database's default. Default empty.</summary>
    public string? RetentionPolicy { get; set; }

    /// <summary>User name; empty means no authentication (version 1). Default empty.</summary>
    public string? User { get; set; }

    /// <summary>Password of <see cref="User"/>. Never logged. Default empty.</summary>
    public string? Password { get; set; }

    /// <summary>Organization (version 2). Default empty.</summary>
    public string? Org { get; set; }

    /// <summary>Bucket (version 2); required unless <see cref="Database"/> is set. Default empty.</summary>
    public string? Bucket { get; set; }

    /// <summary>API token (version 2). Never logged. Default empty.</summary>
    public string? Token { get; set; }

    /// <summary>How often buffered points are sent. Default 1 s.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most points per write request; a full batch is sent without waiting for the interval. Default 5,000.</summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>Most points kept waiting; beyond it the oldest are dropped and counted. Default 1,000,000.</summary>
    public int BufferCapacity { get; set; } = 1_000_000;

    /// <summary>Time limit of one write request. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for the last flush when the host stops (the host's own shutdown token also ends it). Default 5 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retry settings, section <c>Monitoring:Influx:Retry</c>.</summary>
    public InfluxRetryOptions Retry { get; set; } = new();
}
