using Microsoft.Extensions.Options;

namespace Monitoring.Lib.Redis.Internal;

/// <summary>Reports <see cref="RedisSubscriberOptions.Validate"/>'s message (key and bad value) as an options validation failure at start.</summary>
internal sealed class RedisSubscriberOptionsValidator : IValidateOptions<RedisSubscriberOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisSubscriberOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
