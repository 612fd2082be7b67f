namespace DevKafka;

/// <summary>A mock broker as <c>GET /brokers</c> reports it: <c>{"id":1,"up":true}</c>.</summary>
internal sealed record BrokerState(int Id, bool Up);
