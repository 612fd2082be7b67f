// The sample web producer: POST /forms → Kafka `forms`; GET /ws streams the account's Redis events; GET /version.
var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.AddFormsProducer();

var app = builder.Build();
app.UseFormsProducer();
app.MapFormsEndpoints();
app.MapDefaultEndpoints();
await app.RunAsync();
