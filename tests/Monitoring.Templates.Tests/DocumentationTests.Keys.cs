using System.Reflection;
using System.Text.Json;
using Monitoring.Lib.Kafka;

namespace Monitoring.Templates.Tests;

// The configuration keys: the code's (settings classes by reflection), the page's and the schema's.
public sealed partial class DocumentationTests
{
    /// <summary>Every key the library reads: its settings classes' properties under their sections, and the keys it reads by name.</summary>
    private static SortedSet<string> CodeKeys()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (section, settings) in SettingsBySection)
        {
            AddPropertyKeys(keys, section, settings);
        }
        // Read by name, not through a settings class: Monitoring:Enabled, Monitoring:ServiceName; a section prefix such as
        // "Monitoring:Metrics:" is its section.
        foreach (var value in LibraryConstants().Where(v => KeyLike().IsMatch(v)).Select(v => v.TrimEnd(':')))
        {
            if (!SettingsBySection.ContainsKey(value))
            {
                keys.Add(value);
            }
        }
        return keys;
    }

    private static void AddPropertyKeys(ISet<string> keys, string prefix, Type settings)
    {
        foreach (var property in settings.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{prefix}:{property.Name}";
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(decimal))
            {
                // A computed read-only value (KafkaSettings.EffectivePollTimeout) is no key.
                if (property.SetMethod is { IsPublic: true })
                {
                    keys.Add(key);
                }
            }
            else if (typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            {
                // A list, a dictionary or Confluent.Kafka's config: one key, its entries below it.
                keys.Add(key);
            }
            else
            {
                // A sub-section: Monitoring:Influx:Retry.
                AddPropertyKeys(keys, key, type);
            }
        }
    }

    /// <summary>
    /// The page's keys: table rows whose first cell is a key in backticks, written in full; a trailing <c>:{…}</c> stands
    /// for the entries of a list or dictionary (<c>Monitoring:Kafka:Properties:{librdkafka property}</c>).
    /// </summary>
    private static Dictionary<string, DocumentedKey> DocumentedKeys()
    {
        var keys = new Dictionary<string, DocumentedKey>(StringComparer.Ordinal);
        foreach (var row in TableRows(Read(ConfigurationPage)))
        {
            if (Ticked(row[0]).FirstOrDefault() is { } written && DocumentedKeyName().IsMatch(written))
            {
                keys.TryAdd(TrailingPlaceholders().Replace(written, ""), new DocumentedKey(written, string.Join("|", row)));
            }
        }
        return keys;
    }

    /// <summary>The reference design's variables as the library maps them (<c>LegacyVariables</c>): key → variable.</summary>
    private static Dictionary<string, string> ReferenceDesignVariables()
    {
        var field = Library.GetType("Monitoring.Lib.Internal.LegacyVariables", throwOnError: true)!
            .GetField("VariableByKey", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("LegacyVariables.VariableByKey is gone: read the mapping from where it went.");
        return ((IReadOnlyDictionary<string, string>)field.GetValue(null)!).ToDictionary(StringComparer.Ordinal);
    }

    /// <summary>The keys ConfigurationSchema.json describes: every property path down to one without properties of its own.</summary>
    private static void AddSchemaKeys(ISet<string> keys, string prefix, JsonElement node, JsonElement root)
    {
        if (node.TryGetProperty("$ref", out var reference))
        {
            node = reference.GetString()!.TrimStart('#', '/').Split('/').Aggregate(root, (element, name) => element.GetProperty(name));
        }
        if (!node.TryGetProperty("properties", out var properties))
        {
            keys.Add(prefix);
            return;
        }
        foreach (var property in properties.EnumerateObject())
        {
            AddSchemaKeys(keys, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}", property.Value, root);
        }
    }
}
