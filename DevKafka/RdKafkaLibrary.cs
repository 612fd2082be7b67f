namespace DevKafka;

/// <summary>
/// Has Confluent.Kafka load librdkafka.redist's librdkafka, so that the mock cluster runs in the very library its clients
/// use. Confluent.Kafka picks the build: the default one needs libsasl2.so.3, which Debian 12 lacks, so it falls back to
/// the self-contained <c>centos8-librdkafka.so</c> beside it.
/// </summary>
internal static class RdKafkaLibrary
{
    /// <summary>
    /// Loads the library once, before the first call into <see cref="RdKafkaNative"/>, whose imports then resolve to it by
    /// soname (<c>librdkafka.so.1</c>).
    /// </summary>
    /// <exception cref="DllNotFoundException">Confluent.Kafka could not load any librdkafka build.</exception>
    public static void Load()
    {
        try
        {
            Confluent.Kafka.Library.Load();
        }
        catch (Exception ex) when (ex is DllNotFoundException or InvalidOperationException or BadImageFormatException)
        {
            throw new DllNotFoundException($"librdkafka could not be loaded through Confluent.Kafka ({ex.Message}); rebuild DevKafka.", ex);
        }
    }
}
