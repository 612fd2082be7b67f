// The sample stream worker: forms → outgoing, an event per form on Redis events:{account_id}, rejects → forms.dlq.
var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.AddFormsConsumer();

var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
