using System.Globalization;

namespace DevKafka;

/// <summary>
/// The command line: <c>--brokers N</c> (default 3), <c>--topic NAME:PARTITIONS</c> (repeatable),
/// <c>--control-port PORT</c> (required). Every error names the argument and the value it got.
/// </summary>
internal sealed class DevKafkaArguments
{
    public const int DefaultBrokers = 3;
    public const int MaxBrokers = 32;
    public const int MaxPartitions = 1000;

    // Kafka's own rule for topic names: at most 249 of these characters.
    private const string TopicCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
    private const int MaxTopicLength = 249;

    public int Brokers { get; private set; } = DefaultBrokers;

    public int ControlPort { get; private set; }

    public IReadOnlyList<TopicSpec> Topics => _topics;

    private readonly List<TopicSpec> _topics = [];

    public const string Usage = "usage: dotnet DevKafka.dll --control-port PORT [--brokers N] [--topic NAME:PARTITIONS]...";

    /// <exception cref="ArgumentException">An argument is unknown, missing its value, or has a bad value.</exception>
    public static DevKafkaArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new DevKafkaArguments();
        int? controlPort = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--brokers" or "--topic" or "--control-port"))
            {
                throw new ArgumentException($"unknown argument '{name}'.");
            }
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value.");
            }
            var value = args[++i];
            switch (name)
            {
                case "--brokers":
                    parsed.Brokers = ParseInt(name, value, 1, MaxBrokers);
                    break;
                case "--control-port":
                    controlPort = ParseInt(name, value, 1, 65535);
                    break;
                default:
                    parsed.AddTopic(value);
                    break;
            }
        }
        parsed.ControlPort = controlPort ?? throw new ArgumentException("--control-port is required (the port of the control endpoint on 127.0.0.1).");
        return parsed;
    }

    private void AddTopic(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || colon == value.Length - 1)
        {
            throw new ArgumentException($"--topic '{value}' must be NAME:PARTITIONS, e.g. forms:4.");
        }
        var name = value[..colon];
        if (name.Length > MaxTopicLength || name is "." or ".." || name.Any(c => !TopicCharacters.Contains(c, StringComparison.Ordinal)))
        {
            throw new ArgumentException(
                $"--topic '{value}': the name '{name}' must be 1 to {MaxTopicLength} characters of a-z, A-Z, 0-9, '.', '_' and '-'.");
        }
        var partitions = ParseInt("--topic", value, value[(colon + 1)..], 1, MaxPartitions);
        if (_topics.Any(t => t.Name == name))
        {
            throw new ArgumentException($"--topic '{value}': the topic '{name}' is declared twice.");
        }
        _topics.Add(new TopicSpec(name, partitions));
    }

    private static int ParseInt(string name, string value, int min, int max) => ParseInt(name, value, value, min, max);

    private static int ParseInt(string name, string value, string number, int min, int max)
    {
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var result) || result < min || result > max)
        {
            throw new ArgumentException($"{name} '{value}' must be a whole number from {min} to {max}.");
        }
        return result;
    }
}
