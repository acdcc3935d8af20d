using System.Globalization;
using System.Text;
using Actors.Simulation.Traffic;

namespace Actors.Simulation.Fraud;

/// <summary>Precision, recall and F1 of one fraud pattern (or of all patterns together).</summary>
public sealed record DetectionScore(string Pattern, long Events, long Detected, long FalsePositives, double Precision, double Recall, double F1);

/// <summary>
/// Detection quality against the trace's ground truth. Counts card authorizations per (true label,
/// <see cref="CardDecision"/>); a payment counts as detected when <see cref="CardDecisions.IsDetected"/>.
/// Overall: positives are all fraud labels, false positives are detected "none" payments. Per pattern
/// (one pattern against legitimate traffic): recall is the share of that pattern's payments detected,
/// precision counts every false positive against the pattern — so a pattern's precision is never
/// flattered by the others. Failed calls are left out. Thread-safe.
/// </summary>
public sealed class FraudScoreboard
{
    private readonly long[,] _counts = new long[TraceNames.AllFraudLabels.Count, CardDecisions.All.Count];
    private readonly object _lock = new();

    public void Record(FraudLabel label, CardDecision decision)
    {
        lock (_lock)
        {
            _counts[(int)label, (int)decision]++;
        }
    }

    public long Count(FraudLabel label, CardDecision decision)
    {
        lock (_lock)
        {
            return _counts[(int)label, (int)decision];
        }
    }

    public long Total
    {
        get
        {
            lock (_lock)
            {
                return _counts.Cast<long>().Sum();
            }
        }
    }

    public long FalsePositives => Detected(FraudLabel.None);

    public DetectionScore Score(FraudLabel pattern)
    {
        var events = Assessed(pattern);
        var detected = Detected(pattern);
        return Make(TraceNames.Of(pattern), events, detected, FalsePositives);
    }

    public DetectionScore Overall()
    {
        var patterns = TraceNames.AllFraudLabels.Where(l => l != FraudLabel.None).ToArray();
        return Make("overall", patterns.Sum(Assessed), patterns.Sum(Detected), FalsePositives);
    }

    public IReadOnlyList<DetectionScore> Scores() =>
        [.. TraceNames.AllFraudLabels.Where(l => l != FraudLabel.None).Select(Score), Overall()];

    /// <summary>A Markdown report: scores per pattern and overall, then the confusion matrix.</summary>
    public string ToMarkdown(string title)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"# {title}").AppendLine();
        text.AppendLine("| pattern | fraud payments | detected | false positives | precision | recall | F1 |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var s in Scores())
        {
            text.AppendLine(c, $"| {s.Pattern} | {s.Events:N0} | {s.Detected:N0} | {s.FalsePositives:N0} | {s.Precision:F3} | {s.Recall:F3} | {s.F1:F3} |");
        }

        text.AppendLine().AppendLine("Confusion matrix (rows: true label; columns: what the bank did):").AppendLine();
        text.AppendLine("| label | " + string.Join(" | ", CardDecisions.All.Select(CardDecisions.Name)) + " |");
        text.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", CardDecisions.All.Count)));
        foreach (var label in TraceNames.AllFraudLabels)
        {
            text.Append(c, $"| {TraceNames.Of(label)} | ").AppendLine(string.Join(" | ", CardDecisions.All.Select(d => Count(label, d).ToString("N0", c))) + " |");
        }

        text.AppendLine().AppendLine("Detected = approved with an alert, declined as fraud, or declined because the account was frozen. " +
            "Per-pattern precision counts every false positive against the pattern.");
        return text.ToString();
    }

    /// <summary>CSV: one row per pattern and overall (scores), then one row per (label, decision) count.</summary>
    public string ToCsv()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("kind,pattern,decision,events,detected,false_positives,precision,recall,f1,count");
        foreach (var s in Scores())
        {
            text.AppendLine(c, $"score,{s.Pattern},,{s.Events},{s.Detected},{s.FalsePositives},{s.Precision:F6},{s.Recall:F6},{s.F1:F6},");
        }

        foreach (var label in TraceNames.AllFraudLabels)
        {
            foreach (var decision in CardDecisions.All)
            {
                text.AppendLine(c, $"confusion,{TraceNames.Of(label)},{CardDecisions.Name(decision)},,,,,,,{Count(label, decision)}");
            }
        }

        return text.ToString();
    }

    private long Assessed(FraudLabel label) => CardDecisions.All.Where(d => d != CardDecision.Failed).Sum(d => Count(label, d));

    private long Detected(FraudLabel label) => CardDecisions.All.Where(CardDecisions.IsDetected).Sum(d => Count(label, d));

    private static DetectionScore Make(string pattern, long events, long detected, long falsePositives)
    {
        var precision = detected + falsePositives == 0 ? 0 : (double)detected / (detected + falsePositives);
        var recall = events == 0 ? 0 : (double)detected / events;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new DetectionScore(pattern, events, detected, falsePositives, precision, recall, f1);
    }
}
