using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace MonitoringStack.ServiceDefaults.Tests;

/// <summary>
/// The production default of ConfigureOpenTelemetry: outside Development 10 % of new traces are kept and a continued
/// trace follows its caller's decision; Development and an explicit <c>OTEL_TRACES_SAMPLER</c> keep what they say.
/// Counted on real activities of the app's own ActivitySource, through the SDK's sampler.
/// </summary>
public sealed class TraceSamplingTests
{
    private const int Traces = 2_000;

    [Fact]
    public void Production_NewTraces_AboutOneInTenKept()
    {
        var kept = KeptOf(Environments.Production, sampler: null, _ => null);

        // Binomial(2000, 0.1): 200 ± 13.4; the bounds are more than five standard deviations away.
        Assert.InRange(kept, 130, 270);
    }

    [Fact]
    public void Development_NewTraces_AllKept()
    {
        Assert.Equal(Traces, KeptOf(Environments.Development, sampler: null, _ => null));
    }

    [Fact]
    public void Production_SamplerVariableSet_ItsChoiceStands()
    {
        Assert.Equal(Traces, KeptOf(Environments.Production, sampler: "always_on", _ => null));
    }

    [Fact]
    public void Production_ContinuedTrace_FollowsTheCallersDecision()
    {
        var sampledParent = KeptOf(Environments.Production, sampler: null, _ => ActivityTraceFlags.Recorded);
        var droppedParent = KeptOf(Environments.Production, sampler: null, _ => ActivityTraceFlags.None);

        Assert.Equal((Traces, 0), (sampledParent, droppedParent));
    }

    // Starts Traces activities on the app's own source, each under a remote parent with the flags given (or none), and
    // counts those the SDK recorded. A name of its own, so no other test's provider listens to the source.
    private static int KeptOf(string environment, string? sampler, Func<int, ActivityTraceFlags?> parentFlags)
    {
        var name = "sampling-" + Guid.NewGuid().ToString("N");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = name, EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Monitoring:Metrics:PushEnabled"] = "false",
            ["OTEL_TRACES_SAMPLER"] = sampler,
        });
        builder.AddServiceDefaults();
        using var host = builder.Build();
        _ = host.Services.GetRequiredService<TracerProvider>();
        using var source = new ActivitySource(name);
        var kept = 0;
        for (var i = 0; i < Traces; i++)
        {
            var parent = parentFlags(i) is { } flags
                ? new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), flags, isRemote: true)
                : default;
            using var activity = source.StartActivity("work", ActivityKind.Server, parent);
            kept += activity is { Recorded: true } ? 1 : 0;
        }
        return kept;
    }
}
