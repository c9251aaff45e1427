using System.Diagnostics;
using RunbookEngine.Activities.Http;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Tests.Support;
using RunbookEngine.Expressions;
using static RunbookEngine.Activities.Tests.Support.Inputs;

namespace RunbookEngine.Activities.Tests.Http;

/// <summary>Against <see cref="LoopbackHttpServer"/> on 127.0.0.1 only.</summary>
public sealed class HttpRequestTests
{
    private const string Secret = "Tk-secret-4411";

    private static TestContext NewContext(TimeProvider? time = null) => new(Path.GetTempPath(), [Secret], time: time);

    [Fact]
    public async Task A_get_returns_status_headers_body_and_parsed_json()
    {
        using var server = new LoopbackHttpServer(_ => new CannedResponse(200, """{"state":"ready","term":7,"members":["a","b"]}""", "application/json",
            new Dictionary<string, string> { ["X-Raft-Leader"] = "node2" }));

        var outputs = await new HttpRequest().Execute(NewContext().Context, ("url", server.Url("/status")));

        outputs["status"].ShouldBe(200L);
        outputs["body"].ShouldBe("""{"state":"ready","term":7,"members":["a","b"]}""");
        var headers = outputs["headers"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!;
        headers["x-raft-leader"].ShouldBe("node2");
        headers["content-type"].ShouldBe("application/json");
        var json = outputs["json"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!;
        json["state"].ShouldBe("ready");
        json["term"].ShouldBe(7L);
        json["members"].ShouldBe(new List<object?> { "a", "b" });
        server.Requests.ShouldHaveSingleItem().Method.ShouldBe("GET");
    }

    [Fact]
    public async Task A_mapping_body_is_sent_as_json_and_a_string_body_as_text()
    {
        using var server = new LoopbackHttpServer(_ => new CannedResponse(204));

        await new HttpRequest().Execute(NewContext().Context,
            ("method", "post"), ("url", server.Url("/restore")), ("body", Of(("node", 2L), ("force", true), ("tags", List("a", null)))));
        await new HttpRequest().Execute(NewContext().Context, ("method", "PUT"), ("url", server.Url("/note")), ("body", "plain text"));

        var (json, text) = (server.Requests[0], server.Requests[1]);
        json.Method.ShouldBe("POST");
        json.Target.ShouldBe("/restore");
        json.Headers["content-type"].ShouldBe("application/json; charset=utf-8");
        json.Body.ShouldBe("""{"node":2,"force":true,"tags":["a",null]}""");
        text.Headers["content-type"].ShouldBe("text/plain; charset=utf-8");
        text.Body.ShouldBe("plain text");
    }

    [Fact]
    public async Task A_json_body_carries_secrets_text_and_numbers_json_cannot_hold_without_failing()
    {
        using var server = new LoopbackHttpServer(_ => new CannedResponse(204));

        await new HttpRequest().Execute(NewContext().Context, ("method", "POST"), ("url", server.Url("/x")),
            ("body", Of(("password", new SecretValue(Secret)), ("note", "nœud <1>"), ("ratio", double.NaN), ("limit", double.PositiveInfinity), ("share", 0.5))));

        server.Requests[0].Body.ShouldBe($$$"""{"password":"{{{Secret}}}","note":"nœud <1>","ratio":"NaN","limit":"Infinity","share":0.5}""");
    }

    [Fact]
    public async Task Headers_are_sent_including_a_secret_and_a_content_type_override()
    {
        using var server = new LoopbackHttpServer(_ => new CannedResponse(200));
        var test = NewContext();

        await new HttpRequest().Execute(test.Context, ("method", "POST"), ("url", server.Url()),
            ("headers", Of(("Authorization", new SecretValue("Bearer " + Secret)), ("Content-Type", "application/x-ndjson"))), ("body", "{}\n"));

        var request = server.Requests.ShouldHaveSingleItem();
        request.Headers["authorization"].ShouldBe("Bearer " + Secret);
        request.Headers["content-type"].ShouldBe("application/x-ndjson");
        test.Log.AllText.ShouldNotContain(Secret);
    }

    [Theory]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(404, false)]
    [InlineData(302, false)]
    public async Task An_unexpected_status_fails_and_says_whether_a_retry_can_help(int status, bool retryable)
    {
        using var server = new LoopbackHttpServer(_ => new CannedResponse(status, "node is busy", Headers: new Dictionary<string, string> { ["Location"] = "/elsewhere" }));

        var failure = await Should.ThrowAsync<ActivityFailure>(() => new HttpRequest().Execute(NewContext().Context, ("url", server.Url("/x"))));

        failure.ErrorType.ShouldBe("http.status");
        failure.Message.ShouldBe($"GET {server.Url("/x")} answered {status} (expected 2xx): node is busy");
        failure.Retryable.ShouldBe(retryable);
        server.Requests.Count.ShouldBe(1, "a redirect is not followed");
    }

    [Fact]
    public async Task Expected_status_codes_count_as_success()
    {
        using var server = new LoopbackHttpServer(_ => new CannedResponse(404, "no such backup"));

        var outputs = await new HttpRequest().Execute(NewContext().Context, ("url", server.Url()), ("expectedStatus", List(200L, 404L)));

        outputs["status"].ShouldBe(404L);
        outputs["json"].ShouldBeNull();
    }

    [Fact]
    public async Task Secrets_in_the_response_are_redacted_in_body_json_and_headers()
    {
        using var server = new LoopbackHttpServer(_ => new CannedResponse(200, $$"""{"token":"{{Secret}}","{{Secret}}":1}""", "application/problem+json",
            new Dictionary<string, string> { ["X-Token"] = Secret }));

        var outputs = await new HttpRequest().Execute(NewContext().Context, ("url", server.Url()));

        outputs["body"].ShouldBe("""{"token":"***","***":1}""");
        var json = outputs["json"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!;
        json["token"].ShouldBe("***");
        json["***"].ShouldBe(1L);
        outputs["headers"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!["x-token"].ShouldBe("***");
    }

    [Fact]
    public async Task A_long_body_is_capped_and_the_cut_is_marked()
    {
        using var server = new LoopbackHttpServer(_ => new CannedResponse(200, new string('a', 200_000)));

        var outputs = await new HttpRequest().Execute(NewContext().Context, ("url", server.Url()));

        var body = outputs["body"].ShouldBeOfType<string>();
        body.ShouldStartWith(new string('a', HttpResponseReader.MaxText));
        body.ShouldEndWith($"\n… [{200_000 - HttpResponseReader.MaxText} more characters not captured]");
    }

    [Fact]
    public async Task A_refused_connection_fails_retryably()
    {
        var url = $"http://{Loopback.Address(Loopback.ClosedPort())}/";

        var failure = await Should.ThrowAsync<ActivityFailure>(() => new HttpRequest().Execute(NewContext().Context, ("url", url)));

        failure.ErrorType.ShouldBe("http.connect-failed");
        failure.Message.ShouldStartWith($"GET {url} failed:");
        failure.Retryable.ShouldBeTrue();
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_on_the_context_clock()
    {
        // Connections are queued by the OS and never accepted, so the request is sent and no answer comes.
        using var listener = Loopback.Listen();
        var time = new FakeTimeProvider();
        var wall = Stopwatch.StartNew();
        var request = new HttpRequest().Execute(NewContext(time).Context, ("url", $"http://{Loopback.Address(Loopback.PortOf(listener))}/"), ("timeout", "1m"));

        while (!request.IsCompleted && wall.Elapsed < TimeSpan.FromSeconds(20))
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(10);
        }

        var failure = await Should.ThrowAsync<ActivityFailure>(() => request);
        failure.ErrorType.ShouldBe("http.timeout");
        failure.Message.ShouldEndWith("got no complete answer within 1m");
        failure.Retryable.ShouldBeTrue();
    }

    [Fact]
    public async Task Cancellation_stops_a_request_in_flight()
    {
        using var listener = Loopback.Listen();
        using var cancel = new CancellationTokenSource();
        var request = ((IActivity)new HttpRequest()).ExecuteAsync(Of(("url", $"http://{Loopback.Address(Loopback.PortOf(listener))}/")), NewContext().Context, cancel.Token);
        await Task.Delay(200);

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => request.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData("url", "ftp://127.0.0.1/x")]
    [InlineData("url", "/relative/path")]
    [InlineData("method", "GET /x")]
    [InlineData("body", 42L)]
    [InlineData("timeout", "0s")]
    public async Task Bad_inputs_are_named(string input, object value)
    {
        var inputs = Of(("url", "http://127.0.0.1:9/"));
        inputs[input] = value;

        var error = await Should.ThrowAsync<ActivityInputException>(() => ((IActivity)new HttpRequest()).ExecuteAsync(inputs, NewContext().Context, CancellationToken.None));

        error.Input.ShouldBe(input);
    }

    [Fact]
    public async Task The_plan_names_method_url_and_header_names_and_sends_nothing()
    {
        using var server = new LoopbackHttpServer(_ => new CannedResponse(200));

        var plan = await new HttpRequest().Plan(NewContext().Context, ("method", "DELETE"), ("url", server.Url("/nodes/2")),
            ("headers", Of(("Authorization", "Bearer value-not-shown"))), ("body", Of(("why", "value-not-shown"))));

        server.Requests.ShouldBeEmpty();
        plan.Summary.ShouldBe($"send DELETE {server.Url("/nodes/2")}");
        var effect = plan.Effects.ShouldHaveSingleItem();
        effect.Kind.ShouldBe(EffectKind.Network);
        effect.Detail.ShouldBe("DELETE; 25 bytes of application/json; headers Authorization; timeout 30s");
        effect.Detail!.ShouldNotContain("value-not-shown");
        plan.Risks.ShouldHaveSingleItem().Severity.ShouldBe(RiskSeverity.Medium);
    }

    [Fact]
    public async Task A_get_plan_carries_no_risk()
    {
        var plan = await new HttpRequest().Plan(NewContext().Context, ("url", "http://127.0.0.1:9/health"));

        plan.Risks.ShouldBeEmpty();
    }
}
