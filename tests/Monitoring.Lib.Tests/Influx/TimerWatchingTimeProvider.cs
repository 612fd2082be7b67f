using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Monitoring.Lib.Tests.Influx;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells the test each timer it creates (Task.Delay on it creates one), with
/// its due time, so a test can assert how long the code under test chose to wait and then advance exactly that far.
/// </summary>
internal sealed class TimerWatchingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _created.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer created, waiting at most 10 s for it to be created.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _created.Reader.ReadAsync(timeout.Token);
    }
}
