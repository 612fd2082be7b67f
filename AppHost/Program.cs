using Monitoring.AppHost;
using Monitoring.Hosting;

var builder = DistributedApplication.CreateBuilder(args);
AppModel.Configure(builder);
await builder.Build().RunAsync();
