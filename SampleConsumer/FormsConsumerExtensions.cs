using Monitoring.Lib;
using Monitoring.Lib.Kafka;
using MonitoringStack.SampleConsumer;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the sample consumer: <c>builder.AddFormsConsumer()</c> after <c>AddServiceDefaults()</c>.</summary>
public static class FormsConsumerExtensions
{
    /// <summary>
    /// Binds and validates section <c>Forms</c>, adds Aspire's Redis client (<c>ConnectionStrings:redis</c>) and the
    /// <see cref="FormsWorker"/> stream worker (<c>ConnectionStrings:kafka</c>, group <c>Forms:GroupId</c> unless
    /// <c>Monitoring:Kafka:GroupId</c> is set; <see cref="ProcessingGuarantee.ExactlyOnce"/> unless
    /// <c>Monitoring:Kafka:ProcessingGuarantee</c> is set; a new group starts at the earliest offset
    /// unless <c>Monitoring:Kafka:Properties:auto.offset.reset</c> says otherwise). A bad value stops the app at start with the key in the message.
    /// </summary>
    public static IHostApplicationBuilder AddFormsConsumer(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new FormsConsumerOptions();
        builder.Configuration.GetSection(FormsConsumerOptions.SectionName).Bind(options);
        options.Validate();
        builder.Services.AddSingleton(options);
        // Aspire's client (IConnectionMultiplexer, health check, traces). Not aborting when Redis is down at start:
        // the worker retries each publish until Redis is back. No Redis spans with monitoring off (nothing would export
        // them), nor outside Development unless the configuration asks (appsettings.json): the instrumentation
        // profiles every command, kept trace or not, and cost more than all the rest of the monitoring together.
        var monitoring = MonitoringSections.IsEnabled(builder.Configuration);
        builder.AddRedisClient("redis", settings => settings.DisableTracing |= !monitoring, redis => redis.AbortOnConnectFail = false);
        // Exactly-once unless the configuration names a guarantee: forms reach `outgoing` once for read_committed readers.
        var guaranteeConfigured = builder.Configuration[$"{MonitoringSections.Kafka}:{nameof(KafkaSettings.ProcessingGuarantee)}"] is not null;
        builder.AddKafkaStreamWorker<FormsWorker>("kafka", settings =>
        {
            if (!guaranteeConfigured)
            {
                settings.ProcessingGuarantee = ProcessingGuarantee.ExactlyOnce;
            }
            settings.GroupId ??= options.GroupId;
            // A new group starts at the beginning: forms posted before the consumer first joined are not skipped.
            settings.Properties.TryAdd("auto.offset.reset", "earliest");
        });
        return builder;
    }
}
