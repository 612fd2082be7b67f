namespace Monitoring.Lib.Influx.Internal;

/// <summary>
/// Remembers the escaped UTF-8 form of recently used measurement names and keys. They are nearly always the same
/// constant string instances, so a reference check and a copy replace escaping and encoding them on every point.
/// </summary>
internal sealed class EncodedNameCache
{
    private const int Slots = 64;
    private const int Ways = 4;
    private readonly string?[] _names = new string?[Slots];
    private readonly byte[][] _encoded = new byte[Slots][];
    private readonly bool[] _isMeasurement = new bool[Slots];
    private int _nextWay;

    /// <summary>Writes the escaped name into <paramref name="destination"/> (which must have room for it) and returns the byte count.</summary>
    public int Write(string name, bool isMeasurement, Span<byte> destination)
    {
        // A cheap hash (a string's own hash code walks every character, which is what the cache avoids), then up to
        // Ways neighbouring slots, so a few names that hash alike do not keep evicting each other.
        var home = ((name.Length * 31) + name[0] + (name[^1] * 7) + (isMeasurement ? 1 : 0)) & (Slots - 1);
        for (var way = 0; way < Ways; way++)
        {
            var probe = (home + way) & (Slots - 1);
            if (ReferenceEquals(_names[probe], name) && _isMeasurement[probe] == isMeasurement)
            {
                var cached = _encoded[probe];
                cached.CopyTo(destination);
                return cached.Length;
            }
        }
        var slot = (home + (_nextWay++ & (Ways - 1))) & (Slots - 1);
        var written = isMeasurement
            ? LineProtocolEscaper.WriteMeasurement(name, destination)
            : LineProtocolEscaper.WriteName(name, destination);
        _encoded[slot] = destination[..written].ToArray();
        _isMeasurement[slot] = isMeasurement;
        _names[slot] = name;
        return written;
    }
}
