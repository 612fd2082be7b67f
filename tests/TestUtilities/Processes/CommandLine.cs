using System.Diagnostics;
using System.Text;

namespace Monitoring.TestUtilities;

/// <summary>
/// Runs a command to its end as a user would in a terminal (dotnet, kubectl, promtool), under <c>setpriv --pdeathsig
/// KILL</c> (forked from the shared long-lived thread) so that a test host that dies takes it along; on timeout its
/// whole tree is killed.
/// </summary>
public static class CommandLine
{
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

    public static async Task<CommandResult> RunAsync(string workingDirectory, TimeSpan timeout, string command, params string[] args)
    {
        var startInfo = new ProcessStartInfo("setpriv")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--pdeathsig", "KILL", "--", command }.Concat(args))
        {
            startInfo.ArgumentList.Add(arg);
        }
        // The test host runs under `dotnet test`, whose MSBuild variables would steer a nested build to its own SDK
        // resolution; a user's shell has none of them.
        foreach (var name in startInfo.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(name);
        }
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        using var process = await ProcessSpawner.StartAsync(startInfo);
        process.OutputDataReceived += (_, e) =>
        {
            Append(e.Data);
            if (e.Data is not null)
            {
                lock (output)
                {
                    standardOutput.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var line = $"{command} {string.Join(' ', args)}";
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"`{line}` did not finish within {timeout}:\n{Snapshot()}");
        }
        // The events of a finished process may still be running: WaitForExit without a timeout drains them.
        process.WaitForExit();
        string standard;
        lock (output)
        {
            standard = standardOutput.ToString();
        }
        return new CommandResult(line, process.ExitCode, Snapshot(), standard);

        void Append(string? text)
        {
            if (text is not null)
            {
                lock (output)
                {
                    output.AppendLine(text);
                }
            }
        }

        string Snapshot()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }
}
