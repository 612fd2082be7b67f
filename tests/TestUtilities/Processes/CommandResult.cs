namespace Monitoring.TestUtilities;

/// <summary>What a finished command printed, and how it ended.</summary>
/// <param name="Command">The command line.</param>
/// <param name="ExitCode">How it ended.</param>
/// <param name="Output">Its stdout and stderr, interleaved as they came.</param>
/// <param name="StandardOutput">Its stdout alone (what kubectl renders, say).</param>
public sealed record CommandResult(string Command, int ExitCode, string Output, string StandardOutput)
{
    /// <summary>Throws, naming the command and showing the end of its output, unless it exited 0.</summary>
    public CommandResult EnsureSuccess() => ExitCode == 0
        ? this
        : throw new InvalidOperationException($"`{Command}` exited {ExitCode}:\n{Tail(Output, 6000)}");

    private static string Tail(string text, int length) => text.Length <= length ? text : "…" + text[^length..];
}
