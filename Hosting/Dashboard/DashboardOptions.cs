namespace Monitoring.Hosting.Dashboard;

/// <summary>The dashboard the AppHost serves; configuration section <c>Dashboard</c>.</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Dashboard";

    /// <summary>Serve the dashboard. Default true; the testing API turns it off unless a test asks for it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The loopback port (127.0.0.1). Default 0: a free port, printed at start.</summary>
    public int Port { get; set; }

    /// <summary>
    /// The token the login URL carries. Default null: a random 128-bit token for each run, so only whoever sees the
    /// AppHost's console can log in.
    /// </summary>
    public string? BrowserToken { get; set; }

    /// <summary>How many log lines a console-logs page receives when it opens (the rest is in the download). Default 1,000.</summary>
    public int LogTailLines { get; set; } = 1_000;

    internal void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Dashboard:Port = {Port} is out of range: use 0 (a free port) to 65535.");
        }
        if (BrowserToken is { } token && (token.Length < 16 || token.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')))
        {
            throw new InvalidOperationException(
                $"Dashboard:BrowserToken is invalid (length {token.Length}): use at least 16 letters, digits, '-' or '_'.");
        }
        if (LogTailLines is < 1 or > 10_000)
        {
            throw new InvalidOperationException($"Dashboard:LogTailLines = {LogTailLines} is out of range: use 1 to 10000.");
        }
    }
}
