using Actors.Simulation.Trace;
using Actors.Simulation.Traffic;
using Actors.Simulator.Commands;

namespace Actors.Simulator.Tests;

/// <summary><c>split</c>: a time-based train/test split whose sides are valid traces and share no traffic or episode.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SplitTests : IDisposable
{
    private static readonly EventType[] SetupTypes = [EventType.MerchantRegistered, EventType.UserRegistered, EventType.AccountOpened, EventType.InitialDeposit];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("split.parquet", "train.parquet", "test.jsonl")]
    [InlineData("split.jsonl", "train.jsonl", "test.parquet")]
    public async Task Both_sides_are_valid_traces_with_the_setup_and_disjoint_traffic_and_episodes(string source, string trainName, string testName)
    {
        var world = TestSupport.Small(seed: 9, users: 400, days: 3, fraud: 0.05);
        var path = await TestSupport.WriteAsync(world, _folder.Path, source);
        var (train, test) = (_folder.File(trainName), _folder.File(testName));

        Assert.Equal(ExitCodes.Ok, await SimulatorCommand.RunAsync(["split", path, "--at", "2025-01-08T06:00:00Z", "--out-train", train, "--out-test", test]));

        var all = await TestSupport.ReadAllAsync(path);
        var trainEvents = await TestSupport.ReadAllAsync(train);
        var testEvents = await TestSupport.ReadAllAsync(test);
        var at = DateTimeOffset.Parse("2025-01-08T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

        // The setup, unchanged, opens both sides.
        var setup = all.TakeWhile(e => e.TimeMs == all[0].TimeMs && e.Type is not (EventType.CardAuthorization or EventType.Transfer or EventType.BalanceCheck or EventType.SalaryDeposit)).ToArray();
        Assert.Equal(setup, trainEvents.Take(setup.Length));
        Assert.Equal(setup, testEvents.Take(setup.Length));
        Assert.Equal(world.AccountCount, setup.Count(e => e.Type == EventType.AccountOpened));
        Assert.All(SetupTypes, t => Assert.Equal(all.Count(e => e.Type == t), testEvents.Count(e => e.Type == t)));

        var trainTraffic = trainEvents.Skip(setup.Length).ToArray();
        var testTraffic = testEvents.Skip(setup.Length).ToArray();
        Assert.NotEmpty(trainTraffic);
        Assert.NotEmpty(testTraffic);
        Assert.True(trainTraffic.Max(e => e.TimeMs) < at);
        Assert.True(testTraffic.Min(e => e.TimeMs) >= at);
        var trainEpisodes = trainTraffic.Where(e => e.Episode != 0).Select(e => e.Episode).ToHashSet();
        var testEpisodes = testTraffic.Where(e => e.Episode != 0).Select(e => e.Episode).ToHashSet();
        Assert.NotEmpty(trainEpisodes);
        Assert.NotEmpty(testEpisodes);
        Assert.Empty(trainEpisodes.Intersect(testEpisodes));

        // Nothing but the tails of episodes spanning the instant, and test-side disputes of train payments, is lost.
        var dropped = all.Count - setup.Length - trainTraffic.Length - testTraffic.Length;
        var followUpsOfTrain = all.Count(e => e.Type.IsFollowUp() && e.TimeMs >= at && e.Episode == 0 && all[(int)e.OriginalSeq].TimeMs < at);
        Assert.Equal(all.Count(e => e.TimeMs >= at && trainEpisodes.Contains(e.Episode)) + followUpsOfTrain, dropped);

        // Refunds and chargebacks name their payment by its new seq on either side.
        Assert.Contains(trainEvents.Concat(testEvents), e => e.Type == EventType.Chargeback);
        Assert.Contains(trainEvents.Concat(testEvents), e => e.Type == EventType.Refund);
        foreach (var side in new[] { trainEvents, testEvents })
        {
            Assert.All(side.Where(e => e.Type.IsFollowUp()), c =>
            {
                var payment = side[(int)c.OriginalSeq];
                Assert.Equal((EventType.CardAuthorization, c.AccountId, c.MerchantId, c.Fraud), (payment.Type, payment.AccountId, payment.MerchantId, payment.Fraud));
            });
        }
        Assert.Equal(ExitCodes.Ok, await SimulatorCommand.RunAsync(["inspect", train]));
        Assert.Equal(ExitCodes.Ok, await SimulatorCommand.RunAsync(["replay", test, "--engine", "ledger"]));
    }

    [Fact]
    public void An_episode_spanning_the_instant_stays_in_train_and_its_tail_is_dropped()
    {
        TraceEvent At(long time, long episode) => new() { TimeMs = time, Type = EventType.CardAuthorization, Episode = episode };
        TraceEvent[] events = [new() { Type = EventType.UserRegistered }, At(5, 1), At(9, 0), At(10, 1), At(11, 2), At(12, 0)];

        var train = TraceSplit.Side(events.ToAsyncEnumerable(), 10, isTrain: true).ToBlockingEnumerable().ToArray();
        var test = TraceSplit.Side(events.ToAsyncEnumerable(), 10, isTrain: false).ToBlockingEnumerable().ToArray();

        Assert.Equal([0L, 5, 9], train.Select(e => e.TimeMs));
        Assert.Equal([0L, 11, 12], test.Select(e => e.TimeMs));
        Assert.Equal([0L, 1, 2], test.Select(e => e.Seq));
    }

    [Theory]
    [InlineData("1.5", "strictly between 0 and 1")]
    [InlineData("0", "strictly between 0 and 1")]
    [InlineData("2030-01-01", "outside the trace's period")]
    [InlineData("next tuesday", "neither a fraction")]
    public async Task A_bad_at_names_the_problem_and_exits_2(string at, string problem)
    {
        var path = await TestSupport.WriteAsync(TestSupport.Small(users: 20), _folder.Path, "small.jsonl");
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(ExitCodes.BadArguments, await SimulatorCommand.RunAsync(["split", path, "--at", at, "--out-train", _folder.File("a.jsonl"), "--out-test", _folder.File("b.jsonl")]));
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Contains(problem, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--at", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("a.jsonl")));
    }
}
