using Microsoft.Extensions.Hosting;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Tests.KafkaWorkerHost;

// Settings come the way a service gets them: ConnectionStrings__kafka, Monitoring__Kafka__*, Worker__Input/Output.
var builder = Host.CreateApplicationBuilder(args);
builder.AddKafkaStreamWorker<SlowEchoWorker>("kafka");
await builder.Build().RunAsync();
