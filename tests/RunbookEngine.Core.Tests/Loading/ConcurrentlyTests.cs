using RunbookEngine.Loading;

namespace RunbookEngine.Core.Tests.Loading;

public sealed class ConcurrentlyTests
{
    [Fact]
    public void Map_keeps_results_in_input_order()
    {
        Concurrently.Map(200, i => i * 2).ShouldBe(Enumerable.Range(0, 200).Select(i => i * 2));
    }

    [Fact]
    public void Map_rethrows_the_first_failure()
    {
        Should.Throw<InvalidOperationException>(() => Concurrently.Map(50, i => i == 17 ? throw new InvalidOperationException("17") : i))
            .Message.ShouldBe("17");
    }

    [Fact]
    public void Pipeline_runs_the_second_stage_on_each_first_result_in_order()
    {
        var firstThreads = new HashSet<int>();
        var results = Concurrently.Pipeline(100, i =>
        {
            lock (firstThreads)
            {
                firstThreads.Add(Environment.CurrentManagedThreadId);
            }

            return i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }, s => s + "!");

        results.ShouldBe(Enumerable.Range(0, 100).Select(i => $"{i}!"));
        firstThreads.Count.ShouldBe(1);
    }

    [Fact]
    public void Pipeline_rethrows_a_failure_of_either_stage()
    {
        Should.Throw<InvalidOperationException>(() => Concurrently.Pipeline(20, i => i == 5 ? throw new InvalidOperationException("first") : i, i => i))
            .Message.ShouldBe("first");
        Should.Throw<InvalidOperationException>(() => Concurrently.Pipeline(20, i => i, i => i == 5 ? throw new InvalidOperationException("second") : i))
            .Message.ShouldBe("second");
    }

    [Fact]
    public void Pipeline_shares_slow_second_stages_and_still_keeps_order()
    {
        var secondThreads = new HashSet<int>();
        var results = Concurrently.Pipeline(40, i => i, i =>
        {
            lock (secondThreads)
            {
                secondThreads.Add(Environment.CurrentManagedThreadId);
            }

            Thread.Sleep(2);
            return i * 3;
        });

        results.ShouldBe(Enumerable.Range(0, 40).Select(i => i * 3));
        if (Environment.ProcessorCount > 1)
        {
            secondThreads.Count.ShouldBe(2);
        }
    }

    [Fact]
    public void Pipeline_rethrows_a_failure_of_a_second_stage_taken_by_the_helper()
    {
        Should.Throw<InvalidOperationException>(() => Concurrently.Pipeline(40, i => i, i =>
        {
            Thread.Sleep(1);
            return i == 39 ? throw new InvalidOperationException("last") : i;
        })).Message.ShouldBe("last");
    }

    [Fact]
    public void Nothing_to_do_gives_nothing()
    {
        Concurrently.Map(0, i => i).ShouldBeEmpty();
        Concurrently.Pipeline(0, i => i, i => i).ShouldBeEmpty();
    }
}
