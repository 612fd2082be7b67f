using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DevKafka;

/// <summary>
/// Reads a topic the way a <c>read_committed</c> consumer of a real broker would see it: records of committed
/// transactions and those written outside transactions, never an aborted transaction's, nothing past an open one.
/// </summary>
/// <remarks>
/// librdkafka's mock cluster writes the transaction markers but applies read_committed only to share-group fetches
/// (KIP-932); a plain consumer with <c>isolation.level=read_committed</c> gets aborted records too. So the reader is a
/// share consumer of a group of its own, whose share groups the cluster starts at the earliest offset with
/// read_committed (<see cref="MockCluster.Start"/>).
/// </remarks>
internal static class CommittedReader
{
    private const int ErrorTextSize = 512;
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Reads every record of <paramref name="topic"/> there is: until <paramref name="quiet"/> passes without a record
    /// (after the first one, or after 5 s if none comes), or <paramref name="limit"/> passes.
    /// </summary>
    /// <exception cref="InvalidOperationException">librdkafka refused the reader or a fetch failed.</exception>
    public static List<CommittedRecord> Read(string bootstrap, string topic, TimeSpan quiet, TimeSpan limit)
    {
        var share = Create(bootstrap, $"devkafka-committed-{Guid.NewGuid():N}");
        try
        {
            Subscribe(share, topic);
            var records = new List<CommittedRecord>();
            var seen = new HashSet<(int, long)>();
            var started = Stopwatch.GetTimestamp();
            var lastRecord = started;
            while (Stopwatch.GetElapsedTime(started) < limit)
            {
                var read = Poll(share, records, seen);
                if (read > 0)
                {
                    lastRecord = Stopwatch.GetTimestamp();
                }
                else if (Stopwatch.GetElapsedTime(lastRecord) >= (records.Count > 0 ? quiet : quiet + TimeSpan.FromSeconds(5)))
                {
                    break;
                }
            }
            return records;
        }
        finally
        {
            RdKafkaNative.TakeErrorText(RdKafkaNative.ShareConsumerClose(share));
            RdKafkaNative.TakeErrorText(RdKafkaNative.ShareDestroy(share));
        }
    }

    private static int Poll(IntPtr share, List<CommittedRecord> records, HashSet<(int, long)> seen)
    {
        var error = RdKafkaNative.SharePoll(share, (int)PollTimeout.TotalMilliseconds, out var batch);
        if (error != IntPtr.Zero)
        {
            throw new InvalidOperationException($"The committed-records reader could not fetch: {RdKafkaNative.TakeErrorText(error)}");
        }
        if (batch == IntPtr.Zero)
        {
            return 0;
        }
        try
        {
            var count = (int)RdKafkaNative.MessagesCount(batch);
            for (var i = 0; i < count; i++)
            {
                var pointer = RdKafkaNative.MessagesGet(batch, (nuint)i);
                var message = Marshal.PtrToStructure<RdKafkaNative.Message>(pointer);
                if (message.Error != 0)
                {
                    throw new InvalidOperationException($"The committed-records reader got an error record: {RdKafkaNative.ErrorText(message.Error)}");
                }
                // A share group hands a record out again when its acquisition lapses (its acknowledgement was late or
                // lost); a reader from the start reads each offset once.
                if (!seen.Add((message.Partition, message.Offset)))
                {
                    continue;
                }
                records.Add(new CommittedRecord(message.Partition, message.Offset,
                    Decode(message.Key, message.KeyLength), Decode(message.Payload, message.Length), Headers(pointer)));
            }
            return count;
        }
        finally
        {
            RdKafkaNative.MessagesDestroy(batch);
        }
    }

    private static Dictionary<string, string?> Headers(IntPtr message)
    {
        var headers = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (RdKafkaNative.MessageHeaders(message, out var list) != RdKafkaNative.NoError)
        {
            return headers;
        }
        for (nuint index = 0; RdKafkaNative.HeaderGetAll(list, index, out var name, out var value, out var size) == RdKafkaNative.NoError; index++)
        {
            headers[RdKafkaNative.Text(name)] = Decode(value, size);
        }
        return headers;
    }

    private static string? Decode(IntPtr bytes, nuint length) =>
        bytes == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(bytes, (int)length);

    private static IntPtr Create(string bootstrap, string group)
    {
        var conf = RdKafkaNative.ConfNew();
        var errorText = new byte[ErrorTextSize];
        foreach (var (name, value) in new[] { ("bootstrap.servers", bootstrap), ("group.id", group), ("log_level", "3") })
        {
            if (RdKafkaNative.ConfSet(conf, name, value, errorText, ErrorTextSize) != RdKafkaNative.ConfOk)
            {
                RdKafkaNative.ConfDestroy(conf);
                throw new InvalidOperationException($"librdkafka refused {name}={value}: {RdKafkaNative.Text(errorText)}");
            }
        }
        var share = RdKafkaNative.ShareConsumerNew(conf, errorText, ErrorTextSize);
        if (share == IntPtr.Zero)
        {
            RdKafkaNative.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka could not create the committed-records reader: {RdKafkaNative.Text(errorText)}");
        }
        return share;
    }

    private static void Subscribe(IntPtr share, string topic)
    {
        var topics = RdKafkaNative.PartitionListNew(1);
        try
        {
            RdKafkaNative.PartitionListAdd(topics, topic, RdKafkaNative.UnassignedPartition);
            var error = RdKafkaNative.ShareSubscribe(share, topics);
            if (error != 0)
            {
                throw new InvalidOperationException($"The committed-records reader could not subscribe to '{topic}': {RdKafkaNative.ErrorText(error)}");
            }
        }
        finally
        {
            RdKafkaNative.PartitionListDestroy(topics);
        }
    }
}
