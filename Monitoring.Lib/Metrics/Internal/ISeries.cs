namespace Monitoring.Lib.Metrics.Internal;

/// <summary>What the registry needs from any series: its label values (for order) and its encoded label block.</summary>
internal interface ISeries
{
    string[] LabelValues { get; }

    byte[] LabelBlock { get; }
}
