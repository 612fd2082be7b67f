using System.Text.Json;

namespace MonitoringStack.SampleContracts.Tests;

public sealed class FormContractTests
{
    [Fact]
    public void Validate_ValidForm_GivesEmailAndAccount()
    {
        using var form = JsonDocument.Parse("""{"C_EmailAddress":"ann@example.com","account_id":"acme_1","name":"Ann"}""");

        var invalid = FormContract.Validate(form.RootElement, out var email, out var accountId);

        Assert.Null(invalid);
        Assert.Equal(("ann@example.com", "acme_1"), (email, accountId));
    }

    [Theory]
    [InlineData("[]", "$", "the form must be a JSON object, not Array")]
    [InlineData("""{"account_id":"a"}""", "C_EmailAddress", "C_EmailAddress is required and must be a string")]
    [InlineData("""{"C_EmailAddress":"Ann <ann@example.com>","account_id":"a"}""", "C_EmailAddress", "C_EmailAddress is not a well-formed email address")]
    [InlineData("""{"C_EmailAddress":"ann@localhost","account_id":"a"}""", "C_EmailAddress", "C_EmailAddress is not a well-formed email address")]
    [InlineData("""{"C_EmailAddress":"ann@example.com","account_id":7}""", "account_id", "account_id is required and must be a string")]
    [InlineData("""{"C_EmailAddress":"ann@example.com","account_id":"a b"}""", "account_id", "account_id 'a b' does not match ^[A-Za-z0-9_-]{1,64}$")]
    public void Validate_BadForm_NamesTheFieldAndWhy(string json, string field, string reason)
    {
        using var form = JsonDocument.Parse(json);

        var invalid = FormContract.Validate(form.RootElement, out var email, out var accountId);

        Assert.Equal((field, reason), invalid);
        Assert.Equal(("", ""), (email, accountId));
    }

    [Theory]
    [InlineData("acme", true)]
    [InlineData("A-z_09", true)]
    [InlineData("", false)]
    [InlineData("events:other", false)]
    [InlineData("a/b", false)]
    public void IsAccountId_OnlyTheRulesCharacters(string value, bool expected) =>
        Assert.Equal(expected, FormContract.IsAccountId(value));

    [Fact]
    public void IsAccountId_LongerThan64_Refused()
    {
        Assert.True(FormContract.IsAccountId(new string('a', 64)));
        Assert.False(FormContract.IsAccountId(new string('a', 65)));
    }
}
