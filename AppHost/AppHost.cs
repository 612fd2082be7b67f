using Microsoft.Extensions.Configuration;
using MonitoringStack.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// Kafka: DevKafka (in memory, development and tests only), or the existing cluster in ConnectionStrings:kafka.
var kafka = builder.Configuration.GetConnectionString("kafka") is { Length: > 0 }
    ? builder.AddConnectionString("kafka")
    : builder.AddDevKafka("kafka", brokers: 3);

var redis = builder.AddRedisServer("redis");

var influx = builder.AddInfluxDb("influxdb", database: "monitoring");

// Services push their metrics to every replica; Prometheus scrapes one front address.
var metricsCache = builder.AddMetricsCache("metrics-cache", replicas: 2);

builder.AddPrometheus("prometheus", scrapeInterval: TimeSpan.FromSeconds(1))
    .WithScrapeTarget(metricsCache)
    // The alerts the Kubernetes deployment's Prometheus evaluates too: one file for both.
    .WithRuleFile("../deploy/kubernetes/base/prometheus/alerts.yml")
    .WithGraphUrl("sum by (app) (rate(messages_consumed[1m]))", "messages_consumed per app")
    .WithGraphUrl("sum by (app, exception) (rate(messages_errors[1m]))", "messages_errors per app");

var infrastructure = new TemplateInfrastructure(kafka, redis, influx, metricsCache);

// Add your own services: each gets the servers, their settings and the metrics cache's replicas.
//   builder.AddProject<Projects.MonitoringStack_MyService>("my-service").WithMonitoredService(infrastructure);
//#if (samples)
// The samples: sample-consumer and sample-web-producer (×2). The web producer's API key is a secret parameter, masked on
// the dashboard: the development value is in appsettings.json; give yours with Parameters__forms-api-key.
var formsApiKey = builder.AddParameter("forms-api-key", secret: true);
builder.AddSamples(infrastructure, formsApiKey);
//#endif

builder.AddStartupSummary();

// Each resource counts as healthy as soon as it is ready, so what waits for it starts at once.
builder.AddPromptReadiness();

// Ctrl+C stops the services while Kafka, Redis and InfluxDB still run, then the servers.
builder.AddDependentsFirstShutdown();

builder.Build().Run();
