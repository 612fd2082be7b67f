using StackExchange.Redis;

namespace Monitoring.Lib.Redis;

/// <summary>The <c>error_code</c> tag values of <c>subscription_error</c> points.</summary>
internal static class RedisErrorCodes
{
    /// <summary><c>connection_refused</c>: no connection could be made (server down, wrong port, name not resolved).</summary>
    public const string ConnectionRefused = "connection_refused";

    /// <summary><c>connection_lost</c>: an open connection broke (server stopped or restarted, network cut).</summary>
    public const string ConnectionLost = "connection_lost";

    /// <summary><c>auth_failed</c>: the server rejected AUTH, or needs a password the connection string lacks.</summary>
    public const string AuthFailed = "auth_failed";

    /// <summary><c>protocol_error</c>: the server's replies could not be read.</summary>
    public const string ProtocolError = "protocol_error";

    /// <summary><c>server_loading</c>: the server is up but still loading its data set.</summary>
    public const string ServerLoading = "server_loading";

    /// <summary><c>internal_error</c>: StackExchange.Redis reported a failure of its own.</summary>
    public const string InternalError = "internal_error";

    /// <summary><c>timeout</c>: Redis did not answer a subscribe within the connection's timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary><c>subscribe_failed</c>: Redis answered a subscribe with an error.</summary>
    public const string SubscribeFailed = "subscribe_failed";

    /// <summary><c>handler_failed</c>: a subscription's message handler threw; the subscription goes on.</summary>
    public const string HandlerFailed = "handler_failed";

    /// <summary>The code of an exception a StackExchange.Redis call threw.</summary>
    public static string FromException(Exception exception) => exception switch
    {
        RedisConnectionException connection => FromFailure(connection.FailureType),
        TimeoutException => Timeout,
        _ => SubscribeFailed,
    };

    /// <summary>The code of a StackExchange.Redis connection failure.</summary>
    public static string FromFailure(ConnectionFailureType failure) => failure switch
    {
        ConnectionFailureType.UnableToConnect or ConnectionFailureType.UnableToResolvePhysicalConnection => ConnectionRefused,
        ConnectionFailureType.AuthenticationFailure => AuthFailed,
        ConnectionFailureType.ProtocolFailure or ConnectionFailureType.ResponseIntegrityFailure => ProtocolError,
        ConnectionFailureType.Loading => ServerLoading,
        ConnectionFailureType.InternalFailure => InternalError,
        _ => ConnectionLost,
    };
}
