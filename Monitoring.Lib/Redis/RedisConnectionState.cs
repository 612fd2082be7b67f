namespace Monitoring.Lib.Redis;

/// <summary>What a <see cref="RedisSubscriber"/>'s connection is doing.</summary>
public enum RedisConnectionState
{
    /// <summary>Nothing subscribed yet: no connection opened.</summary>
    Idle,

    /// <summary>Opening the first connection.</summary>
    Connecting,

    /// <summary>Connected; every channel and pattern has been (re-)subscribed.</summary>
    Connected,

    /// <summary>The connection failed; waiting out the backoff or opening a new one.</summary>
    Reconnecting,

    /// <summary>Disposed: no more connections.</summary>
    Stopped,
}
