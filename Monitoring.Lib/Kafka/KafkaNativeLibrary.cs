using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Monitoring.Lib.Kafka;

/// <summary>
/// Makes Confluent.Kafka find its native library, librdkafka: the one a librdkafka.redist package puts beside the
/// application when it has one, otherwise Debian's system library <see cref="SystemLibraryName"/> (package
/// <c>librdkafka1</c>, installed by <c>eng/install-prerequisites.sh</c>).
/// </summary>
/// <remarks>
/// Confluent.Kafka imports its functions from <c>librdkafka</c>. The runtime turns that name into
/// <c>librdkafka.so</c>, which on Debian only the -dev package provides, so without help every client fails with
/// "Failed to load the librdkafka native library". <c>Confluent.Kafka.Library.Load(path)</c> does not help here:
/// it opens <c>libdl.so</c>, a name glibc 2.36 no longer ships. This class registers a resolver on the
/// Confluent.Kafka assembly instead: the runtime's default resolution first (so a redist package still wins), then
/// the versioned system name. Debian 12's librdkafka (2.0.2) also lacks three leader-epoch functions that
/// Confluent.Kafka 2.x calls when it consumes; for such a library the resolver loads <see cref="CompatLibraryName"/>
/// (built from <c>Kafka/Native/rdkafka_compat.c</c> and copied beside the application), which provides them and
/// links to the system library for everything else. Call <see cref="EnsureLoaded"/> once before creating a producer, consumer or admin
/// client; later calls are cheap.
/// </remarks>
public static class KafkaNativeLibrary
{
    /// <summary>The file name of Debian's librdkafka, tried when the default resolution finds nothing: <c>librdkafka.so.1</c>.</summary>
    public const string SystemLibraryName = "librdkafka.so.1";

    /// <summary>
    /// The file, in the application's folder, that adds the leader-epoch functions to a librdkafka older than 2.1.0:
    /// <c>librdkafka-compat.so</c>.
    /// </summary>
    public const string CompatLibraryName = "librdkafka-compat.so";

    /// <summary>A function librdkafka gained in 2.1.0 and Confluent.Kafka 2.x calls for every consumed message.</summary>
    internal const string LeaderEpochFunction = "rd_kafka_message_leader_epoch";

    /// <summary>The library name Confluent.Kafka's native imports use.</summary>
    internal const string ImportName = "librdkafka";

    private static readonly Lock Gate = new();
    private static bool _resolverRegistered;
    private static bool _otherResolver;
    private static string? _compatMissing;

    /// <summary>
    /// Registers the resolver (once, whatever the number of calls or threads) and loads librdkafka now, so a missing
    /// library is reported at start rather than by the first producer or consumer.
    /// </summary>
    /// <returns>The version librdkafka reports, e.g. <c>2.0.2</c> for Debian 12's librdkafka1.</returns>
    /// <exception cref="DllNotFoundException">
    /// Neither the default resolution nor <see cref="SystemLibraryName"/> loads; the message names the Debian package
    /// and the script that installs it.
    /// </exception>
    public static string EnsureLoaded()
    {
        RegisterResolver();
        string version;
        try
        {
            version = Library.VersionString;
        }
        catch (DllNotFoundException ex)
        {
            throw NotFound(ex);
        }
        if (_compatMissing is not null)
        {
            throw new DllNotFoundException(
                $"librdkafka {version} lacks {LeaderEpochFunction} and the file that adds it, {_compatMissing}, could not be " +
                "loaded: producing works but consuming fails. Build Monitoring.Lib with gcc installed (eng/install-prerequisites.sh).");
        }
        return version;
    }

    /// <summary>The resolver as registered: <see cref="Resolve(string, Assembly, DllImportSearchPath?, string)"/> with the system name.</summary>
    internal static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        Resolve(libraryName, assembly, searchPath, SystemLibraryName);

    /// <summary>
    /// Loads <paramref name="libraryName"/> the runtime's default way and, for librdkafka only, falls back to
    /// <paramref name="systemName"/>. <see cref="IntPtr.Zero"/> lets the runtime go on and report the failure itself.
    /// </summary>
    internal static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath, string systemName)
    {
        if (libraryName != ImportName)
        {
            return IntPtr.Zero;
        }
        if (NativeLibrary.TryLoad(libraryName, assembly, searchPath, out var handle))
        {
            return handle;
        }
        if (!NativeLibrary.TryLoad(systemName, out handle))
        {
            return IntPtr.Zero;
        }
        if (NativeLibrary.TryGetExport(handle, LeaderEpochFunction, out _))
        {
            return handle;
        }
        // Symbol lookups through the compat library's handle also search the librdkafka it links to.
        var compat = Path.Combine(AppContext.BaseDirectory, CompatLibraryName);
        if (NativeLibrary.TryLoad(compat, out var compatHandle))
        {
            return compatHandle;
        }
        _compatMissing = compat;
        return handle;
    }

    internal static DllNotFoundException NotFound(Exception inner)
    {
        var other = _otherResolver
            ? " Another DllImportResolver was already registered on Confluent.Kafka, so this class's fallback is not in use."
            : "";
        return new DllNotFoundException(
            $"librdkafka, the native library of Confluent.Kafka, could not be loaded: neither the librdkafka.redist package " +
            $"nor the system library '{SystemLibraryName}' was found. On Debian or Ubuntu install the package 'librdkafka1' " +
            $"(eng/install-prerequisites.sh does it: apt-get install librdkafka1).{other} ({inner.Message})",
            inner);
    }

    private static void RegisterResolver()
    {
        lock (Gate)
        {
            if (_resolverRegistered || _otherResolver)
            {
                return;
            }
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, Resolve);
                _resolverRegistered = true;
            }
            catch (InvalidOperationException)
            {
                // The runtime allows one resolver per assembly: the application registered its own and owns the
                // loading. Remembered so that a failure to load says so instead of pointing at Debian packages only.
                _otherResolver = true;
            }
        }
    }
}
