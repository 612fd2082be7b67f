namespace Monitoring.Hosting.Orchestration;

/// <summary>One line a replica wrote.</summary>
/// <param name="Sequence">Its number among the replica's lines, from 1, never reused (gaps show lines dropped from the ring).</param>
/// <param name="Timestamp">When the host read it.</param>
/// <param name="IsError">True when written to stderr.</param>
/// <param name="Text">The line, without its end-of-line.</param>
public sealed record LogLine(long Sequence, DateTimeOffset Timestamp, bool IsError, string Text);
