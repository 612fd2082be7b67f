namespace Monitoring.Lib.AspNetCore;

/// <summary>
/// Settings of <c>UseRequestMonitoring()</c> and <c>UseMonitoredExceptionHandler()</c>: section <c>Monitoring:Requests</c>,
/// then the delegate given to them, validated when the middleware is added. Paths in the section's <c>ExcludedPaths</c>
/// are added to the defaults; the delegate can clear them.
/// </summary>
public sealed class RequestMonitoringOptions
{
    /// <summary>The default <see cref="RequestIdHeader"/>.</summary>
    public const string DefaultRequestIdHeader = "X-Request-Id";

    /// <summary>
    /// The <c>service</c> tag of every point. Default: configuration <c>Monitoring:ServiceName</c>, then the metrics
    /// app name (<c>Monitoring:Metrics:AppName</c>, else <c>APP_NAME</c>), then the host's application name: the same
    /// rule as the Redis subscriber's points, so one service shows under one name.
    /// </summary>
    public string? ServiceName { get; set; }

    /// <summary>The header a request id is read from and echoed in. Default <c>X-Request-Id</c>.</summary>
    public string RequestIdHeader { get; set; } = DefaultRequestIdHeader;

    /// <summary>
    /// The longest request id taken from a request; a longer one, an empty one or one with characters outside
    /// visible ASCII is replaced by a generated id, so a client cannot inject header text or bloat points. Default 128; 1 to 1024.
    /// </summary>
    public int MaxRequestIdLength { get; set; } = 128;

    /// <summary>
    /// Request paths recorded as no point at all (request ids are still assigned), compared case-insensitively.
    /// Default: the default endpoints <c>/health</c>, <c>/alive</c> and <c>/metrics</c>, so health polling and scrapes
    /// do not fill InfluxDB; clear the list to record them too.
    /// </summary>
    public IList<string> ExcludedPaths { get; } = ["/health", "/alive", "/metrics"];

    /// <summary>
    /// Whether problem details carry the exception's message and stack trace. Default: false, in every environment: the
    /// client gets the request id to quote, the log has the exception. Turn on only where every caller may read your
    /// stack traces.
    /// </summary>
    public bool IncludeExceptionDetails { get; set; }
}
