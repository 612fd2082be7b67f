using System.Net.Mail;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MonitoringStack.SampleContracts;

/// <summary>
/// The form both samples agree on, in one place: a JSON object with a bare e-mail address in
/// <c>C_EmailAddress</c> (the Kafka key) and an <c>account_id</c> matching <c>^[A-Za-z0-9_-]{1,64}$</c> (the Redis
/// channel and the WebSocket query). The web producer validates it at the edge (<c>POST /forms</c> answers 422 naming
/// the field); the consumer applies the same rules to what reaches <c>forms</c> by other ways and dead-letters it with
/// the same reason.
/// </summary>
public static partial class FormContract
{
    /// <summary>The field that holds the e-mail address, the form's Kafka key: <c>C_EmailAddress</c>.</summary>
    public const string EmailField = "C_EmailAddress";

    /// <summary>The field that holds the account the form's event goes to: <c>account_id</c>.</summary>
    public const string AccountField = "account_id";

    /// <summary>What an account id must match: <c>^[A-Za-z0-9_-]{1,64}$</c>.</summary>
    public const string AccountIdRule = "^[A-Za-z0-9_-]{1,64}$";

    /// <summary>
    /// The Kafka header of a form on <c>forms</c> (and its copy on <c>outgoing</c>) that carries the request id of the
    /// HTTP request that posted it: <c>request_id</c>.
    /// </summary>
    public const string RequestIdHeader = "request_id";

    /// <summary>Whether <paramref name="value"/> is an account id: what may follow <c>events:</c> and <c>?account_id=</c>.</summary>
    public static bool IsAccountId(string value) => AccountIdPattern().IsMatch(value);

    /// <summary>Null when <paramref name="form"/> is valid (then <paramref name="email"/> and <paramref name="accountId"/> are set), else the bad field and why.</summary>
    public static (string Field, string Reason)? Validate(JsonElement form, out string email, out string accountId)
    {
        (email, accountId) = ("", "");
        if (form.ValueKind != JsonValueKind.Object)
        {
            return ("$", $"the form must be a JSON object, not {form.ValueKind}");
        }
        if (!form.TryGetProperty(EmailField, out var emailValue) || emailValue.ValueKind != JsonValueKind.String)
        {
            return (EmailField, $"{EmailField} is required and must be a string");
        }
        var address = emailValue.GetString()!;
        // MailAddress accepts display names ("Ann <a@b.c>"); a form field must be the bare address.
        if (address.Length > 254 || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            return (EmailField, $"{EmailField} is not a well-formed email address");
        }
        if (!form.TryGetProperty(AccountField, out var account) || account.ValueKind != JsonValueKind.String)
        {
            return (AccountField, $"{AccountField} is required and must be a string");
        }
        var id = account.GetString()!;
        if (!IsAccountId(id))
        {
            var shown = id.Length > 80 ? id[..80] + "…" : id;
            return (AccountField, $"{AccountField} '{shown}' does not match {AccountIdRule}");
        }
        (email, accountId) = (address, id);
        return null;
    }

    [GeneratedRegex(AccountIdRule, RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdPattern();
}
