namespace Monitoring.Lib.Influx;

/// <summary>Series (measurement), tag and field names of the request monitoring design.</summary>
internal static class InfluxNames
{
    /// <summary>Measurement names.</summary>
    public static class Series
    {
        /// <summary><c>requests</c>: one point per HTTP request.</summary>
        public const string Requests = "requests";

        /// <summary><c>errors</c>: one point per failed HTTP request.</summary>
        public const string Errors = "errors";

        /// <summary><c>ws_requests</c>: one point per message relayed to a WebSocket client.</summary>
        public const string WsRequests = "ws_requests";

        /// <summary><c>subscription_error</c>: one point per failed Redis subscription.</summary>
        public const string SubscriptionError = "subscription_error";

        /// <summary><c>redis_message</c>: one point per message received from Redis pub/sub.</summary>
        public const string RedisMessage = "redis_message";
    }

    /// <summary>Tag keys.</summary>
    public static class Tags
    {
        /// <summary><c>service</c>: the name of the service that recorded the point.</summary>
        public const string Service = "service";

        /// <summary><c>route</c>: <c>METHOD:/resource</c>, for example <c>POST:/forms</c>.</summary>
        public const string Route = "route";

        /// <summary><c>status_code</c>: the HTTP status code, as digits.</summary>
        public const string StatusCode = "status_code";

        /// <summary><c>error_code</c>: an application error code.</summary>
        public const string ErrorCode = "error_code";

        /// <summary><c>account_id</c>: the account a WebSocket client belongs to.</summary>
        public const string AccountId = "account_id";

        /// <summary><c>channel</c>: the Redis pub/sub channel.</summary>
        public const string Channel = "channel";
    }

    /// <summary>Field keys.</summary>
    public static class Fields
    {
        /// <summary><c>request_id</c>: string field identifying the request or message.</summary>
        public const string RequestId = "request_id";

        /// <summary><c>execution_time</c>: float field, milliseconds spent handling a request.</summary>
        public const string ExecutionTime = "execution_time";

        /// <summary>
        /// <c>transport_time</c>: float field, seconds from receiving a message from Redis to finishing its WebSocket
        /// send (the seed design's meaning).
        /// </summary>
        public const string TransportTime = "transport_time";

        /// <summary><c>end_to_end_latency_ms</c>: float field, milliseconds from producing the form to finishing its WebSocket send.</summary>
        public const string EndToEndLatencyMs = "end_to_end_latency_ms";

        /// <summary>
        /// <c>count</c>: integer field, always <c>1i</c>, carried by <c>subscription_error</c> points because line
        /// protocol requires at least one field and that series has no natural one.
        /// </summary>
        public const string Count = "count";
    }
}
