using System.Text.Json;
using RunbookEngine.Activities.Context;
using RunbookEngine.Activities.Planning;
using RunbookEngine.Activities.Tests.Support;
using RunbookEngine.Format;

namespace RunbookEngine.Activities.Tests.Conformance;

/// <summary>
/// What every registered activity promises, checked the way the engine calls it (through <see cref="IActivity"/>):
/// planning changes nothing and asks no one, cancellation is honoured, bad inputs are named, secrets stay secret.
/// </summary>
public sealed class ConformanceTests : IDisposable
{
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(5);
    private readonly SampleEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    public static TheoryData<string> Activities() => new(BuiltInActivities.Create().Select(a => a.Name));

    private static IActivity Find(string name) => BuiltInActivities.Create().Single(a => a.Name == name);

    private static bool IsReadOnly(IActivity activity) => activity.Descriptor.Traits.HasFlag(ActivityTraits.ReadOnly);

    [Fact]
    public void Every_registered_activity_has_samples()
    {
        BuiltInActivities.Create().Select(a => a.Name).ShouldBe(ActivitySample.All.Keys, ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Activities))]
    public async Task Planning_changes_nothing_and_asks_no_operator(string name)
    {
        var activity = Find(name);
        var test = new TestContext(_env.Path());
        var before = _env.Tree.Fingerprint();

        try
        {
            await activity.PlanAsync(ActivitySample.All[name].Valid(_env), test.Context, CancellationToken.None);
        }
        catch (ActivityFailure) when (IsReadOnly(activity))
        {
            // A read-only activity ran for real during planning and failed (flow.fail always does); that is its plan.
        }

        _env.Tree.Fingerprint().ShouldBe(before, $"{name} changed files while planning");
        test.Gate.Requests.ShouldBeEmpty($"{name} asked an operator while planning");
    }

    [Theory]
    [MemberData(nameof(Activities))]
    public async Task A_cancelled_token_stops_planning_and_execution_promptly(string name)
    {
        var activity = Find(name);
        var test = new TestContext(_env.Path());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var before = _env.Tree.Fingerprint();

        await Should.ThrowAsync<OperationCanceledException>(() =>
            activity.PlanAsync(ActivitySample.All[name].Valid(_env), test.Context, cancelled.Token).WaitAsync(Promptly));
        await Should.ThrowAsync<OperationCanceledException>(() =>
            activity.ExecuteAsync(ActivitySample.All[name].Valid(_env), test.Context, cancelled.Token).WaitAsync(Promptly));

        _env.Tree.Fingerprint().ShouldBe(before, $"{name} did something after it was cancelled");
        test.Gate.Requests.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Activities))]
    public async Task Each_missing_required_input_is_named(string name)
    {
        var activity = Find(name);
        foreach (var field in activity.Descriptor.Inputs.Where(f => f.Required))
        {
            var inputs = ActivitySample.All[name].Valid(_env);
            inputs.Remove(field.Name);

            foreach (var call in Calls(activity, inputs))
            {
                var error = await Should.ThrowAsync<ActivityInputException>(call);
                error.Input.ShouldBe(field.Name);
                error.Message.ShouldContain($"'{field.Name}'");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Activities))]
    public async Task Each_input_of_the_wrong_type_is_named(string name)
    {
        var activity = Find(name);
        foreach (var field in activity.Descriptor.Inputs)
        {
            var inputs = ActivitySample.All[name].Valid(_env);
            inputs[field.Name] = WrongValueFor(field.Shape);

            foreach (var call in Calls(activity, inputs))
            {
                var error = await Should.ThrowAsync<ActivityInputException>(call, $"{name}.{field.Name}");
                error.Input.ShouldBe(field.Name);
                error.Message.ShouldContain($"'{field.Name}'");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Activities))]
    public async Task A_secret_input_never_shows_in_a_plan_a_log_a_question_or_an_error(string name)
    {
        var activity = Find(name);
        var sample = ActivitySample.All[name];
        string[] secrets = [SampleEnvironment.Secret, .. sample.Secrets ?? []];
        var test = new TestContext(_env.Path(), secrets);
        var seen = new List<string>();

        foreach (var (plan, call) in new[] { (true, Calls(activity, sample.WithSecret(_env), test.Context)[0]), (false, Calls(activity, sample.WithSecret(_env), test.Context)[1]) })
        {
            try
            {
                var result = await call().WaitAsync(TimeSpan.FromSeconds(30));
                if (plan)
                {
                    seen.Add(JsonSerializer.Serialize(result));
                }
            }
            catch (Exception ex) when (ex is ActivityFailure or ActivityPausedException)
            {
                seen.Add(ex.Message);
            }
        }

        seen.Add(test.Log.AllText);
        seen.AddRange(test.Gate.Requests.Select(r => r.Message));
        seen.AddRange(test.Progress.Reports.Select(p => p.CurrentItem ?? string.Empty));
        foreach (var text in seen)
        {
            foreach (var secret in secrets)
            {
                text.ShouldNotContain(secret, Case.Sensitive, $"{name} leaked a secret");
            }
        }
    }

    /// <summary>Plan and execute with the same inputs; each returns its result as an object so one loop checks both.</summary>
    private static Func<Task<object>>[] Calls(IActivity activity, Dictionary<string, object?> inputs, ActivityContext? context = null)
    {
        context ??= new TestContext(Path.GetTempPath()).Context;
        return
        [
            async () => await activity.PlanAsync(inputs, context, CancellationToken.None),
            async () => await activity.ExecuteAsync(inputs, context, CancellationToken.None),
        ];
    }

    /// <summary>A value the loader would reject for the shape: a mapping where a scalar belongs (strings accept any scalar), a scalar for the rest.</summary>
    private static object? WrongValueFor(Shape shape) => shape switch
    {
        ScalarShape { Kind: ScalarKind.String } => Inputs.Of(("not", "a string")),
        ScalarShape => "not a number or a boolean",
        _ => 42L,
    };
}
