using System.Globalization;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>Checks <see cref="KafkaSettings"/>; every message names the configuration key and the bad value.</summary>
internal static class KafkaSettingsValidator
{
    private const string Section = MonitoringSections.Kafka;

    public static void Validate(KafkaSettings settings)
    {
        ValidateBootstrap(settings.BootstrapServers, $"{Section}:BootstrapServers",
            $"ConnectionStrings:kafka (ConnectionStrings__kafka) or {Section}:BootstrapServers");
        ValidateValues(settings);
    }

    /// <summary>
    /// Checks a bootstrap list: required, <c>host:port</c> entries. <paramref name="key"/> is named in the message, and
    /// <paramref name="whereToSet"/> says where a missing one can be given.
    /// </summary>
    public static void ValidateBootstrap(string? servers, string key, string whereToSet)
    {
        if (string.IsNullOrWhiteSpace(servers))
        {
            throw new InvalidOperationException($"{key} is required: set {whereToSet}; got '{servers}'.");
        }
        foreach (var server in servers.Split(',', StringSplitOptions.TrimEntries))
        {
            var colon = server.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(server.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new InvalidOperationException($"{key} must be a comma-separated list of host:port; got '{servers}'.");
            }
        }
    }

    /// <summary>Checks every setting but the bootstrap list.</summary>
    public static void ValidateValues(KafkaSettings settings)
    {
        if (settings.SecurityProtocol is { } protocol && !settings.SecurityProtocolIsKnown())
        {
            throw Bad("SecurityProtocol", $"must be one of {string.Join(", ", KafkaSettings.SecurityProtocols)}; got '{protocol}'.");
        }
        if (settings.SaslMechanism is { } mechanism && !KafkaSettings.SaslMechanisms.Contains(mechanism.ToUpperInvariant()))
        {
            throw Bad("SaslMechanism", $"must be one of {string.Join(", ", KafkaSettings.SaslMechanisms)}; got '{mechanism}'.");
        }
        if ((settings.SaslUsername is null) != (settings.SaslPassword is null))
        {
            throw Bad(settings.SaslUsername is null ? "SaslUsername" : "SaslPassword", "must be set together with the other SASL credential; got none.");
        }
        if (settings.PollTimeout is { } poll && (poll < TimeSpan.FromMilliseconds(1) || poll > TimeSpan.FromMinutes(5)))
        {
            throw Bad("PollTimeout (POLL_TIMEOUT)", $"must be between 1 ms and 5 min; got '{poll}'.");
        }
        if (settings.StatisticsInterval < TimeSpan.Zero || settings.StatisticsInterval > TimeSpan.FromHours(1))
        {
            throw Bad("StatisticsInterval", $"must be between 0 (off) and 1 h; got '{settings.StatisticsInterval}'.");
        }
        if (settings.SessionTimeout is { } session && (session < TimeSpan.FromSeconds(1) || session > TimeSpan.FromHours(1)))
        {
            throw Bad("SessionTimeout", $"must be between 1 s and 1 h; got '{session}'.");
        }
        if (!Enum.IsDefined(settings.ProcessingGuarantee))
        {
            throw Bad("ProcessingGuarantee", $"must be AtLeastOnce or ExactlyOnce; got '{settings.ProcessingGuarantee}'.");
        }
        if (settings.TransactionalId is { } transactionalId && string.IsNullOrWhiteSpace(transactionalId))
        {
            throw Bad("TransactionalId", $"must be a name, or unset for the default; got '{transactionalId}'.");
        }
        if (settings.TransactionInterval < TimeSpan.FromMilliseconds(1) || settings.TransactionInterval > TimeSpan.FromMinutes(1))
        {
            throw Bad("TransactionInterval", $"must be between 1 ms and 1 min; got '{settings.TransactionInterval}'.");
        }
        foreach (var (key, value) in settings.Properties)
        {
            if (string.IsNullOrWhiteSpace(key) || value is null)
            {
                throw Bad($"Properties:{key}", $"must be a librdkafka property name with a value; got '{value}'.");
            }
        }
    }

    public static void RequireGroupId(KafkaSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.GroupId))
        {
            throw Bad("GroupId", $"is required for a consumer; got '{settings.GroupId}'.");
        }
    }

    private static bool SecurityProtocolIsKnown(this KafkaSettings settings) =>
        KafkaSettings.SecurityProtocols.Contains(settings.SecurityProtocol!.ToLowerInvariant());

    private static InvalidOperationException Bad(string key, string problem) => new($"{Section}:{key} {problem}");
}
