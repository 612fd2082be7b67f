namespace Monitoring.Lib.Influx.Internal;

/// <summary>Conversions to the nanosecond Unix time line protocol uses.</summary>
internal static class InfluxTime
{
    private const long NanosecondsPerTick = 100;

    public static long ToUnixNanoseconds(DateTimeOffset time) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * NanosecondsPerTick;
}
