namespace Monitoring.Lib.Metrics.Internal;

/// <summary>Prometheus naming rules, checked once at registration so the hot paths never need to.</summary>
internal static class MetricNames
{
    /// <summary>Labels the library owns: <c>app</c> is on every series, <c>job</c> is the Pushgateway grouping key.</summary>
    private static readonly string[] Reserved = ["app", "job", "instance"];

    public static void ValidateMetricName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValid(name, allowColon: true))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid Prometheus metric name: it must match [a-zA-Z_:][a-zA-Z0-9_:]*.", nameof(name));
        }
    }

    public static string[] ValidateLabelNames(string metricName, string[] labelNames, bool isHistogram)
    {
        ArgumentNullException.ThrowIfNull(labelNames);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in labelNames)
        {
            if (label is null || !IsValid(label, allowColon: false))
            {
                throw new ArgumentException(
                    $"Metric '{metricName}': '{label}' is not a valid Prometheus label name: it must match [a-zA-Z_][a-zA-Z0-9_]*.",
                    nameof(labelNames));
            }
            if (label.StartsWith("__", StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"Metric '{metricName}': label '{label}' starts with '__', which Prometheus reserves for internal use.", nameof(labelNames));
            }
            if (Array.IndexOf(Reserved, label) >= 0 || (isHistogram && label == "le"))
            {
                throw new ArgumentException(
                    $"Metric '{metricName}': label '{label}' is reserved (app and job are added by the library, instance by Prometheus, le by histograms).",
                    nameof(labelNames));
            }
            if (!seen.Add(label))
            {
                throw new ArgumentException($"Metric '{metricName}': label '{label}' appears twice.", nameof(labelNames));
            }
        }
        return (string[])labelNames.Clone();
    }

    private static bool IsValid(string name, bool allowColon)
    {
        if (name.Length == 0)
        {
            return false;
        }
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_'
                || (allowColon && c == ':')
                || (i > 0 && c is >= '0' and <= '9');
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }
}
