using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RunbookEngine.Activities.Network;
using RunbookEngine.Activities.Tests.Support;

namespace RunbookEngine.Activities.Tests.Network;

/// <summary>Against listeners on 127.0.0.1 only.</summary>
public sealed class NetworkActivitiesTests
{
    private static TestContext NewContext(TimeProvider? time = null) => new(Path.GetTempPath(), time: time);

    [Fact]
    public async Task Assert_port_closed_passes_when_nothing_listens()
    {
        var test = NewContext();

        await new NetAssertPortClosed().Execute(test.Context, ("address", Loopback.Address(Loopback.ClosedPort())));

        test.Log.Entries.ShouldHaveSingleItem().Template.ShouldBe("Nothing is listening on {Address}");
    }

    [Fact]
    public async Task Assert_port_closed_fails_when_something_listens_and_says_what_to_do()
    {
        using var listener = Loopback.Listen();
        var address = Loopback.Address(Loopback.PortOf(listener));

        var failure = await Should.ThrowAsync<ActivityFailure>(() => new NetAssertPortClosed().Execute(NewContext().Context, ("address", address)));

        failure.ErrorType.ShouldBe("net.port-open");
        failure.Message.ShouldBe($"something is listening on {address}; stop the node first");
        failure.Retryable.ShouldBeTrue();
    }

    [Fact]
    public async Task Assert_port_closed_runs_during_planning()
    {
        using var listener = Loopback.Listen();

        var closed = await new NetAssertPortClosed().Plan(NewContext().Context, ("address", Loopback.Address(Loopback.ClosedPort())));
        closed.RanForReal.ShouldBeTrue();

        await Should.ThrowAsync<ActivityFailure>(() => new NetAssertPortClosed().Plan(NewContext().Context, ("address", Loopback.Address(Loopback.PortOf(listener)))));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    [InlineData(":9001")]
    [InlineData("::1:9001")]
    public async Task Bad_addresses_are_input_errors(string address)
    {
        var error = await Should.ThrowAsync<ActivityInputException>(() => new NetAssertPortClosed().Execute(NewContext().Context, ("address", address)));

        error.Input.ShouldBe("address");
        error.Message.ShouldContain("host:port");
    }

    [Fact]
    public async Task A_zero_connect_timeout_is_refused_because_it_would_always_pass()
    {
        using var listener = Loopback.Listen();

        var error = await Should.ThrowAsync<ActivityInputException>(() => new NetAssertPortClosed().Execute(NewContext().Context,
            ("address", Loopback.Address(Loopback.PortOf(listener))), ("connectTimeout", "0s")));

        error.Input.ShouldBe("connectTimeout");
    }

    [Fact]
    public async Task IPv6_literals_are_written_in_brackets()
    {
        if (!Socket.OSSupportsIPv6)
        {
            return;
        }

        using var listener = new TcpListener(IPAddress.IPv6Loopback, 0);
        try
        {
            listener.Start();
        }
        catch (SocketException)
        {
            return;
        }

        var failure = await Should.ThrowAsync<ActivityFailure>(() =>
            new NetAssertPortClosed().Execute(NewContext().Context, ("address", $"[::1]:{Loopback.PortOf(listener)}")));
        failure.Message.ShouldStartWith("something is listening on [::1]:");
    }

    [Fact]
    public async Task Wait_port_returns_at_once_when_the_port_is_open()
    {
        using var listener = Loopback.Listen();

        var outputs = await new NetWaitPort().Execute(NewContext().Context, ("address", Loopback.Address(Loopback.PortOf(listener))), ("timeout", "5s"));

        outputs["waitedSeconds"].ShouldBeOfType<double>().ShouldBeLessThan(5);
    }

    [Fact]
    public async Task Wait_port_gives_up_when_the_timeout_passes_on_the_context_clock()
    {
        var time = new FakeTimeProvider();
        var test = NewContext(time);
        var wall = Stopwatch.StartNew();

        var waiting = new NetWaitPort().Execute(test.Context, ("address", Loopback.Address(Loopback.ClosedPort())), ("timeout", "1m"));
        await Drive(time, waiting);

        var failure = await Should.ThrowAsync<ActivityFailure>(() => waiting);
        failure.ErrorType.ShouldBe("net.timeout");
        failure.Message.ShouldEndWith("within 1m");
        failure.Retryable.ShouldBeTrue();
        wall.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "a minute of fake time must not take a minute");
    }

    [Fact]
    public async Task Wait_port_succeeds_once_something_starts_listening()
    {
        var time = new FakeTimeProvider();
        var port = Loopback.ClosedPort();
        var waiting = new NetWaitPort().Execute(NewContext(time).Context, ("address", Loopback.Address(port)), ("timeout", "1m"));

        for (var i = 0; i < 8; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(10);
        }

        waiting.IsCompleted.ShouldBeFalse();
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        await Drive(time, waiting);

        var waited = (await waiting)["waitedSeconds"].ShouldBeOfType<double>();
        waited.ShouldBeGreaterThanOrEqualTo(2);
        waited.ShouldBeLessThan(60);
    }

    [Fact]
    public async Task Wait_port_stops_when_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = ((IActivity)new NetWaitPort()).ExecuteAsync(
            Inputs.Of(("address", Loopback.Address(Loopback.ClosedPort())), ("timeout", "10m")), NewContext().Context, cancel.Token);
        await Task.Delay(300);

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Wait_port_plan_probes_once_without_waiting()
    {
        var wall = Stopwatch.StartNew();

        var plan = await new NetWaitPort().Plan(NewContext().Context, ("address", Loopback.Address(Loopback.ClosedPort())), ("timeout", "10m"));

        wall.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        plan.RanForReal.ShouldBeFalse();
        plan.Summary.ShouldEndWith("(it does not yet)");
    }

    /// <summary>Moves fake time in poll-sized steps, letting real sockets answer in between, until the task ends.</summary>
    private static async Task Drive(FakeTimeProvider time, Task task)
    {
        var wall = Stopwatch.StartNew();
        while (!task.IsCompleted && wall.Elapsed < TimeSpan.FromSeconds(30))
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(5);
        }
    }
}
