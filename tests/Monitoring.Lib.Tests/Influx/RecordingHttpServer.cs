using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Monitoring.Lib.Tests.Influx;

/// <summary>
/// A loopback HTTP server standing in for an InfluxDB 2.x server (none runs here): it keeps every request exactly as
/// received and answers with queued responses, 204 when none is queued.
/// </summary>
internal sealed class RecordingHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter, string Body)> _responses = new();
    private readonly Task _loop;

    public RecordingHttpServer()
    {
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public void Respond(int status, string body = "", string? retryAfter = null) => _responses.Enqueue((status, retryAfter, body));

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            Requests.Enqueue(new RecordedRequest(
                context.Request.HttpMethod, context.Request.RawUrl ?? "", context.Request.Headers["Authorization"],
                context.Request.ContentType, body));
            var (status, retryAfter, responseBody) = _responses.TryDequeue(out var queued) ? queued : (204, null, "");
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers["Retry-After"] = retryAfter;
            }
            var bytes = Encoding.UTF8.GetBytes(responseBody);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone, not Stop then Close: on Linux the managed HttpListener's Close after Stop looks its endpoint up
        // again, binds the port anew to do so, and throws "Address already in use" when another test has the port by then.
        _listener.Close();
        await _loop;
    }
}

internal sealed record RecordedRequest(string Method, string PathAndQuery, string? Authorization, string? ContentType, string Body);
