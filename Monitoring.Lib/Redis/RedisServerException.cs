namespace Monitoring.Lib.Redis;

/// <summary>Redis answered a command with an error reply (<c>-ERR …</c>, <c>-NOAUTH …</c>, <c>-WRONGTYPE …</c>).</summary>
public sealed class RedisServerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RedisServerException()
        : this("Redis answered with an error.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public RedisServerException(string message)
        : base(message) => ServerMessage = message;

    /// <summary>Creates the exception.</summary>
    public RedisServerException(string message, Exception innerException)
        : base(message, innerException) => ServerMessage = message;

    /// <summary>Creates the exception for <paramref name="serverMessage"/> answered to <paramref name="command"/>.</summary>
    public RedisServerException(string command, string serverMessage, string endPoint)
        : base($"Redis at {endPoint} answered {command} with: {serverMessage}") => ServerMessage = serverMessage;

    /// <summary>The error text exactly as the server sent it, for example <c>NOAUTH Authentication required.</c></summary>
    public string ServerMessage { get; }
}
