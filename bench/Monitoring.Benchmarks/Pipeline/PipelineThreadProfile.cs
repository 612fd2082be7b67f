using System.Diagnostics;
using System.Globalization;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// Not a benchmark: drives the pipeline at full load in several modes, in rounds (JIT warm-up of each copy of the
/// samples once, and after every restart), and prints forms/s and the CPU per form of every thread (by program and
/// thread name) of each mode: where monitoring's cost lands. Run: dotnet run -c Release --no-build --project bench/Monitoring.Benchmarks -- thread-profile
/// [rounds, 3] [forms per measurement, 30000] [modes, Off On].
/// </summary>
internal static class PipelineThreadProfile
{
    public static async Task RunAsync(string[] args)
    {
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var forms = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30_000;
        var modes = args.Length > 3 ? args[3..].Select(Enum.Parse<PipelineMode>).ToArray() : [PipelineMode.Off, PipelineMode.On];
        await using var pipeline = await PipelineUnderTest.StartAsync(modes);
        var used = modes.ToDictionary(m => m, _ => new Dictionary<string, long>(StringComparer.Ordinal));
        var seconds = modes.ToDictionary(m => m, _ => 0.0);
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var mode in modes)
            {
                if (await pipeline.SwitchAsync(mode))
                {
                    var batches = await JitWarmUp.UntilIdleAsync(pipeline, $"p{round}{mode}");
                    Console.WriteLine(Invariant($"round {round} {mode}: JIT idle after {batches} warm-up batches"));
                }
                pipeline.EnsureSwitchTookEffect();
                Console.WriteLine(Invariant($"round {round} {mode}: measuring {forms} forms"));
                var before = ThreadCpu.Snapshot();
                var clock = Stopwatch.StartNew();
                await FormLoad.PostAsync(pipeline, forms, $"p{round}{mode}m");
                var elapsed = clock.Elapsed.TotalSeconds;
                foreach (var (key, ticks) in ThreadCpu.Used(before, ThreadCpu.Snapshot()))
                {
                    used[mode][key] = used[mode].GetValueOrDefault(key) + ticks;
                }
                seconds[mode] += elapsed;
                Console.WriteLine(Invariant($"round {round} {mode}: {elapsed * 1e6 / forms:F1} µs per form ({forms / elapsed:F0} forms/s)"));
            }
        }
        var measured = (double)forms * rounds;
        string PerForm(double ticks) => Invariant($"{ticks * 10_000.0 / measured:F1}").PadLeft(22);
        Console.WriteLine("CPU µs per form".PadRight(56) + string.Concat(modes.Select(m => m.ToString().PadLeft(22))));
        foreach (var key in used.Values.SelectMany(u => u.Keys).Distinct()
            .Where(key => used.Values.Any(u => u.GetValueOrDefault(key) * 10_000.0 / measured >= 0.5))
            .OrderByDescending(key => used.Values.Max(u => u.GetValueOrDefault(key))))
        {
            Console.WriteLine(key.PadRight(56) + string.Concat(modes.Select(m => PerForm(used[m].GetValueOrDefault(key)))));
        }
        Console.WriteLine("(all threads)".PadRight(56) + string.Concat(modes.Select(m => PerForm(used[m].Values.Sum()))));
        Console.WriteLine("wall-clock µs per form".PadRight(56) + string.Concat(modes.Select(m => Invariant($"{seconds[m] * 1e6 / measured:F1}").PadLeft(22))));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
