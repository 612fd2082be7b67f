using System.Net;
using System.Text;
using System.Text.Json;

namespace MonitoringStack.SampleWebProducer.Tests;

/// <summary>POST /forms with an Idempotency-Key on the collection's producer, DevKafka and redis-server.</summary>
[Collection(ProducerServersGroup.Name)]
public sealed class IdempotentIntakeTests(ProducerServers servers)
{
    [Fact]
    public async Task PostForms_SameKeyAndBodyTwice_SecondGetsTheFirstAnswerAndTheTopicHoldsOneForm()
    {
        await KeyedForms.RedisConnectedAsync(servers.App);
        var (key, prefix) = NewKey();
        var before = KeyedForms.Counter(servers.App.Metrics, "forms_idempotent_replays");

        var first = await KeyedForms.PostAsync(servers.App.Client, KeyedForms.Form("fay"), key, prefix + "first");
        var repeat = await KeyedForms.PostAsync(servers.App.Client, KeyedForms.Form("fay"), key, prefix + "repeat");

        Assert.Equal((HttpStatusCode.Accepted, false), (first.Status, first.Replayed));
        Assert.Equal((HttpStatusCode.Accepted, true), (repeat.Status, repeat.Replayed));
        Assert.Equal(first.Body, repeat.Body);
        Assert.Equal(prefix + "first", repeat.RequestId);
        using var answer = JsonDocument.Parse(repeat.Body);
        Assert.Equal(prefix + "first", answer.RootElement.GetProperty("request_id").GetString());
        Assert.Equal(ProducerServers.Topic, answer.RootElement.GetProperty("topic").GetString());
        Assert.Equal([prefix + "first"], KeyedForms.RequestIds(servers.Bootstrap, ProducerServers.Topic, prefix));
        Assert.Equal(before + 1, KeyedForms.Counter(servers.App.Metrics, "forms_idempotent_replays"));
    }

    [Fact]
    public async Task PostForms_SameKeyOtherBody_Answers422NamingTheConflictAndProducesNothingMore()
    {
        await KeyedForms.RedisConnectedAsync(servers.App);
        var (key, prefix) = NewKey();

        var first = await KeyedForms.PostAsync(servers.App.Client, KeyedForms.Form("gil"), key, prefix + "first");
        var other = await KeyedForms.PostAsync(servers.App.Client, KeyedForms.Form("gus"), key, prefix + "other");

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        using var problem = JsonDocument.Parse(other.Body);
        Assert.Equal("IdempotencyKeyReused", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal($"Idempotency-Key '{key}' was already used for a different form (another body); send a new key for a new form.",
            problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal([prefix + "first"], KeyedForms.RequestIds(servers.Bootstrap, ProducerServers.Topic, prefix));
    }

    [Fact]
    public async Task PostForms_EightAtOnceWithOneKey_EveryAnswerIsTheFirstAndTheTopicHoldsOneForm()
    {
        await KeyedForms.RedisConnectedAsync(servers.App);
        var (key, prefix) = NewKey();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            KeyedForms.PostAsync(servers.App.Client, KeyedForms.Form("hal"), key, prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        // One request claimed the key; the others found it in flight, waited for its answer and got that answer.
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
        Assert.Single(answers, a => !a.Replayed);
        var first = answers.Single(a => !a.Replayed).RequestId!;
        Assert.All(answers, a => Assert.Equal((answers[0].Body, first), (a.Body, a.RequestId)));
        Assert.Equal([first], KeyedForms.RequestIds(servers.Bootstrap, ProducerServers.Topic, prefix));
    }

    [Fact]
    public async Task PostForms_QuotedAndBareKey_AreOneKey()
    {
        await KeyedForms.RedisConnectedAsync(servers.App);
        var (key, prefix) = NewKey();

        var quoted = await KeyedForms.PostAsync(servers.App.Client, KeyedForms.Form("ida"), $"\"{key}\"", prefix + "quoted");
        var bare = await KeyedForms.PostAsync(servers.App.Client, KeyedForms.Form("ida"), key, prefix + "bare");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted, true), (quoted.Status, bare.Status, bare.Replayed));
        Assert.Equal([prefix + "quoted"], KeyedForms.RequestIds(servers.Bootstrap, ProducerServers.Topic, prefix));
    }

    [Theory]
    [InlineData("", "The Idempotency-Key header is empty.")]
    [InlineData("\"\"", "The Idempotency-Key header is empty.")]
    [InlineData("two words", "The Idempotency-Key may hold only visible ASCII characters (no spaces, no control characters).")]
    [InlineData("long", "The Idempotency-Key is 256 characters long; at most 255 are accepted.")]
    public async Task PostForms_BadIdempotencyKey_Answers400NamingTheProblemAndProducesNothing(string key, string detail)
    {
        var prefix = "bad-key-" + Guid.NewGuid().ToString("N") + "-";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/forms") { Content = new StringContent(KeyedForms.Form("ivy"), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", ProducerServers.ApiKey);
        request.Headers.Add("X-Request-Id", prefix + "0");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key == "long" ? new string('k', 256) : key);

        using var response = await servers.App.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(("InvalidIdempotencyKey", detail), (problem.RootElement.GetProperty("title").GetString(), problem.RootElement.GetProperty("detail").GetString()));
        Assert.Empty(KeyedForms.RequestIds(servers.Bootstrap, ProducerServers.Topic, prefix));
    }

    private static (string Key, string RequestIdPrefix) NewKey()
    {
        var id = Guid.NewGuid().ToString("N");
        return ("key-" + id, "idem-" + id + "-");
    }
}
