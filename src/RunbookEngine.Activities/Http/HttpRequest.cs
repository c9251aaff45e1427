using System.ComponentModel;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Format;

namespace RunbookEngine.Activities.Http;

/// <summary>
/// One HTTP request to a management or health API. Not read-only even for GET: the planner cannot know what an
/// endpoint does, and a plan must never send anything. Header values and the body never reach a plan or a log.
/// </summary>
internal sealed partial class HttpRequest : Activity<HttpRequest.Input, HttpRequest.Output>
{
    public const string UnexpectedStatus = "http.status";
    public const string TimedOut = "http.timeout";
    public const string ConnectFailed = "http.connect-failed";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    // One client for the process: sockets are pooled, and connections are recycled so DNS changes are seen.
    // Redirects are not followed: a runbook should see a 3xx and decide, as curl without -L does.
    private static readonly HttpClient Client = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public override string Name => "http.request";

    public override string Description =>
        "Sends one HTTP request and returns status, headers, body text (capped) and parsed JSON; fails on an unexpected status.";

    public override async Task<Output> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (method, uri, timeout) = Validate(input, context);
        var redact = context.Redactor;
        var display = redact.Redact($"{method} {input.Url}");
        using var request = Build(input, method, uri);
        using var deadline = new CancellationTokenSource(timeout, context.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var started = context.TimeProvider.GetTimestamp();
        try
        {
            using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var (text, json) = await HttpResponseReader.ReadAsync(response, redact, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            context.Log.Info("{Request} answered {Status} after {Elapsed}", display, status, Durations.Format(context.TimeProvider.GetElapsedTime(started)));
            var expected = input.ExpectedStatus;
            if (expected is null ? status is < 200 or > 299 : !expected.Contains(status))
            {
                // Retryable when the server says so (busy, overloaded, timed out); a 4xx will not change by asking again.
                var tail = text.Length > 300 ? text[..300] + "…" : text;
                throw new ActivityFailure(UnexpectedStatus,
                    $"{display} answered {status} (expected {(expected is null ? "2xx" : string.Join(" or ", expected))}){(tail.Length > 0 ? ": " + tail.TrimEnd() : string.Empty)}",
                    retryable: status is 408 or 429 or >= 500);
            }

            return new Output { Status = status, Headers = Headers(response, redact), Body = text, Json = json };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ActivityFailure(TimedOut, $"{display} got no complete answer within {Durations.Format(timeout)}", retryable: true);
        }
        catch (HttpRequestException ex)
        {
            // Retryable: a node that is still starting refuses connections for a while.
            var why = ex.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : ex.Message;
            throw new ActivityFailure(ConnectFailed, redact.Redact($"{display} failed: {why}"), retryable: true, ex);
        }
    }

    public override Task<ActivityPlan> PlanAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (method, uri, timeout) = Validate(input, context);
        var redact = context.Redactor;
        using var request = Build(input, method, uri);
        var details = new List<string> { HttpBody.Describe(request.Content as ByteArrayContent) };
        if (input.Headers is { Count: > 0 } headers)
        {
            details.Add("headers " + string.Join(", ", headers.Keys.Order(StringComparer.OrdinalIgnoreCase).Select(redact.Redact)));
        }

        details.Add($"timeout {Durations.Format(timeout)}");
        var target = redact.Redact(input.Url);
        var safe = method is "GET" or "HEAD" or "OPTIONS";
        return Task.FromResult(new ActivityPlan
        {
            Summary = $"send {method} {target}",
            Effects = [new PlannedEffect(EffectKind.Network, target, $"{method}; {string.Join("; ", details)}")],
            Risks = safe ? [] : [new PlanRisk($"the planner cannot see what this {method} request changes", RiskSeverity.Medium)],
        });
    }

    private static (string Method, Uri Uri, TimeSpan Timeout) Validate(Input input, ActivityContext context)
    {
        var method = input.Method.ToUpperInvariant();
        if (!MethodPattern().IsMatch(method))
        {
            throw new ActivityInputException("method", "an HTTP method such as GET or POST", context.Redactor.Redact($"input 'method' must be an HTTP method such as GET or POST, found '{input.Method}'"));
        }

        if (!Uri.TryCreate(input.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ActivityInputException("url", "an absolute http:// or https:// URL", context.Redactor.Redact($"input 'url' must be an absolute http:// or https:// URL, found '{input.Url}'"));
        }

        var timeout = input.Timeout ?? DefaultTimeout;
        return timeout > TimeSpan.Zero
            ? (method, uri, timeout)
            : throw new ActivityInputException("timeout", "a duration longer than 0s", "input 'timeout' must be longer than 0s");
    }

    private static HttpRequestMessage Build(Input input, string method, Uri uri)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), uri) { Content = HttpBody.Create(input.Body) };
        foreach (var (name, value) in input.Headers ?? new Dictionary<string, string>())
        {
            if (request.Headers.TryAddWithoutValidation(name, value))
            {
                continue;
            }

            // Content headers (Content-Type, ...) belong to the body; without a body they have nothing to describe.
            if (request.Content is { } content)
            {
                content.Headers.Remove(name);
                if (content.Headers.TryAddWithoutValidation(name, value))
                {
                    continue;
                }
            }
            else if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            request.Dispose();
            throw new ActivityInputException($"headers.{name}", "a valid HTTP header", $"input 'headers.{name}' is not a header that can be sent");
        }

        return request;
    }

    private static Dictionary<string, string> Headers(HttpResponseMessage response, SecretRedactor redact)
    {
        // Lower-case names: HTTP header names are case-insensitive, expressions are not.
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name.ToLowerInvariant()] = redact.Redact(string.Join(", ", values));
        }

        return headers;
    }

    [GeneratedRegex("^[A-Z]{1,20}$")]
    private static partial Regex MethodPattern();

    internal sealed record Input
    {
        [Description("HTTP method (default GET).")]
        public string Method { get; init; } = "GET";

        [Description("Absolute http:// or https:// URL.")]
        public required string Url { get; init; }

        [Description("Request headers; values are never shown in plans or logs (use them for tokens).")]
        public IReadOnlyDictionary<string, string>? Headers { get; init; }

        [Description("Request body: a string is sent as text/plain, a mapping or list as JSON (set headers.Content-Type to override).")]
        public object? Body { get; init; }

        [Description("Status codes that count as success (default: any 2xx).")]
        public IReadOnlyList<int>? ExpectedStatus { get; init; }

        [Description("Give up if the whole answer has not arrived after this long (default 30s).")]
        public TimeSpan? Timeout { get; init; }
    }

    internal sealed record Output
    {
        [Description("The response status code.")]
        public int Status { get; init; }

        [Description("Response headers, names in lower case, repeated headers joined with ', '.")]
        public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

        [Description("The response body as text (capped at 64 KiB of characters).")]
        public string Body { get; init; } = string.Empty;

        [Description("The body parsed as JSON when the response's content type is JSON; null otherwise.")]
        public object? Json { get; init; }
    }
}
