using BenchmarkDotNet.Running;
using Monitoring.Benchmarks.Metrics;
using Monitoring.Benchmarks.Pipeline;

// Run all: dotnet run -c Release --project bench/Monitoring.Benchmarks -- --filter '*'
// (the assembly is named from a benchmark type: the AppHost's top-level Program is referenced here too).
if (args is ["thread-profile", ..])
{
    await PipelineThreadProfile.RunAsync(args);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(MetricsCounterBenchmarks).Assembly).Run(args);
