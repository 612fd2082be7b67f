using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// A client as a browser page is one: a socket token from <c>POST /ws/tokens</c>, a WebSocket on its account, then forms
/// posted one at a time, each timed on this client's clock from just before its <c>POST /forms</c> to the moment its
/// event (matched by <c>request_id</c>) arrived on the socket.
/// </summary>
internal sealed class SocketProbe : IAsyncDisposable
{
    public const string AccountId = "latency-probe";
    private readonly HttpClient _http;
    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<string, long> _arrivals = new(StringComparer.Ordinal);
    private readonly Task _receiving;
    private int _sent;

    private SocketProbe(HttpClient http, ClientWebSocket socket)
    {
        _http = http;
        _socket = socket;
        _receiving = Task.Run(ReceiveAsync);
    }

    public static async Task<SocketProbe> OpenAsync(Uri front)
    {
        var http = new HttpClient { BaseAddress = front, Timeout = TimeSpan.FromSeconds(30) };
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, $"/ws/tokens?account_id={AccountId}");
        tokenRequest.Headers.Add("X-Api-Key", PipelineUnderTest.ApiKey);
        using var tokenResponse = await http.SendAsync(tokenRequest);
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(front) { Scheme = front.Scheme == "https" ? "wss" : "ws", Path = "/ws", Query = $"account_id={AccountId}&access_token={Uri.EscapeDataString(token!)}" }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);
        return new SocketProbe(http, socket);
    }

    /// <summary>Posts one form and returns the milliseconds until its event arrived on the socket (at most 10 s).</summary>
    public async Task<double> MeasureOneAsync()
    {
        var body = string.Create(CultureInfo.InvariantCulture,
            $$"""{"C_EmailAddress":"probe{{Interlocked.Increment(ref _sent)}}@example.com","account_id":"{{AccountId}}","source":"latency"}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/forms") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", PipelineUnderTest.ApiKey);
        var start = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /forms answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        var requestId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("request_id").GetString()!;
        // The event may arrive before the 202 is read: the receive loop notes every arrival.
        var deadline = start + Stopwatch.Frequency * 10;
        long arrived;
        while (!_arrivals.TryRemove(requestId, out arrived))
        {
            if (Stopwatch.GetTimestamp() > deadline || _receiving.IsCompleted)
            {
                await _receiving;
                throw new TimeoutException($"The event of form {requestId} did not arrive on the socket within 10 s.");
            }
            await Task.Delay(1);
        }
        return Stopwatch.GetElapsedTime(start, arrived).TotalMilliseconds;
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        while (_socket.State == WebSocketState.Open)
        {
            var received = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(buffer.AsMemory(received), CancellationToken.None);
                received += result.Count;
            }
            while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
            var now = Stopwatch.GetTimestamp();
            using var json = JsonDocument.Parse(buffer.AsMemory(0, received));
            if (json.RootElement.TryGetProperty("request_id", out var id) && id.GetString() is { } requestId)
            {
                _arrivals[requestId] = now;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        _socket.Dispose();
        _http.Dispose();
    }
}
