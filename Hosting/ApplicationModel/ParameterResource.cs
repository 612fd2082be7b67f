namespace Monitoring.Hosting.ApplicationModel;

/// <summary>
/// A value read from configuration key <c>Parameters:{name}</c> (environment <c>Parameters__{name}</c>); secret
/// values are masked wherever the host shows them.
/// </summary>
public sealed class ParameterResource : Resource
{
    private readonly Func<string?> _read;

    internal ParameterResource(string name, Func<string?> read, bool secret)
        : base(name)
    {
        _read = read;
        Secret = secret;
    }

    /// <summary>True when the value must never be shown.</summary>
    public bool Secret { get; }

    /// <summary>The configured value.</summary>
    /// <exception cref="InvalidOperationException">Configuration key <c>Parameters:{name}</c> is not set.</exception>
    public string Value => _read() ?? throw new InvalidOperationException(
        $"Parameter '{Name}' has no value: set configuration key 'Parameters:{Name}' (environment Parameters__{Name}).");
}
