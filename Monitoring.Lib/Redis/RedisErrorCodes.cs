namespace Monitoring.Lib.Redis;

/// <summary>The <c>error_code</c> tag values of <c>subscription_error</c> points, also carried by <see cref="RedisConnectionException"/>.</summary>
public static class RedisErrorCodes
{
    /// <summary><c>connection_refused</c>: nothing accepted the TCP connection (server down, wrong port).</summary>
    public const string ConnectionRefused = "connection_refused";

    /// <summary><c>connection_lost</c>: an open connection broke (server stopped or restarted, network cut).</summary>
    public const string ConnectionLost = "connection_lost";

    /// <summary><c>auth_failed</c>: the server rejected AUTH, or needs a password the connection string lacks.</summary>
    public const string AuthFailed = "auth_failed";

    /// <summary><c>timeout</c>: connecting or a reply took longer than the configured timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary><c>protocol_error</c>: the server sent bytes that are not valid RESP2.</summary>
    public const string ProtocolError = "protocol_error";

    /// <summary><c>tls_failed</c>: the TLS handshake failed (the server does not speak TLS, or its certificate is not trusted or not for this name).</summary>
    public const string TlsFailed = "tls_failed";

    /// <summary><c>subscribe_failed</c>: the server answered SUBSCRIBE or PSUBSCRIBE with an error.</summary>
    public const string SubscribeFailed = "subscribe_failed";
}
