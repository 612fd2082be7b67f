using System.Reflection;
using System.Runtime.InteropServices;

namespace DevKafka;

/// <summary>
/// Loads librdkafka.redist's librdkafka for <see cref="RdKafkaNative"/>, as Confluent.Kafka does for its clients: the
/// default build (<c>runtimes/linux-x64/native/librdkafka.so</c>) needs libsasl2.so.3, which Debian 12 lacks, so the
/// self-contained <c>centos8-librdkafka.so</c> beside it is the fallback.
/// </summary>
internal static class RdKafkaLibrary
{
    private static readonly string[] Candidates = ["librdkafka.so", "centos8-librdkafka.so"];

    /// <summary>Registers the resolver for this assembly's imports of <see cref="RdKafkaNative.Library"/>; call once at start.</summary>
    public static void Register() => NativeLibrary.SetDllImportResolver(typeof(RdKafkaLibrary).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != RdKafkaNative.Library)
        {
            return IntPtr.Zero;
        }
        var failures = new List<string>();
        foreach (var file in Candidates)
        {
            var path = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64", "native", file);
            if (NativeLibrary.TryLoad(path, out var handle))
            {
                return handle;
            }
            failures.Add(path);
        }
        throw new DllNotFoundException($"librdkafka could not be loaded from librdkafka.redist ({string.Join(", ", failures)}); rebuild DevKafka.");
    }
}
