namespace Monitoring.Lib.Metrics.Internal;

/// <summary>
/// The label values carried by a measurement's tags, read in the family's label order without copying,
/// so the listener can find the series with an alternate dictionary lookup that allocates nothing.
/// </summary>
internal readonly ref struct TagValues(ReadOnlySpan<KeyValuePair<string, object?>> tags, string[] labelNames)
{
    private readonly ReadOnlySpan<KeyValuePair<string, object?>> _tags = tags;

    public int Count => labelNames.Length;

    /// <summary>The value of label <paramref name="index"/>; a missing tag reads as empty, as in Prometheus.</summary>
    public string this[int index]
    {
        get
        {
            var name = labelNames[index];
            // Tags usually come in label order with the same interned key, so try that position first.
            if (index < _tags.Length && ReferenceEquals(_tags[index].Key, name) && _tags[index].Value is string quick)
            {
                return quick;
            }
            foreach (var tag in _tags)
            {
                if (ReferenceEquals(tag.Key, name) || string.Equals(tag.Key, name, StringComparison.Ordinal))
                {
                    // Non-string tag values are formatted, which allocates; string values are the fast path.
                    return tag.Value as string ?? Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                }
            }
            return "";
        }
    }

    /// <summary>Whether these tags carry exactly <paramref name="values"/>; reference checks first, as values are often literals.</summary>
    public bool Matches(string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var value = this[i];
            if (!ReferenceEquals(value, values[i]) && !string.Equals(value, values[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    public string[] ToArray()
    {
        var values = new string[Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = this[i];
        }
        return values;
    }
}
