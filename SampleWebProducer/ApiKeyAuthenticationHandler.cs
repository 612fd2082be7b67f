using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Monitoring.Lib.Metrics;
using MonitoringStack.SampleContracts;

namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// The sample's authentication scheme (<see cref="SchemeName"/>): the API key in <c>X-Api-Key</c> (a server-side
/// client), or, on endpoints marked <see cref="AllowsSocketToken"/> (the WebSocket), an <c>access_token</c> issued for
/// the request's <c>account_id</c> (a browser, whose WebSocket cannot send headers). Endpoints ask for it with
/// <c>RequireAuthorization()</c>; a refusal is a 401 problem-details answer counted in <c>messages_errors</c> as
/// <c>Unauthorized</c>, like every other refusal of the sample.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    FormsProducerOptions forms, SocketTokens tokens, MetricsManager metrics)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>Endpoint metadata: this endpoint also takes an <c>access_token</c> for the request's <c>account_id</c>.</summary>
    public sealed class AllowsSocketToken;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var sent = Request.Headers[FormsProducerOptions.ApiKeyHeader].ToString();
        if (sent.Length > 0)
        {
            // Fixed time: the comparison must not tell an attacker how many leading characters were right.
            return Task.FromResult(CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(forms.ApiKey))
                ? Success("api-key")
                : AuthenticateResult.Fail($"The key in header {FormsProducerOptions.ApiKeyHeader} is wrong."));
        }
        var token = Request.Query["access_token"].ToString();
        if (token.Length == 0 || Context.GetEndpoint()?.Metadata.GetMetadata<AllowsSocketToken>() is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var accountId = Request.Query["account_id"].ToString();
        var refusal = FormContract.IsAccountId(accountId) ? tokens.Check(token, accountId) : "An access_token needs a valid account_id.";
        return Task.FromResult(refusal is null ? Success("account:" + accountId) : AuthenticateResult.Fail(refusal));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var why = Context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure?.Message;
        var how = Context.GetEndpoint()?.Metadata.GetMetadata<AllowsSocketToken>() is null
            ? $"Send the API key in header {FormsProducerOptions.ApiKeyHeader}."
            : $"Send the API key in header {FormsProducerOptions.ApiKeyHeader}, or an access_token from POST /ws/tokens?account_id=….";
        return FormsEndpoint.RefuseAsync(Context, metrics, StatusCodes.Status401Unauthorized, "Unauthorized", why is null ? how : $"{why} {how}", null);
    }

    private static AuthenticateResult Success(string name) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], SchemeName)), SchemeName));
}
