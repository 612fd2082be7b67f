using System.Text.RegularExpressions;

namespace Monitoring.Hosting.ApplicationModel;

/// <summary>Base class of every resource: a validated name and its annotations.</summary>
public abstract partial class Resource : IResource
{
    /// <summary>Creates a resource named <paramref name="name"/> (letters, digits, '-' and '.', starting with a letter).</summary>
    /// <exception cref="ArgumentException">The name is empty or has other characters.</exception>
    protected Resource(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"Resource name '{name}' is invalid: use letters, digits, '-' and '.', starting with a letter.", nameof(name));
        }
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IList<IResourceAnnotation> Annotations { get; } = [];

    /// <summary>The short type name shown for the resource (for example "Redis" or "Project").</summary>
    public virtual string TypeName => GetType().Name.Replace("Resource", "", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{TypeName} {Name}";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9.-]*$")]
    private static partial Regex NamePattern();
}
