using Monitoring.Hosting.Orchestration;

namespace Monitoring.Hosting.Dashboard;

/// <summary>What a console-logs page receives: the last lines that match a filter, and each line as it is sent.</summary>
internal static class LogTail
{
    /// <summary>The last <paramref name="count"/> lines containing <paramref name="filter"/> (all when empty), oldest first.</summary>
    public static List<LogLineView> Select(IReadOnlyList<LogLine> lines, string? filter, int count)
    {
        // Walk back from the newest line: with no filter only the lines sent are touched, not all 10,000.
        var picked = new List<LogLineView>(Math.Min(count, lines.Count));
        for (var i = lines.Count - 1; i >= 0 && picked.Count < count; i--)
        {
            if (Matches(lines[i], filter))
            {
                picked.Add(LogLineView.From(lines[i]));
            }
        }
        picked.Reverse();
        return picked;
    }

    public static bool Matches(LogLine line, string? filter) =>
        string.IsNullOrEmpty(filter) || line.Text.Contains(filter, StringComparison.OrdinalIgnoreCase);
}
