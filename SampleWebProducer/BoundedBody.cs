namespace MonitoringStack.SampleWebProducer;

/// <summary>Reads a request body of at most a given size, without buffering more than that.</summary>
internal static class BoundedBody
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/> (declared or actual).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
