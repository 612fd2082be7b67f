using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Monitoring.AppHost.Tests;

/// <summary>Maps Confluent.Kafka's "librdkafka" to Debian's librdkafka.so.1 (librdkafka.redist does not restore here).</summary>
internal static class KafkaNative
{
    [ModuleInitializer]
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name.Contains("librdkafka", StringComparison.Ordinal) ? NativeLibrary.Load("librdkafka.so.1") : IntPtr.Zero;
}
