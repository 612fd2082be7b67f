using Monitoring.Lib.Metrics;
using MonitoringStack.SampleContracts;

namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// <c>POST /ws/tokens?account_id=…</c> with the API key: a token that opens that account's stream for
/// <c>Forms:SocketTokenLifetime</c> (<see cref="SocketTokens"/>), for a page whose WebSocket cannot send headers. 401
/// without the key, 422 for a bad account id.
/// </summary>
internal static class SocketTokensEndpoint
{
    public static async Task IssueAsync(HttpContext context, MetricsManager metrics, SocketTokens tokens)
    {
        var accountId = context.Request.Query["account_id"].ToString();
        if (!FormContract.IsAccountId(accountId))
        {
            await FormsEndpoint.RefuseAsync(context, metrics, 422, "InvalidField", "account_id must match ^[A-Za-z0-9_-]{1,64}$.", "account_id");
            return;
        }
        var (token, expiresAt) = tokens.Issue(accountId);
        await Results.Json(new SocketToken(token, accountId, expiresAt)).ExecuteAsync(context);
    }
}
