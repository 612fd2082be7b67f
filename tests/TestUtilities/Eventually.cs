namespace Monitoring.TestUtilities;

/// <summary>
/// The one way tests wait: bounded polling for a condition that becomes true asynchronously (a server starting, a
/// scrape arriving), failing with what was awaited, the last value and the last error when it does not.
/// </summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(
        Func<Task<T>> probe, Func<T, bool> accept, TimeSpan timeout, string what, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        var pause = interval ?? TimeSpan.FromMilliseconds(100);
        Exception? lastError = null;
        T? lastValue = default;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                lastValue = await probe();
                if (accept(lastValue))
                {
                    return lastValue;
                }
                lastError = null;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or InvalidOperationException)
            {
                lastError = ex;
            }
            await Task.Delay(pause);
        }
        throw new TimeoutException(
            $"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}; last value: {lastValue?.ToString() ?? "none"}; last error: {lastError?.Message ?? "none"}");
    }

    public static Task TrueAsync(Func<Task<bool>> probe, TimeSpan timeout, string what, TimeSpan? interval = null) =>
        ReturnsAsync(probe, ok => ok, timeout, what, interval);

    public static Task TrueAsync(Func<bool> probe, TimeSpan timeout, string what, TimeSpan? interval = null) =>
        ReturnsAsync(() => Task.FromResult(probe()), ok => ok, timeout, what, interval);
}
