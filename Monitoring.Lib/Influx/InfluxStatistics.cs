namespace Monitoring.Lib.Influx;

/// <summary>A snapshot of what the recorder has done with the points given to it.</summary>
/// <param name="PointsWritten">Points the server accepted.</param>
/// <param name="DroppedBufferFull">Oldest points dropped because more than BufferCapacity were waiting.</param>
/// <param name="DroppedRejected">Points in batches the server refused with a 4xx other than 429 (not retried).</param>
/// <param name="DroppedInvalid">Points never buffered because they were invalid (no field, empty name or key, too large).</param>
/// <param name="Retries">Write attempts repeated after 429, 5xx or a network error.</param>
/// <param name="BufferedPoints">Points waiting to be sent, not counting a batch being sent.</param>
/// <param name="LastError">The last write failure (status and server message, or network error), or null if none yet.</param>
internal readonly record struct InfluxStatistics(
    long PointsWritten,
    long DroppedBufferFull,
    long DroppedRejected,
    long DroppedInvalid,
    long Retries,
    long BufferedPoints,
    string? LastError);
