using System.Globalization;

namespace Monitoring.Lib.Influx.Internal;

/// <summary>
/// Reads how many points a rejected write really lost. InfluxDB writes the valid points of a batch and answers
/// 400 (1.x) or 422 (2.x) with "partial write: … dropped=N"; counting the whole batch as dropped would be wrong.
/// </summary>
internal static class PartialWrite
{
    private const string Marker = "partial write";
    private const string DroppedKey = "dropped=";

    /// <summary>The points the server dropped: N from "dropped=N" in a partial-write message, else the whole batch.</summary>
    public static int DroppedPoints(string serverMessage, int batchPoints)
    {
        if (!serverMessage.Contains(Marker, StringComparison.Ordinal))
        {
            return batchPoints;
        }
        var at = serverMessage.LastIndexOf(DroppedKey, StringComparison.Ordinal);
        if (at < 0)
        {
            return batchPoints;
        }
        var digits = serverMessage.AsSpan(at + DroppedKey.Length);
        var end = 0;
        while (end < digits.Length && char.IsAsciiDigit(digits[end]))
        {
            end++;
        }
        return int.TryParse(digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var dropped) && dropped <= batchPoints
            ? dropped
            : batchPoints;
    }
}
