namespace Monitoring.Lib.Metrics.Internal;

/// <summary>Label names and values as Meter tags, for observable instruments (collection time only, not a hot path).</summary>
internal static class LabelTags
{
    public static KeyValuePair<string, object?>[] Create(string[] names, string[] values)
    {
        var tags = new KeyValuePair<string, object?>[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            tags[i] = new(names[i], values[i]);
        }
        return tags;
    }
}
