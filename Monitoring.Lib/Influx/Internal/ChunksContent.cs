using System.Net;
using System.Net.Http.Headers;

namespace Monitoring.Lib.Influx.Internal;

/// <summary>A request body that streams the chunks' lines as they are, so a batch is never copied into one array.</summary>
internal sealed class ChunksContent : HttpContent
{
    private readonly List<PointChunk> _chunks;

    public ChunksContent(List<PointChunk> chunks)
    {
        _chunks = chunks;
        Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var chunk in _chunks)
        {
            await stream.WriteAsync(chunk.LiveBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        foreach (var chunk in _chunks)
        {
            length += chunk.LiveBytes.Length;
        }
        return true;
    }
}
