using System.Text;

namespace MonitoringStack.SampleContracts.Tests;

public sealed class FormEventJsonTests
{
    private static readonly DateTimeOffset ProducedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_796_060_000_123);

    [Fact]
    public void Write_ThenTryRead_GivesBackWhatTheRelayNeeds()
    {
        const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var payload = FormEventJson.Write("req-1", "acme", ProducedAt, """{"C_EmailAddress":"ann@example.com"}""", TraceParent);

        Assert.True(FormEventJson.TryRead(payload, out var requestId, out var producedAtMs, out var traceParent));

        Assert.Equal(("req-1", 1_796_060_000_123L, TraceParent), (requestId, producedAtMs, traceParent));
    }

    [Fact]
    public void Write_FormKeptAsWrittenAndNoTraceParentWithoutASpan()
    {
        var payload = FormEventJson.Write("req-2", "acme", ProducedAt, """{"C_EmailAddress":"ann@example.com","n":1}""", traceParent: null);

        Assert.Equal("""{"request_id":"req-2","account_id":"acme","produced_at":1796060000123,"form":{"C_EmailAddress":"ann@example.com","n":1}}""",
            Encoding.UTF8.GetString(payload));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    public void TryRead_NotAnObject_FalseAndEmpty(string payload)
    {
        Assert.False(FormEventJson.TryRead(Encoding.UTF8.GetBytes(payload), out var requestId, out var producedAtMs, out var traceParent));

        Assert.Equal(("", (long?)null, (string?)null), (requestId, producedAtMs, traceParent));
    }

    [Fact]
    public void TryRead_ObjectWithoutTheFields_TrueWithDefaults()
    {
        Assert.True(FormEventJson.TryRead(Encoding.UTF8.GetBytes("""{"form":{}}"""), out var requestId, out var producedAtMs, out var traceParent));

        Assert.Equal(("", (long?)null, (string?)null), (requestId, producedAtMs, traceParent));
    }
}
