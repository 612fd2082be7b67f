using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// Background load at a fixed rate (forms per second, in 10 ms steps) through the producers' front address, to accounts
/// other than the probe's. Every form must be answered 202; a rate the machine cannot keep is an error, not a slower run.
/// </summary>
internal sealed class PacedLoad : IAsyncDisposable
{
    private const int MaxInFlight = 256;
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _inFlight = new(MaxInFlight);
    private readonly Task _running;
    private readonly string _tag;
    private Exception? _failure;
    private long _posted;

    public PacedLoad(Uri front, int formsPerSecond, string tag)
    {
        _tag = tag;
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = MaxInFlight }) { BaseAddress = front, Timeout = TimeSpan.FromSeconds(30) };
        _running = formsPerSecond > 0 ? Task.Run(() => RunAsync(formsPerSecond)) : Task.CompletedTask;
    }

    public long Posted => Interlocked.Read(ref _posted);

    private async Task RunAsync(int formsPerSecond)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var started = Stopwatch.GetTimestamp();
        long due = 0;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            // Catches up after a late tick: the rate holds over the run, not per tick.
            var target = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * formsPerSecond);
            for (; due < target; due++)
            {
                if (!_inFlight.Wait(0))
                {
                    _failure ??= new InvalidOperationException($"{MaxInFlight} forms were in flight: the pipeline does not keep up with {formsPerSecond} forms/s.");
                    return;
                }
                _ = PostAsync(due);
            }
        }
    }

    private async Task PostAsync(long number)
    {
        try
        {
            var body = string.Create(CultureInfo.InvariantCulture,
                $$"""{"C_EmailAddress":"load{{_tag}}x{{number}}@example.com","account_id":"acct{{number % 16}}","source":"bench"}""");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/forms") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Api-Key", PipelineUnderTest.ApiKey);
            using var response = await _client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"POST /forms answered {(int)response.StatusCode} under load.");
            }
            Interlocked.Increment(ref _posted);
        }
        catch (Exception ex)
        {
            _failure ??= ex;
        }
        finally
        {
            _inFlight.Release();
        }
    }

    /// <summary>Stops the load, waits for the forms in flight and throws the first failure, if any.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        for (var i = 0; i < MaxInFlight; i++)
        {
            await _inFlight.WaitAsync();
        }
        _client.Dispose();
        _stop.Dispose();
        _inFlight.Dispose();
        if (_failure is not null)
        {
            throw new InvalidOperationException("The background load failed.", _failure);
        }
    }
}
