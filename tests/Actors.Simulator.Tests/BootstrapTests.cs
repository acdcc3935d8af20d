using Actors.Simulation.Fraud;
using Actors.Simulation.Traffic;
using Actors.Simulator.Commands;

namespace Actors.Simulator.Tests;

/// <summary>Bootstrap intervals of the detection report: hand-computed cases, degenerate input, determinism, the report.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class BootstrapTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static PatternEpisodes Pattern(params (int Payments, int Detected)[] episodes) =>
        new("p", episodes.Select(e => new EpisodeOutcome(e.Payments, e.Detected)).ToArray());

    private static DetectionIntervals One(PatternEpisodes pattern, int[] falsePositivesPerUser, long seed = 1) =>
        Assert.Single(EpisodeBootstrap.Run([pattern], falsePositivesPerUser, new BootstrapOptions { Seed = seed }));

    [Fact]
    public void A_pattern_with_every_episode_detected_and_no_false_positive_has_intervals_of_one()
    {
        var i = One(Pattern((3, 3), (1, 1), (5, 5), (2, 2), (4, 4), (6, 6)), [0, 0, 0, 0]);

        Assert.Equal(new ConfidenceInterval(1, 1), i.Precision);
        Assert.Equal(new ConfidenceInterval(1, 1), i.Recall);
        Assert.Equal(new ConfidenceInterval(1, 1), i.F1);
        Assert.Equal(6, i.Episodes);
    }

    [Fact]
    public void Identical_episodes_and_users_give_a_point_interval_at_the_hand_computed_scores()
    {
        // Five episodes of 2 payments, 1 detected; three users with 1 false positive each: every resample
        // has 5 detected of 10 and 3 false positives, so precision 5/8, recall 1/2, F1 2(5/8)(1/2)/(9/8) = 5/9.
        var i = One(Pattern((2, 1), (2, 1), (2, 1), (2, 1), (2, 1)), [1, 1, 1]);

        Assert.Equal(5.0 / 8, i.Precision!.Value.Low, 12);
        Assert.Equal(5.0 / 8, i.Precision!.Value.High, 12);
        Assert.Equal(new ConfidenceInterval(0.5, 0.5), i.Recall);
        Assert.Equal(5.0 / 9, i.F1!.Value.Low, 12);
        Assert.Equal(5.0 / 9, i.F1!.Value.High, 12);
    }

    [Fact]
    public void Nothing_detected_gives_zero_intervals_not_a_division_by_zero()
    {
        var i = One(Pattern((2, 0), (3, 0), (1, 0), (4, 0), (2, 0)), [0, 0]);

        Assert.Equal(new ConfidenceInterval(0, 0), i.Precision);
        Assert.Equal(new ConfidenceInterval(0, 0), i.Recall);
        Assert.Equal(new ConfidenceInterval(0, 0), i.F1);
    }

    [Fact]
    public void Fewer_than_five_episodes_get_no_interval()
    {
        var few = One(Pattern((2, 2), (2, 0), (1, 1), (3, 0)), [0, 1]);
        var none = One(Pattern(), []);

        Assert.True(few.TooFewEpisodes);
        Assert.Null(few.Recall);
        Assert.Equal(4, few.Episodes);
        Assert.True(none.TooFewEpisodes);
        Assert.Contains("n too small (4 episodes", DetectionIntervals.Format(few.Recall, few), StringComparison.Ordinal);
    }

    [Fact]
    public void Mixed_episodes_give_an_interval_around_the_point_estimate_that_a_seed_reproduces()
    {
        // Ten episodes, half caught whole and half missed: recall 0.5, and resampling episodes spreads it.
        var pattern = Pattern([.. Enumerable.Range(0, 10).Select(k => (4, k % 2 == 0 ? 4 : 0))]);
        int[] users = [0, 0, 3, 0, 1, 0, 0, 2];

        var first = One(pattern, users, seed: 7);
        var again = One(pattern, users, seed: 7);
        var other = One(pattern, users, seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.InRange(0.5, first.Recall!.Value.Low + 1e-9, first.Recall!.Value.High - 1e-9);
        Assert.True(first.Recall!.Value.High - first.Recall!.Value.Low >= 0.3, $"recall interval {first.Recall} is narrower than ten episodes allow");
        Assert.InRange(first.Precision!.Value.Low, 0, 20.0 / 26);
        Assert.InRange(first.Precision!.Value.High, 20.0 / 26, 1);
    }

    [Fact]
    public void Percentiles_interpolate_between_order_statistics()
    {
        double[] values = [5, 1, 4, 2, 3];

        Assert.Equal(new ConfidenceInterval(2, 4), EpisodeBootstrap.Percentiles(values, 0.25));
        var tenth = EpisodeBootstrap.Percentiles(values, 0.1);
        Assert.Equal(1.4, tenth.Low, 12);
        Assert.Equal(4.6, tenth.High, 12);
        Assert.Equal(new ConfidenceInterval(7, 7), EpisodeBootstrap.Percentiles([7], 0.025));
        Assert.Throws<ArgumentException>(() => EpisodeBootstrap.Percentiles([], 0.025));
    }

    [Theory]
    [InlineData(0, 0.95, "Resamples")]
    [InlineData(99, 0.95, "Resamples")]
    [InlineData(100_001, 0.95, "Resamples")]
    [InlineData(1000, 1.0, "Confidence")]
    [InlineData(1000, double.NaN, "Confidence")]
    public void Bad_bootstrap_options_are_refused_naming_the_option(int resamples, double confidence, string option)
    {
        var options = new BootstrapOptions { Resamples = resamples, Confidence = confidence };

        Assert.Contains(options.Validate(), e => e.StartsWith(option, StringComparison.Ordinal));
        var refused = Assert.Throws<ArgumentException>(() => EpisodeBootstrap.Run([Pattern((1, 1))], [0], options));
        Assert.Contains(option, refused.Message, StringComparison.Ordinal);
        Assert.Empty(new BootstrapOptions().Validate());
    }

    [Fact]
    public void The_scoreboard_groups_payments_by_episode_and_leaves_failed_calls_out()
    {
        var board = new FraudScoreboard();
        for (var episode = 1; episode <= 6; episode++)
        {
            board.Record(FraudLabel.CardTesting, CardDecision.DeclinedAsFraud, episode, "u1");
            board.Record(FraudLabel.CardTesting, CardDecision.Approved, episode, "u1");
            board.Record(FraudLabel.CardTesting, CardDecision.Failed, episode, "u1");
        }

        board.Record(FraudLabel.ClonedCard, CardDecision.DeclinedFrozen, 40, "u2");
        board.Record(FraudLabel.None, CardDecision.ApprovedWithAlert, 0, "u3");
        board.Record(FraudLabel.None, CardDecision.Approved, 0, "u4");

        var intervals = board.Intervals(new BootstrapOptions()).ToDictionary(i => i.Pattern);

        Assert.Equal(6, intervals["card_testing"].Episodes);
        Assert.Equal(new ConfidenceInterval(0.5, 0.5), intervals["card_testing"].Recall);
        Assert.Equal(1, intervals["cloned_card"].Episodes);
        Assert.True(intervals["cloned_card"].TooFewEpisodes);
        Assert.Equal(7, intervals["overall"].Episodes);
        Assert.Equal(board.Scores().Select(s => s.Pattern), board.Intervals(new BootstrapOptions()).Select(i => i.Pattern));
    }

    [Fact]
    public void The_same_trace_gives_the_same_intervals_on_every_replay()
    {
        var events = new TrafficGenerator(TestSupport.Small(seed: 5, users: 150, days: 2, fraud: 0.05)).ToArray();

        var first = LedgerReplay.Run(events, FraudDetection.Default()).Fraud.Intervals(new BootstrapOptions());
        var second = LedgerReplay.Run(events, FraudDetection.Default()).Fraud.Intervals(new BootstrapOptions());

        Assert.Equal(first, second);
        Assert.Contains(first, i => !i.TooFewEpisodes);
    }

    [Fact]
    public async Task The_fraud_report_prints_and_writes_the_intervals()
    {
        var path = await TestSupport.WriteAsync(TestSupport.Small(seed: 5, users: 150, days: 2, fraud: 0.05), _folder.Path, "ci.jsonl");
        var reports = _folder.File("reports");

        var (code, output, _) = await TestSupport.RunCapturedAsync("replay", path, "--engine", "ledger", "--fraud-report", "--report-dir", reports, "--bootstrap-resamples", "200");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("200 resamples", output, StringComparison.Ordinal);
        var folder = Assert.Single(Directory.GetDirectories(reports));
        var markdown = await File.ReadAllTextAsync(Path.Combine(folder, "fraud-report.md"));
        Assert.Contains("| pattern | episodes | precision 95 % CI | recall 95 % CI | F1 95 % CI |", markdown, StringComparison.Ordinal);
        Assert.Matches(@"\| overall \| [0-9,]+ \| \[[01]\.\d{3}, [01]\.\d{3}\] \|", markdown);
        var overall = (await File.ReadAllLinesAsync(Path.Combine(folder, "fraud-report.csv"))).Single(l => l.StartsWith("score,overall,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(17, overall.Length);
        Assert.True(double.Parse(overall[11], System.Globalization.CultureInfo.InvariantCulture) <= double.Parse(overall[6], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("--bootstrap-resamples", "5")]
    [InlineData("--bootstrap-resamples", "many")]
    public async Task A_bad_number_of_resamples_exits_2_naming_the_flag(string flag, string value)
    {
        var (code, _, error) = await TestSupport.RunCapturedAsync("replay", "--live", "--seed", "1", "--users", "5", "--days", "1", "--engine", "ledger", "--fraud-report", flag, value);

        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains(flag, error, StringComparison.Ordinal);
    }
}
