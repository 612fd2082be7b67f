using Monitoring.Tests.Processes;

namespace Monitoring.Lib.Tests.Fixtures;

/// <summary>
/// Loopback ports that are free right now, so fixtures never depend on fixed ports. The engine's allocator (linked
/// source) draws them from below the kernel's ephemeral range, where no outgoing connection can take them first.
/// </summary>
internal static class FreePort
{
    public static int Next() => PortAllocator.Next();
}
