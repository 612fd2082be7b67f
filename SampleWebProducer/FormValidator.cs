using System.Net.Mail;
using System.Text.Json;

namespace Monitoring.Samples.WebProducer;

/// <summary>What <c>POST /forms</c> checks before a form is produced; the consumer checks account ids further.</summary>
internal static class FormValidator
{
    public const string EmailField = "C_EmailAddress";
    public const string AccountField = "account_id";

    /// <summary>Null when <paramref name="form"/> is valid, else the bad field and why; <paramref name="email"/> is the key to produce with.</summary>
    public static (string Field, string Reason)? Validate(JsonElement form, out string email)
    {
        email = "";
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
        if (!form.TryGetProperty(AccountField, out var account) || account.ValueKind != JsonValueKind.String || account.GetString()!.Length == 0)
        {
            return (AccountField, $"{AccountField} is required and must be a non-empty string");
        }
        email = address;
        return null;
    }
}
