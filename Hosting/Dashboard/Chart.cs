namespace Monitoring.Hosting.Dashboard;

/// <summary>One chart for the metrics page: its series as (Unix ms, value) points, or why there is none.</summary>
internal sealed record Chart(string Title, string Unit, IReadOnlyList<ChartSeries> Series, string? Error);

/// <summary>One line of a chart.</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<double[]> Points);
