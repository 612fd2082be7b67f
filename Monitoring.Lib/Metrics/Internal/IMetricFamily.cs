namespace Monitoring.Lib.Metrics.Internal;

/// <summary>A registered family as the exposition writer sees it.</summary>
internal interface IMetricFamily
{
    string Name { get; }

    /// <summary>Writes HELP, TYPE and every sample of the family.</summary>
    void Write(ExpositionWriter writer);
}
