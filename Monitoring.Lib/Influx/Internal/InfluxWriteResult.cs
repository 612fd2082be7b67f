namespace Monitoring.Lib.Influx.Internal;

/// <summary>The server's answer to one write: success, or its status, message and any Retry-After.</summary>
internal readonly record struct InfluxWriteResult(int Status, string Message, TimeSpan? RetryAfter)
{
    public static InfluxWriteResult Success { get; } = new(204, "", null);

    public bool IsSuccess => Status is >= 200 and < 300;
}
