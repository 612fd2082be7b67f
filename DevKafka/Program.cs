using System.Net;
using DevKafka;

// The embedded development Kafka broker: librdkafka's mock cluster with a control endpoint. See ControlEndpoints.
DevKafkaArguments arguments;
try
{
    arguments = DevKafkaArguments.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"DevKafka: {ex.Message}\n{DevKafkaArguments.Usage}");
    return 2;
}

await Console.Out.WriteLineAsync(
    "DevKafka: WARNING: an in-memory Kafka (librdkafka's mock cluster) for development and tests only; every message is lost when it stops.");

var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, arguments.ControlPort));
builder.Logging.SetMinimumLevel(LogLevel.Warning);
// SIGTERM must end the process within 5 s (the host's contract); nothing here needs longer to drain.
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));

using var cluster = new MockCluster(arguments.Brokers, arguments.Topics);
await using var app = builder.Build();
ControlEndpoints.Map(app, cluster);

try
{
    // The endpoint comes first so that the host can see 503 while the cluster starts.
    await app.StartAsync();
    RdKafkaLibrary.Load();
    cluster.Start();
}
catch (DllNotFoundException ex)
{
    await Console.Error.WriteLineAsync($"DevKafka: {ex.Message}");
    return 1;
}
catch (Exception ex) when (ex is IOException or InvalidOperationException)
{
    await Console.Error.WriteLineAsync($"DevKafka: could not start on control port {arguments.ControlPort}: {ex.Message}");
    return 1;
}

await Console.Out.WriteLineAsync($"DevKafka bootstrap: {cluster.Bootstrap}");
await app.WaitForShutdownAsync();
return 0;
