namespace Monitoring.Lib.AspNetCore;

/// <summary>
/// The request's monitoring state, set on <c>HttpContext.Features</c> by <c>UseRequestMonitoring()</c>: the request
/// id, and extra tags and fields the middleware writes into the request's <c>requests</c> and <c>errors</c> points
/// when the request ends.
/// </summary>
/// <remarks>
/// Tags are indexed by InfluxDB: give them few distinct values (a plan, a region), never ids; put ids and measures
/// in fields. The keys the middleware writes itself (<c>service</c>, <c>route</c>, <c>status_code</c>,
/// <c>error_code</c>, <c>request_id</c>, <c>execution_time</c>) are refused. A key added twice keeps its last value.
/// Not thread-safe: use it from the request's own flow.
/// </remarks>
public interface IRequestMonitoringFeature
{
    /// <summary>The request id: the <c>X-Request-Id</c> header when it was valid, otherwise generated; echoed in the response.</summary>
    string RequestId { get; }

    /// <summary>
    /// The <c>error_code</c> tag of the request's <c>errors</c> point. Default: null, meaning the exception type name
    /// when an exception ended the request, otherwise the status code.
    /// </summary>
    string? ErrorCode { get; set; }

    /// <summary>Adds a tag to the request's points. Throws <see cref="ArgumentException"/> for an empty or reserved key.</summary>
    void AddTag(string key, string value);

    /// <summary>Adds a string field to the request's points. Throws <see cref="ArgumentException"/> for an empty or reserved key.</summary>
    void AddField(string key, string value);

    /// <summary>Adds a float field to the request's points. Throws <see cref="ArgumentException"/> for an empty or reserved key.</summary>
    void AddField(string key, double value);

    /// <summary>Adds an integer field to the request's points. Throws <see cref="ArgumentException"/> for an empty or reserved key.</summary>
    void AddField(string key, long value);
}
