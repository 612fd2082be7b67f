namespace Monitoring.Lib.Influx.Internal;

/// <summary>
/// A block of encoded lines plus where each ends, so single points can be dropped from the front (oldest first)
/// without scanning text: a string field may legally contain a raw line feed.
/// </summary>
internal sealed class PointChunk
{
    public const int ByteCapacity = 64 * 1024;
    public const int PointCapacity = 512;

    public byte[] Data { get; } = new byte[ByteCapacity];

    public int[] Ends { get; } = new int[PointCapacity];

    public int Length { get; private set; }

    /// <summary>Points appended.</summary>
    public int Count { get; private set; }

    /// <summary>Points removed from the front (dropped as oldest).</summary>
    public int Head { get; private set; }

    public int Live => Count - Head;

    public int Start => Head == 0 ? 0 : Ends[Head - 1];

    public ReadOnlyMemory<byte> LiveBytes => Data.AsMemory(Start, Length - Start);

    public bool Fits(int lineLength, int maxPoints) => Count < Math.Min(PointCapacity, maxPoints) && Length + lineLength <= ByteCapacity;

    public void Append(ReadOnlySpan<byte> line)
    {
        line.CopyTo(Data.AsSpan(Length));
        Length += line.Length;
        Ends[Count++] = Length;
    }

    public void DropOldest()
    {
        Head++;
        if (Head == Count)
        {
            Reset();
        }
    }

    public void Reset()
    {
        Length = 0;
        Count = 0;
        Head = 0;
    }
}
