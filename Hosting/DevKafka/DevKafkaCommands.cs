using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Monitoring.Hosting.DevKafka;

/// <summary>Broker faults as resource commands: POST <c>/brokers/{id}/down</c> or <c>/up</c> on the control endpoint.</summary>
internal static class DevKafkaCommands
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static void AddBrokerCommands(IResourceBuilder<DevKafkaResource> builder, int broker)
    {
        Add(builder, broker, up: false);
        Add(builder, broker, up: true);
    }

    private static void Add(IResourceBuilder<DevKafkaResource> builder, int broker, bool up)
    {
        var action = up ? "up" : "down";
        builder.WithCommand(string.Create(CultureInfo.InvariantCulture, $"broker-{broker}-{action}"),
            string.Create(CultureInfo.InvariantCulture, $"{(up ? "Bring" : "Take")} broker {broker} {action}"),
            async context =>
            {
                var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"{builder.Resource.ControlEndpoint.Url}/brokers/{broker}/{action}"));
                using var response = await Http.PostAsync(url, content: null, context.CancellationToken).ConfigureAwait(false);
                return response.IsSuccessStatusCode
                    ? CommandResults.Success()
                    : CommandResults.Failure(await response.Content.ReadAsStringAsync(context.CancellationToken).ConfigureAwait(false));
            },
            new CommandOptions
            {
                Description = up
                    ? "The broker accepts connections again; its partitions come back."
                    : "The broker refuses connections, as a crashed broker would; its partitions stall until it is up.",
                IconName = up ? "PlugConnected" : "PlugDisconnected",
                UpdateState = context => context.ResourceSnapshot.State?.Text == KnownResourceStates.Running
                    ? ResourceCommandState.Enabled
                    : ResourceCommandState.Disabled,
            });
    }
}
