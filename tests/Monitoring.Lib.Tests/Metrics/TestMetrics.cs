using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Tests.Metrics;

/// <summary>Managers for unit tests, each on its own meter factory so tests never share instruments.</summary>
internal static class TestMetrics
{
    public static MetricsManager CreateManager(string app = "shop") => CreateManager(app, out _);

    /// <summary>A manager and the meter factory its Meters come from (for a <c>MetricCollector</c>).</summary>
    public static MetricsManager CreateManager(string app, out IMeterFactory meterFactory)
    {
        var provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
        meterFactory = provider.GetRequiredService<IMeterFactory>();
        return new MetricsManager(meterFactory, app);
    }

    /// <summary>The HELP/TYPE lines of the three standard families, which every exposition starts with when unused.</summary>
    public const string StandardHeaders =
        "# HELP messages_consumed Messages consumed, by topic.\n# TYPE messages_consumed counter\n" +
        "# HELP messages_errors Errors while handling messages, by exception type name.\n# TYPE messages_errors counter\n" +
        "# HELP messages_produced Messages produced, by topic.\n# TYPE messages_produced counter\n";
}
