using System.Buffers;
using System.Globalization;

namespace Monitoring.Lib.Redis.Internal;

/// <summary>
/// Multiplexes commands of many callers over one connection: each command's reply slot is queued in the same order
/// the command is written, and one read loop completes the slots in order (RESP answers in request order). The first
/// failure faults the pipeline: every waiting command fails, and the client opens a new one on next use.
/// </summary>
internal sealed class CommandPipeline : IAsyncDisposable
{
    private readonly RespConnection _connection;
    private readonly Queue<TaskCompletionSource<RedisReply>> _pending = new();
    private readonly Lock _pendingLock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _readLoop;
    private Exception? _fault;

    public CommandPipeline(RespConnection connection)
    {
        _connection = connection;
        _readLoop = Task.Run(ReadLoopAsync);
    }

    public bool IsFaulted => Volatile.Read(ref _fault) is not null;

    /// <summary>The <c>host:port</c> of the server this pipeline talks to.</summary>
    public string EndPoint => _connection.EndPoint;

    public async Task<RedisReply> ExecuteAsync<TState>(
        string command, Action<IBufferWriter<byte>, TState> write, TState state, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<RedisReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _connection.SendAsync(static (writer, s) =>
            {
                // Queued under the connection's write lock, so the queue order is exactly the order on the wire.
                s.Pipeline.Enqueue(s.Reply);
                s.Write(writer, s.State);
            }, (Pipeline: this, Reply: reply, Write: write, State: state), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisConnectionException or OperationCanceledException && reply.Task.IsCompleted is false)
        {
            // A send that broke or was cancelled half way may have left part of a command on the wire.
            if (ex is RedisConnectionException || IsQueued(reply))
            {
                Fault(ex);
            }
            throw;
        }
        try
        {
            return await reply.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            // A server that does not answer in time may never answer: drop the connection rather than leave every
            // later command queued behind this one.
            var error = new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"Redis at {_connection.EndPoint} did not answer {command} within syncTimeout ({timeout.TotalMilliseconds} ms); the connection is closed and reopened by the next command."), ex);
            Fault(error);
            throw error;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Fault(new ObjectDisposedException(nameof(RedisClient)));
        await _readLoop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private bool IsQueued(TaskCompletionSource<RedisReply> reply)
    {
        lock (_pendingLock)
        {
            return _pending.Contains(reply);
        }
    }

    private void Enqueue(TaskCompletionSource<RedisReply> reply)
    {
        lock (_pendingLock)
        {
            if (_fault is not null)
            {
                throw new RedisConnectionException(RedisErrorCodes.ConnectionLost,
                    $"The connection to Redis at {_connection.EndPoint} failed: {_fault.Message}", _fault);
            }
            _pending.Enqueue(reply);
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var reply = await _connection.ReadAsync(_stop.Token).ConfigureAwait(false);
                TaskCompletionSource<RedisReply>? waiting;
                lock (_pendingLock)
                {
                    _pending.TryDequeue(out waiting);
                }
                if (waiting is null)
                {
                    throw new RedisConnectionException(RedisErrorCodes.ProtocolError,
                        $"Redis at {_connection.EndPoint} sent a reply nobody asked for: {reply}");
                }
                waiting.TrySetResult(reply);
            }
        }
        catch (Exception ex)
        {
            Fault(ex);
        }
        finally
        {
            _connection.ReleaseBuffers();
        }
    }

    private void Fault(Exception error)
    {
        TaskCompletionSource<RedisReply>[] waiting;
        lock (_pendingLock)
        {
            if (_fault is not null)
            {
                return;
            }
            _fault = error;
            waiting = [.. _pending];
            _pending.Clear();
        }
        _stop.Cancel();
        _connection.Close();
        var failure = error as RedisConnectionException ?? new RedisConnectionException(
            error is TimeoutException ? RedisErrorCodes.Timeout : RedisErrorCodes.ConnectionLost,
            $"The connection to Redis at {_connection.EndPoint} failed: {error.Message}", error);
        foreach (var reply in waiting)
        {
            reply.TrySetException(failure);
        }
    }
}
