using Actors.Simulation.Analysis;
using Actors.Simulation.Traffic;
using Actors.Simulator.Commands;

namespace Actors.Simulator.Tests;

/// <summary>The one-feature AUCs of the leakage report, on hand-made columns and on generated traces.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class LeakageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_column_equal_to_the_label_scores_one_and_a_constant_column_one_half()
    {
        var copy = new FeatureAuc<bool>(numeric: false);
        var constant = new FeatureAuc<int>(numeric: false);
        var constantNumber = new FeatureAuc<long>(numeric: true);
        for (var i = 0; i < 50; i++)
        {
            var fraud = i % 7 == 0;
            copy.Add(fraud, fraud);
            constant.Add(3, fraud);
            constantNumber.Add(3, fraud);
        }

        Assert.Equal(1.0, copy.Auc(), 12);
        Assert.Equal(0.5, constant.Auc(), 12);
        Assert.Equal(0.5, constantNumber.Auc(), 12);
    }

    [Fact]
    public void Numeric_auc_counts_ties_half_and_takes_the_negation_when_it_separates_better()
    {
        // Fraud 3 and 5 against legitimate 1, 4, 5: pairs won 3 (3>1, 5>1, 5>4), tied 1 (5=5), of 6.
        var amount = new FeatureAuc<long>(numeric: true);
        foreach (var (value, fraud) in new[] { (3L, true), (5L, true), (1L, false), (4L, false), (5L, false) })
        {
            amount.Add(value, fraud);
        }

        Assert.Equal(3.5 / 6, amount.Auc(), 12);

        // Fraud below every legitimate value: the negated score separates perfectly.
        var low = new FeatureAuc<long>(numeric: true);
        low.Add(1, true);
        low.Add(2, false);
        low.Add(3, false);
        Assert.Equal(1.0, low.Auc(), 12);
    }

    [Fact]
    public void Categorical_auc_scores_each_value_by_its_fraud_rate()
    {
        // A: 1 fraud 1 legitimate (rate 1/2), B: 2 legitimate (0), C: 1 fraud (1). Ordered B, A, C:
        // the fraud row of A beats B's 2 and ties A's 1 (2.5); C's beats all 3: (2.5 + 3) / (2 x 3).
        var merchant = new FeatureAuc<string>(numeric: false);
        foreach (var (value, fraud) in new[] { ("A", true), ("A", false), ("B", false), ("B", false), ("C", true) })
        {
            merchant.Add(value, fraud);
        }

        Assert.Equal(5.5 / 6, merchant.Auc(), 12);
        Assert.Equal(3, merchant.DistinctValues);
    }

    [Fact]
    public void Analysis_reads_only_card_payments_and_marks_the_episode_as_ground_truth()
    {
        var analysis = new LeakageAnalysis();
        analysis.Add(new TraceEvent { Type = EventType.UserRegistered, UserId = "u1", Country = "DE" });
        analysis.Add(new TraceEvent { Type = EventType.MerchantRegistered, MerchantId = "M1", RiskTier = "high", Country = "DE" });
        analysis.Add(new TraceEvent { Type = EventType.CardAuthorization, UserId = "u1", MerchantId = "M1", Country = "DE", Device = 1, AmountMinor = 500, Fraud = FraudLabel.None });
        analysis.Add(new TraceEvent { Type = EventType.CardAuthorization, UserId = "u1", MerchantId = "M1", Country = "FR", Device = 1, AmountMinor = 900, Fraud = FraudLabel.ClonedCard, Episode = 4 });
        analysis.Add(new TraceEvent { Type = EventType.BalanceCheck, UserId = "u1", Country = "FR", Device = 9, Fraud = FraudLabel.AccountTakeover, Episode = 5 });

        var columns = analysis.Columns().ToDictionary(c => c.Column);

        Assert.Equal((2L, 1L), (analysis.CardPayments, analysis.FraudPayments));
        Assert.Equal(1.0, columns["cross_border"].Auc, 12);
        Assert.True(columns["cross_border"].Leaks);
        Assert.Equal(0.5, columns["device"].Auc, 12);
        Assert.Equal(0.5, columns["risk_tier"].Auc, 12);
        Assert.True(columns["episode"].IsLabel);
        Assert.False(columns["episode"].Leaks);
    }

    [Fact]
    public void At_the_defaults_no_raw_column_separates_fraud_above_auc_09()
    {
        // Default fraud rates (0.13 % of card payments): 10,000 users x 5 days (75,000 card payments at 1.5 a
        // day, as 3 days gave at generator 1.2.0's 2.5) give about a hundred fraud payments in a second or two.
        var world = TestSupport.Small(seed: 42, users: 10_000, days: 5);
        var analysis = new LeakageAnalysis();
        foreach (var e in new TrafficGenerator(world))
        {
            analysis.Add(e);
        }

        Assert.True(analysis.FraudPayments >= 50, $"only {analysis.FraudPayments} fraud payments");
        var leaks = analysis.Columns().Where(c => c.Leaks).Select(c => $"{c.Column} {c.Auc:F3}").ToArray();
        Assert.True(leaks.Length == 0, string.Join(", ", leaks));
        Assert.Equal(1.0, analysis.Columns().Single(c => c.Column == "episode").Auc, 12);
    }

    [Fact]
    public async Task Inspect_with_leakage_prints_the_table()
    {
        var path = await TestSupport.WriteAsync(TestSupport.Small(seed: 3, users: 300, days: 2, fraud: 0.02), _folder.Path, "leak.jsonl");
        using var output = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Console;
        Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(output) });
        try
        {
            Assert.Equal(ExitCodes.Ok, await SimulatorCommand.RunAsync(["inspect", path, "--leakage"]));
        }
        finally
        {
            Spectre.Console.AnsiConsole.Console = console;
        }

        var text = output.ToString();
        Assert.Contains("cross_border", text, StringComparison.Ordinal);
        Assert.Contains("label (ground truth)", text, StringComparison.Ordinal);
        Assert.Contains("Leakage:", text, StringComparison.Ordinal);
    }
}
