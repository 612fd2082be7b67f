using System.Diagnostics;
using System.Text;

namespace Monitoring.Templates.Tests;

/// <summary>What a finished command printed, and how it ended.</summary>
internal sealed record CommandResult(string Command, int ExitCode, string Output)
{
    /// <summary>Fails with the command and the end of its output unless it exited 0.</summary>
    public CommandResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, $"`{Command}` exited {ExitCode}:\n{Tail(Output, 6000)}");
        return this;
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : "…" + text[^length..];
}

/// <summary>
/// Runs a command to its end as a user would in a terminal, under <c>setpriv --pdeathsig KILL</c> (forked from the
/// shared long-lived thread) so that a test host that dies takes it along; on timeout its whole tree is killed.
/// </summary>
internal static class CommandLine
{
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
        using var process = await ProcessSpawner.StartAsync(startInfo);
        process.OutputDataReceived += (_, e) => Append(e.Data);
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
        return new CommandResult(line, process.ExitCode, Snapshot());

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
