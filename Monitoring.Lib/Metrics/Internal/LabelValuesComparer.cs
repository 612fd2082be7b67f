namespace Monitoring.Lib.Metrics.Internal;

/// <summary>Compares label value arrays, and a measurement's tags against them without building an array.</summary>
internal sealed class LabelValuesComparer : IEqualityComparer<string[]>, IAlternateEqualityComparer<TagValues, string[]>
{
    public static readonly LabelValuesComparer Instance = new();

    public bool Equals(string[]? x, string[]? y)
    {
        if (x is null || y is null || x.Length != y.Length)
        {
            return ReferenceEquals(x, y);
        }
        for (var i = 0; i < x.Length; i++)
        {
            if (!string.Equals(x[i], y[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    public int GetHashCode(string[] obj)
    {
        var hash = new HashCode();
        foreach (var value in obj)
        {
            hash.Add(value, StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }

    public bool Equals(TagValues alternate, string[] other)
    {
        if (alternate.Count != other.Length)
        {
            return false;
        }
        for (var i = 0; i < other.Length; i++)
        {
            if (!string.Equals(alternate[i], other[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    public int GetHashCode(TagValues alternate)
    {
        var hash = new HashCode();
        for (var i = 0; i < alternate.Count; i++)
        {
            hash.Add(alternate[i], StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }

    public string[] Create(TagValues alternate) => alternate.ToArray();

    /// <summary>Ordinal order of label values, element by element: the stable order of series in the output.</summary>
    public static int Compare(string[] x, string[] y)
    {
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var c = string.CompareOrdinal(x[i], y[i]);
            if (c != 0)
            {
                return c;
            }
        }
        return x.Length.CompareTo(y.Length);
    }
}
