using Actors.Hosting;
using Actors.Simulation.Fraud;
using Actors.Simulation.Replay;
using Actors.Simulation.Trace;
using Actors.Simulation.Traffic;
using Actors.Simulator.Commands;

namespace Actors.Simulator.Tests;

/// <summary>Detection quality scored against the trace's labels, on the cluster and on in-process ledgers.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class FraudReportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Scores_follow_from_the_counts()
    {
        var board = new FraudScoreboard();
        for (var i = 0; i < 8; i++)
        {
            board.Record(FraudLabel.CardTesting, CardDecision.DeclinedAsFraud);
        }

        board.Record(FraudLabel.CardTesting, CardDecision.Approved);
        board.Record(FraudLabel.CardTesting, CardDecision.Approved);
        board.Record(FraudLabel.ClonedCard, CardDecision.DeclinedFrozen);
        board.Record(FraudLabel.ClonedCard, CardDecision.Failed);
        board.Record(FraudLabel.None, CardDecision.ApprovedWithAlert);
        board.Record(FraudLabel.None, CardDecision.DeclinedOther);
        board.Record(FraudLabel.None, CardDecision.Approved);

        var testing = board.Score(FraudLabel.CardTesting);
        var overall = board.Overall();

        Assert.Equal((10, 8, 1), (testing.Events, testing.Detected, testing.FalsePositives));
        Assert.Equal(0.8, testing.Recall, 12);
        Assert.Equal(8.0 / 9, testing.Precision, 12);
        Assert.Equal(2 * (8.0 / 9) * 0.8 / ((8.0 / 9) + 0.8), testing.F1, 12);
        Assert.Equal((11, 9), (overall.Events, overall.Detected));
        Assert.Equal(9.0 / 10, overall.Precision, 12);
        Assert.Contains("| card_testing | 10 | 8 | 1 |", board.ToMarkdown("t"), StringComparison.Ordinal);
        Assert.StartsWith("kind,pattern,decision,events,detected,false_positives,precision,recall,f1,count", board.ToCsv(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ledger_engine_decides_exactly_as_the_account_grains_do()
    {
        var world = TestSupport.Small(seed: 11, users: 80, days: 2, fraud: 0.05);
        var events = new TrafficGenerator(world).ToArray();

        await using var cluster = await ActorsCluster.StartEmbeddedAsync();
        var onCluster = await new TraceReplayer(cluster.Grains, new ReplayOptions { MaxConcurrency = 32 }).ReplayAsync(events);
        var offline = LedgerReplay.Run(events, FraudDetection.Default());

        Assert.True(onCluster.Fraud.Total > 0);
        foreach (var label in TraceNames.AllFraudLabels)
        {
            foreach (var decision in CardDecisions.All)
            {
                Assert.True(offline.Fraud.Count(label, decision) == onCluster.Fraud.Count(label, decision),
                    $"{TraceNames.Of(label)}/{CardDecisions.Name(decision)}: ledger {offline.Fraud.Count(label, decision)}, cluster {onCluster.Fraud.Count(label, decision)}");
            }
        }

        Assert.True(onCluster.Fraud.Overall().Detected > 0, "the injected fraud was detected at least once");
    }

    [Fact]
    public async Task Replay_with_fraud_report_writes_markdown_and_csv()
    {
        var world = TestSupport.Small(seed: 5, users: 150, days: 2, fraud: 0.05);
        var path = await TestSupport.WriteAsync(world, _folder.Path, "fraud.jsonl");
        var reports = _folder.File("reports");

        var code = await SimulatorCommand.RunAsync(["replay", path, "--engine", "ledger", "--fraud-report", "--report-dir", reports]);

        Assert.Equal(ExitCodes.Ok, code);
        var folder = Assert.Single(Directory.GetDirectories(reports));
        var markdown = await File.ReadAllTextAsync(Path.Combine(folder, "fraud-report.md"));
        Assert.Contains("| overall |", markdown, StringComparison.Ordinal);
        Assert.Contains("merchant_compromise", markdown, StringComparison.Ordinal);
        var csv = await File.ReadAllLinesAsync(Path.Combine(folder, "fraud-report.csv"));
        Assert.Equal(1 + 5 + (5 * CardDecisions.All.Count), csv.Length);
    }

    [Fact]
    public async Task Ledger_engine_with_a_gateway_is_refused()
    {
        Assert.Equal(ExitCodes.BadArguments, await SimulatorCommand.RunAsync(["replay", "--live", "--seed", "1", "--users", "5", "--days", "1", "--engine", "ledger", "--gateway", "127.0.0.1:1"]));
        Assert.Equal(ExitCodes.BadArguments, await SimulatorCommand.RunAsync(["replay", "--live", "--seed", "1", "--users", "5", "--days", "1", "--engine", "quantum"]));
    }
}
