using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;

namespace Monitoring.TestUtilities;

/// <summary>
/// A DevKafka process started the way the host starts it (<c>dotnet DevKafka.dll --control-port P ...</c>) on a free
/// loopback port; it dies with the test process. Free of xunit.
/// </summary>
public sealed class DevKafkaServer : IAsyncDisposable
{
    private readonly TestDirectory _directory = new("devkafka");

    private DevKafkaServer(ChildProcess process, int controlPort)
    {
        Process = process;
        ControlUrl = $"http://127.0.0.1:{controlPort.ToString(CultureInfo.InvariantCulture)}";
        Http = new HttpClient { BaseAddress = new Uri(ControlUrl), Timeout = TimeSpan.FromSeconds(5) };
    }

    public ChildProcess Process { get; }

    public string ControlUrl { get; }

    public HttpClient Http { get; }

    /// <summary>The bootstrap list /bootstrap answered once healthy.</summary>
    public string Bootstrap { get; private set; } = "";

    public static string DllPath =>
        typeof(DevKafkaServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "DevKafkaDll").Value!;

    /// <summary>Starts DevKafka with <paramref name="arguments"/> (the control port is added) without waiting for it.</summary>
    public static async Task<DevKafkaServer> LaunchAsync(IEnumerable<string> arguments, int? controlPort = null)
    {
        var port = controlPort ?? FreePort.Next();
        var directory = Path.GetDirectoryName(DllPath)!;
        var process = await ChildProcess.StartAsync(
            "DevKafka", DotnetHost.Path, [DllPath, "--control-port", port.ToString(CultureInfo.InvariantCulture), .. arguments], directory);
        return new DevKafkaServer(process, port);
    }

    /// <summary>Starts DevKafka and waits until /health says Healthy.</summary>
    public static async Task<DevKafkaServer> StartAsync(params string[] arguments)
    {
        var server = await LaunchAsync(arguments);
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (server.Process.HasExited)
                {
                    throw new InvalidOperationException($"DevKafka exited with {server.Process.ExitCode}:\n{server.Process.RecentOutput}");
                }
                using var response = await server.Http.GetAsync(new Uri("/health", UriKind.Relative));
                return response.IsSuccessStatusCode;
            }, TimeSpan.FromSeconds(30), $"DevKafka to be healthy on {server.ControlUrl}");
            server.Bootstrap = await server.Http.GetStringAsync(new Uri("/bootstrap", UriKind.Relative));
            return server;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            var output = server.Process.RecentOutput;
            await server.DisposeAsync();
            throw new InvalidOperationException($"{ex.Message}\n{output}", ex);
        }
    }

    /// <summary>
    /// What a <c>read_committed</c> consumer of a real broker reads from <paramref name="topic"/>: committed transactions'
    /// records and those written outside transactions, never an aborted one's (DevKafka's <c>/topics/{topic}/committed</c>;
    /// a plain read_committed consumer of the mock cluster also gets aborted records).
    /// </summary>
    public Task<List<CommittedRecord>> ReadCommittedAsync(string topic) => ReadCommittedAsync(new Uri(ControlUrl), topic);

    /// <summary><see cref="ReadCommittedAsync(string)"/> of the DevKafka whose control endpoint is <paramref name="control"/> (one the AppHost started).</summary>
    public static async Task<List<CommittedRecord>> ReadCommittedAsync(Uri control, string topic)
    {
        // The endpoint waits for the topic to be quiet for a second; reading a busy topic takes longer than Http's 5 s.
        using var http = new HttpClient { BaseAddress = control, Timeout = TimeSpan.FromSeconds(90) };
        var records = await http.GetFromJsonAsync<List<CommittedRecord>>(new Uri($"/topics/{Uri.EscapeDataString(topic)}/committed", UriKind.Relative));
        return records ?? throw new InvalidOperationException($"DevKafka answered null for the committed records of '{topic}'.");
    }

    public async Task<HttpResponseMessage> PostAsync(string path) =>
        await Http.PostAsync(new Uri(path, UriKind.Relative), content: null);

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        Http.Dispose();
        _directory.Dispose();
    }
}
