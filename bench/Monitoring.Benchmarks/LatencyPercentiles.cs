using System.Globalization;

namespace Monitoring.Benchmarks;

/// <summary>The <c>// latency …</c> line the latency benchmarks print at the end of each case.</summary>
internal static class LatencyPercentiles
{
    /// <summary>p50, p90, p99 and max of <paramref name="milliseconds"/> (sorted here), nearest-rank.</summary>
    public static string Describe(string what, List<double> milliseconds)
    {
        milliseconds.Sort();
        double At(double p) => milliseconds[(int)Math.Min(milliseconds.Count - 1, Math.Ceiling(p * milliseconds.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"// latency {what}: p50 {At(0.50):F1} ms, p90 {At(0.90):F1} ms, p99 {At(0.99):F1} ms, max {milliseconds[^1]:F1} ms");
    }
}
