using Microsoft.Extensions.Primitives;

namespace Monitoring.Lib.AspNetCore.Internal;

/// <summary>Takes a client's request id when it is safe to echo and store, otherwise makes one.</summary>
internal static class RequestIds
{
    public static string FromHeaderOrNew(StringValues header, int maxLength)
    {
        if (header.Count == 1 && header[0] is { Length: > 0 } id && id.Length <= maxLength && IsVisibleAscii(id))
        {
            return id;
        }
        return Guid.NewGuid().ToString("N");
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
