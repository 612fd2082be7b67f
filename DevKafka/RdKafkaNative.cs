using System.Runtime.InteropServices;

namespace DevKafka;

/// <summary>
/// The part of librdkafka's C API (rdkafka.h, rdkafka_mock.h of librdkafka 2.16) that hosting a mock cluster needs.
/// </summary>
/// <remarks>
/// The library is the one Confluent.Kafka loaded (<see cref="RdKafkaLibrary"/>): imported by its soname, which the
/// dynamic loader matches against the libraries already in the process. The mock API is marked experimental upstream;
/// these signatures are the ones 2.16 exports.
/// </remarks>
internal static partial class RdKafkaNative
{
    public const string Library = "librdkafka.so.1";

    /// <summary><c>RD_KAFKA_PRODUCER</c>: the handle only hosts the cluster, it never produces.</summary>
    public const int ProducerType = 0;

    /// <summary><c>RD_KAFKA_CONF_OK</c>.</summary>
    public const int ConfOk = 0;

    [LibraryImport(Library, EntryPoint = "rd_kafka_version_str")]
    public static partial IntPtr VersionString();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    public static partial IntPtr ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_destroy")]
    public static partial void ConfDestroy(IntPtr conf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfSet(IntPtr conf, string name, string value, byte[] errorText, nuint errorTextSize);

    /// <summary>Takes ownership of <paramref name="conf"/> on success only.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    public static partial IntPtr New(int type, IntPtr conf, byte[] errorText, nuint errorTextSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    public static partial void Destroy(IntPtr handle);

    [LibraryImport(Library, EntryPoint = "rd_kafka_err2str")]
    public static partial IntPtr ErrorToString(int error);

    /// <summary>Brokers get ids 1..<paramref name="brokerCount"/> and listen on 127.0.0.1, each on its own ephemeral port.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_new")]
    public static partial IntPtr MockClusterNew(IntPtr handle, int brokerCount);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    public static partial void MockClusterDestroy(IntPtr cluster);

    /// <summary>The comma-separated listener list; the string belongs to the cluster.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    public static partial IntPtr MockClusterBootstraps(IntPtr cluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MockTopicCreate(IntPtr cluster, string topic, int partitionCount, int replicationFactor);

    /// <summary>Names the broker the cluster reports as controller: without one, admin calls such as DescribeCluster fail.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_set_controller_id")]
    public static partial int MockSetControllerId(IntPtr cluster, int brokerId);

    /// <summary>Makes a broker the partition's leader; clients learn it from their next metadata request.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_partition_set_leader", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MockPartitionSetLeader(IntPtr cluster, string topic, int partition, int brokerId);

    /// <summary>
    /// Makes a broker the coordinator of a group (<paramref name="keyType"/> <c>group</c>) or transactional id
    /// (<c>transaction</c>) instead of the one the key's hash picks; clients learn it from their next FindCoordinator.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_coordinator_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MockCoordinatorSet(IntPtr cluster, string keyType, string key, int brokerId);

    /// <summary>Disconnects the broker and refuses new connections; partition leadership does not move.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_down")]
    public static partial int MockBrokerSetDown(IntPtr cluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_up")]
    public static partial int MockBrokerSetUp(IntPtr cluster, int brokerId);

    public static string Text(IntPtr utf8) => Marshal.PtrToStringUTF8(utf8) ?? "";

    public static string ErrorText(int error) => $"{Text(ErrorToString(error))} (librdkafka error {error})";

    public static string Text(byte[] buffer)
    {
        var end = Array.IndexOf(buffer, (byte)0);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}
