using Microsoft.Extensions.Logging;
using Monitoring.Lib.Kafka;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>
/// What a <c>read_committed</c> reader finds on an exactly-once worker's output after a run: how many inputs were
/// accepted, how many distinct ones arrived, and how many arrived more than once. Its text is the report a failing
/// test prints.
/// </summary>
internal sealed record ExactlyOnceOutcome(int Accepted, int Distinct, int Duplicates)
{
    /// <summary>Reads <paramref name="output"/> until every one of <paramref name="accepted"/> inputs arrived (60 s at most).</summary>
    public static async Task<ExactlyOnceOutcome> ReadAsync(DevKafkaServer server, string output, int accepted)
    {
        var read = await Eventually.ReturnsAsync(
            () => server.ReadCommittedAsync(output),
            records => records.Select(r => r.Value).Distinct().Count() >= accepted, TimeSpan.FromSeconds(60),
            $"{accepted} distinct committed outputs on {output}", TimeSpan.FromSeconds(1));
        var distinct = read.Select(r => r.Value).Distinct().Count();
        return new ExactlyOnceOutcome(accepted, distinct, read.Count - distinct);
    }

    /// <summary>Settings of an exactly-once worker with its own transactional id.</summary>
    public static KafkaSettings Settings(KafkaSettings settings, string transactionalId)
    {
        settings.ProcessingGuarantee = ProcessingGuarantee.ExactlyOnce;
        settings.TransactionalId = transactionalId;
        settings.PollTimeout = TimeSpan.FromMilliseconds(100);
        // KIP-848 groups: the members keep committing while partitions move (classic groups on librdkafka's mock
        // cluster refuse commits while members rejoin); their session and heartbeat are the broker's.
        settings.Properties["group.protocol"] = "consumer";
        settings.Properties.Remove("session.timeout.ms");
        settings.Properties.Remove("heartbeat.interval.ms");
        // The mock cluster answers a fetch only when its wait is over: 10 ms, as the samples set it.
        settings.Properties["fetch.wait.max.ms"] = "10";
        return settings;
    }

    /// <summary>The worker's log lines, for a failure's message.</summary>
    public IReadOnlyList<(LogLevel Level, string Message)> Log { get; init; } = [];

    /// <summary>The counts and the worker's warnings.</summary>
    public string Report() => $"{this}\n{Describe(Log)}";

    public static string Describe(IEnumerable<(LogLevel Level, string Message)> lines) =>
        string.Join("\n", lines.Where(l => l.Level >= LogLevel.Information).Select(l => $"{l.Level}: {l.Message}"));

    public override string ToString() => $"accepted {Accepted}, on the output (read_committed) {Distinct}, duplicates {Duplicates}";
}
