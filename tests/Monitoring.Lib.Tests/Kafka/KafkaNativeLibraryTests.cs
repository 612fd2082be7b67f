using System.Runtime.InteropServices;
using Confluent.Kafka;
using Monitoring.Lib.Kafka;

namespace Monitoring.Lib.Tests.Kafka;

public sealed class KafkaNativeLibraryTests
{
    private static readonly System.Reflection.Assembly Confluent = typeof(Library).Assembly;

    [Fact]
    public void EnsureLoaded_DebianLibrary_ConfluentReportsVersion202()
    {
        var version = KafkaNativeLibrary.EnsureLoaded();

        Assert.Equal("2.0.2", version);
        Assert.Equal("2.0.2", Library.VersionString);
        Assert.Equal(0x020002ff, Library.Version);
    }

    [Fact]
    public async Task EnsureLoaded_ManyThreadsAtOnce_AllGetTheSameVersion()
    {
        var versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(KafkaNativeLibrary.EnsureLoaded)));

        Assert.All(versions, v => Assert.Equal("2.0.2", v));
    }

    [Fact]
    public void Resolve_SystemLibraryWithoutLeaderEpoch_ReturnsCompatHandleThatExportsBoth()
    {
        var handle = KafkaNativeLibrary.Resolve(KafkaNativeLibrary.ImportName, Confluent, null);

        Assert.NotEqual(IntPtr.Zero, handle);
        // Debian's 2.0.2 lacks the function; the compat library adds it and passes every other lookup through.
        Assert.False(NativeLibrary.TryGetExport(NativeLibrary.Load(KafkaNativeLibrary.SystemLibraryName), KafkaNativeLibrary.LeaderEpochFunction, out _));
        Assert.True(NativeLibrary.TryGetExport(handle, KafkaNativeLibrary.LeaderEpochFunction, out _));
        Assert.True(NativeLibrary.TryGetExport(handle, "rd_kafka_version_str", out _));
    }

    [Fact]
    public void Resolve_NeitherDefaultNorSystemNameLoads_ReturnsZero()
    {
        var handle = KafkaNativeLibrary.Resolve(KafkaNativeLibrary.ImportName, Confluent, null, "librdkafka-absent.so.99");

        Assert.Equal(IntPtr.Zero, handle);
    }

    [Fact]
    public void Resolve_OtherLibraryName_LeavesItToTheRuntime()
    {
        Assert.Equal(IntPtr.Zero, KafkaNativeLibrary.Resolve("libssl", Confluent, null));
    }

    [Fact]
    public void NotFound_AnyCause_NamesDebianPackageAndScript()
    {
        var error = KafkaNativeLibrary.NotFound(new DllNotFoundException("dlopen failed"));

        Assert.Contains("'librdkafka1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("eng/install-prerequisites.sh", error.Message, StringComparison.Ordinal);
        Assert.Contains("'librdkafka.so.1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("dlopen failed", error.Message, StringComparison.Ordinal);
    }
}
