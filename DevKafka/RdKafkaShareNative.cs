using System.Runtime.InteropServices;

namespace DevKafka;

// The share consumer (KIP-932, a preview in librdkafka 2.15+) and the mock's share-group settings: the one fetch path of
// librdkafka's mock cluster that applies read_committed (it answers plain fetches up to the high watermark and lists no
// aborted transactions), which the committed-records endpoint relies on.
internal static partial class RdKafkaNative
{
    /// <summary><c>RD_KAFKA_PARTITION_UA</c>: a subscription names topics, not partitions.</summary>
    public const int UnassignedPartition = -1;

    /// <summary><c>rd_kafka_message_t</c> as rdkafka.h lays it out.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public readonly struct Message
    {
        public readonly int Error;
        public readonly IntPtr Topic;
        public readonly int Partition;
        public readonly IntPtr Payload;
        public readonly nuint Length;
        public readonly IntPtr Key;
        public readonly nuint KeyLength;
        public readonly long Offset;
        public readonly IntPtr Private;
    }

    /// <summary>Takes ownership of <paramref name="conf"/> on success only.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_share_consumer_new")]
    public static partial IntPtr ShareConsumerNew(IntPtr conf, byte[] errorText, nuint errorTextSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_share_subscribe")]
    public static partial int ShareSubscribe(IntPtr share, IntPtr topics);

    /// <summary>Returns an error handle (free it with <see cref="ErrorDestroy"/>) or zero; <paramref name="messages"/> is zero on a timeout.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_share_poll")]
    public static partial IntPtr SharePoll(IntPtr share, int timeoutMs, out IntPtr messages);

    [LibraryImport(Library, EntryPoint = "rd_kafka_share_consumer_close")]
    public static partial IntPtr ShareConsumerClose(IntPtr share);

    [LibraryImport(Library, EntryPoint = "rd_kafka_share_destroy")]
    public static partial IntPtr ShareDestroy(IntPtr share);

    [LibraryImport(Library, EntryPoint = "rd_kafka_messages_count")]
    public static partial nuint MessagesCount(IntPtr messages);

    [LibraryImport(Library, EntryPoint = "rd_kafka_messages_get")]
    public static partial IntPtr MessagesGet(IntPtr messages, nuint index);

    [LibraryImport(Library, EntryPoint = "rd_kafka_messages_destroy")]
    public static partial void MessagesDestroy(IntPtr messages);

    [LibraryImport(Library, EntryPoint = "rd_kafka_error_string")]
    public static partial IntPtr ErrorString(IntPtr error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_error_destroy")]
    public static partial void ErrorDestroy(IntPtr error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_new")]
    public static partial IntPtr PartitionListNew(int size);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_add", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr PartitionListAdd(IntPtr list, string topic, int partition);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_destroy")]
    public static partial void PartitionListDestroy(IntPtr list);

    /// <summary><c>RD_KAFKA_RESP_ERR_NO_ERROR</c>: anything else from the header calls means no (more) headers.</summary>
    public const int NoError = 0;

    [LibraryImport(Library, EntryPoint = "rd_kafka_message_headers")]
    public static partial int MessageHeaders(IntPtr message, out IntPtr headers);

    /// <summary>The header at <paramref name="index"/>; the name and value belong to the message.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_header_get_all")]
    public static partial int HeaderGetAll(IntPtr headers, nuint index, out IntPtr name, out IntPtr value, out nuint size);

    /// <summary>0 = read_uncommitted (the mock's default), 1 = read_committed: up to the last stable offset, aborted transactions left out.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_sharegroup_set_isolation_level")]
    public static partial void MockShareGroupSetIsolationLevel(IntPtr cluster, int level);

    /// <summary>0 = latest (the mock's default), 1 = earliest.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_sharegroup_set_auto_offset_reset")]
    public static partial void MockShareGroupSetAutoOffsetReset(IntPtr cluster, int reset);

    /// <summary>The error's text, and the error handle freed; empty for zero.</summary>
    public static string TakeErrorText(IntPtr error)
    {
        if (error == IntPtr.Zero)
        {
            return "";
        }
        var text = Text(ErrorString(error));
        ErrorDestroy(error);
        return text;
    }
}
