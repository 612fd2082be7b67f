using System.Diagnostics;

namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// The sample's own spans. Named after the assembly, which is the application name, the source ServiceDefaults'
/// tracer provider listens to without further setup.
/// </summary>
internal static class SampleTracing
{
    public static readonly ActivitySource Source = new(typeof(SampleTracing).Assembly.GetName().Name!);
}
