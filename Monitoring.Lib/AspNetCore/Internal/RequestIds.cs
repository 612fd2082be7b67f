using Microsoft.Extensions.Primitives;

namespace Monitoring.Lib.AspNetCore.Internal;

/// <summary>Takes a client's request id when it is safe to echo and store, otherwise makes one.</summary>
internal static class RequestIds
{
    private const int RandomBytes = 16;

    public static string FromHeaderOrNew(StringValues header, int maxLength)
    {
        if (header.Count == 1 && header[0] is { Length: > 0 } id && id.Length <= maxLength && IsVisibleAscii(id))
        {
            return id;
        }
        return New();
    }

    /// <summary>32 lower-case hex digits: 128 random bits, unique across replicas and restarts.</summary>
    /// <remarks>
    /// From <see cref="Random.Shared"/> (per-thread generator seeded by the OS), not <see cref="Guid.NewGuid"/>: on Linux
    /// every Guid is a getrandom system call, seen in a loaded producer's profile. A request id has to be unique, not secret.
    /// </remarks>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[RandomBytes];
        Random.Shared.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private static bool IsVisibleAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }
        return true;
    }
}
