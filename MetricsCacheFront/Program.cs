// The metrics cache's front address, the local twin of the Kubernetes ClusterIP service in front of the Pushgateway
// StatefulSet: Prometheus scrapes this one URL, and each request goes to the next live replica (round-robin). A
// replica that fails its /-/ready check, or a request, leaves the rotation until it answers again.
// Everything comes from configuration (section ReverseProxy, Yarp's own schema): the AppHost's AddMetricsCache sets
// the replicas as destinations of cluster "metrics-cache" through environment variables.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Yarp.ReverseProxy.Health", LogLevel.Information);
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
app.MapReverseProxy();
app.Run();
