using BenchmarkDotNet.Running;
using Monitoring.Benchmarks.Metrics;

// Run all: dotnet run -c Release --project bench/Monitoring.Benchmarks -- --filter '*'
// (the assembly is named from a benchmark type: the AppHost's top-level Program is referenced here too).
BenchmarkSwitcher.FromAssembly(typeof(MetricsCounterBenchmarks).Assembly).Run(args);
