using System.Diagnostics;

namespace Monitoring.TestUtilities;

/// <summary>
/// A command-line tool (kubectl, promtool) run to its end, with its whole output. Started as <see cref="ChildProcess"/>
/// starts servers (under <c>setpriv --pdeathsig TERM</c>, so it dies with the test process) and killed if it outlives
/// its timeout.
/// </summary>
public sealed class ToolRun
{
    private ToolRun(string command, int exitCode, string output, string errors)
    {
        Command = command;
        ExitCode = exitCode;
        Output = output;
        Errors = errors;
    }

    /// <summary>The command line, for failure messages.</summary>
    public string Command { get; }

    public int ExitCode { get; }

    /// <summary>Everything the tool wrote to stdout.</summary>
    public string Output { get; }

    /// <summary>Everything the tool wrote to stderr.</summary>
    public string Errors { get; }

    /// <summary>The first <paramref name="name"/> on PATH; throws naming the install script when there is none.</summary>
    public static string Find(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"{name} is not on PATH. Run eng/install-prerequisites.sh: it installs what the tests need.");
    }

    public static async Task<ToolRun> RunAsync(string executable, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var startInfo = new ProcessStartInfo("setpriv")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--pdeathsig", "TERM", "--", executable }.Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }
        var command = string.Join(' ', startInfo.ArgumentList.Skip(4).Prepend(executable));
        using var process = await ProcessSpawner.StartAsync(startInfo).ConfigureAwait(false);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw new TimeoutException($"'{command}' did not finish within {timeout.TotalSeconds:0} s: {await errors.ConfigureAwait(false)}");
        }
        return new ToolRun(command, process.ExitCode, await output.ConfigureAwait(false), await errors.ConfigureAwait(false));
    }

    public override string ToString() => $"'{Command}' exited {ExitCode}: {Errors}";
}
