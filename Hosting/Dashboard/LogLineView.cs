using Monitoring.Hosting.Orchestration;

namespace Monitoring.Hosting.Dashboard;

/// <summary>A log line on the wire, with short names: a page receives a thousand of them at once.</summary>
/// <param name="S">The sequence number.</param>
/// <param name="T">The time, Unix milliseconds.</param>
/// <param name="E">True for stderr.</param>
/// <param name="X">The text.</param>
internal sealed record LogLineView(long S, long T, bool E, string X)
{
    public static LogLineView From(LogLine line) => new(line.Sequence, line.Timestamp.ToUnixTimeMilliseconds(), line.IsError, line.Text);
}
