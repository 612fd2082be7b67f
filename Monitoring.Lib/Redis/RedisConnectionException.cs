namespace Monitoring.Lib.Redis;

/// <summary>A connection to Redis could not be opened, authenticated or kept; <see cref="ErrorCode"/> says which.</summary>
public sealed class RedisConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RedisConnectionException()
        : this(RedisErrorCodes.ConnectionLost, "The connection to Redis failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public RedisConnectionException(string message)
        : this(RedisErrorCodes.ConnectionLost, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RedisConnectionException(string message, Exception innerException)
        : this(RedisErrorCodes.ConnectionLost, message, innerException)
    {
    }

    /// <summary>Creates the exception with one of <see cref="RedisErrorCodes"/>.</summary>
    public RedisConnectionException(string errorCode, string message, Exception? innerException = null)
        : base(message, innerException) => ErrorCode = errorCode;

    /// <summary>One of <see cref="RedisErrorCodes"/>.</summary>
    public string ErrorCode { get; }
}
