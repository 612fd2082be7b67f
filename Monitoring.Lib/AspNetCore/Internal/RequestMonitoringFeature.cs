using Monitoring.Lib.Influx;

namespace Monitoring.Lib.AspNetCore.Internal;

/// <summary>
/// One request's feature. Its lists are created on the first extra tag or field, so a request that adds none costs
/// one small object.
/// </summary>
internal sealed class RequestMonitoringFeature(string requestId) : IRequestMonitoringFeature
{
    private List<KeyValuePair<string, string>>? _tags;
    private List<ExtraField>? _fields;

    public string RequestId { get; } = requestId;

    public string? ErrorCode { get; set; }

    public void AddTag(string key, string value)
    {
        CheckKey(key);
        ArgumentNullException.ThrowIfNull(value);
        _tags ??= [];
        _tags.RemoveAll(t => t.Key == key);
        _tags.Add(new(key, value));
    }

    public void AddField(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Add(new ExtraField(key, value, 0, 0, ExtraField.Kind.Text));
    }

    public void AddField(string key, double value) => Add(new ExtraField(key, null, value, 0, ExtraField.Kind.Float));

    public void AddField(string key, long value) => Add(new ExtraField(key, null, 0, value, ExtraField.Kind.Integer));

    /// <summary>Writes the extra tags and fields into <paramref name="point"/>.</summary>
    public void WriteTo(PointBuilder point)
    {
        if (_tags is not null)
        {
            foreach (var (key, value) in _tags)
            {
                point.Tag(key, value);
            }
        }
        if (_fields is not null)
        {
            foreach (var field in _fields)
            {
                _ = field.Type switch
                {
                    ExtraField.Kind.Text => point.Field(field.Key, field.Text),
                    ExtraField.Kind.Float => point.Field(field.Key, field.Float),
                    _ => point.Field(field.Key, field.Integer),
                };
            }
        }
    }

    private void Add(ExtraField field)
    {
        CheckKey(field.Key);
        _fields ??= [];
        _fields.RemoveAll(f => f.Key == field.Key);
        _fields.Add(field);
    }

    private static void CheckKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key is InfluxNames.Tags.Service or InfluxNames.Tags.Route or InfluxNames.Tags.StatusCode or InfluxNames.Tags.ErrorCode
            or InfluxNames.Fields.RequestId or InfluxNames.Fields.ExecutionTime)
        {
            throw new ArgumentException($"'{key}' is written by the request monitoring middleware itself; choose another key.", nameof(key));
        }
    }

    private readonly record struct ExtraField(string Key, string? Text, double Float, long Integer, ExtraField.Kind Type)
    {
        public enum Kind
        {
            Text,
            Float,
            Integer,
        }
    }
}
