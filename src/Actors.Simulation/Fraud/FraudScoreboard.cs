using System.Globalization;
using System.Runtime.InteropServices;
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
/// Recorded with the payment's episode and user, it also keeps each episode's outcome and each user's
/// false positives, from which <see cref="Intervals"/> draws bootstrap confidence intervals.
/// </summary>
public sealed class FraudScoreboard
{
    private readonly long[,] _counts = new long[TraceNames.AllFraudLabels.Count, CardDecisions.All.Count];
    private readonly Dictionary<(FraudLabel Label, long Episode), EpisodeOutcome> _episodes = [];
    private readonly Dictionary<string, int> _falsePositivesByUser = new(StringComparer.Ordinal);
    private readonly object _lock = new();
    private long _unnamed;

    /// <summary>A payment without its episode or user: a fraud payment counts as an episode of its own, legitimate ones as one user.</summary>
    public void Record(FraudLabel label, CardDecision decision) => Record(label, decision, episode: 0, user: null);

    /// <param name="episode">The trace's episode id (0 on a fraud payment: an episode of its own).</param>
    /// <param name="user">The paying user, the unit the legitimate side is resampled by.</param>
    public void Record(FraudLabel label, CardDecision decision, long episode, string? user)
    {
        lock (_lock)
        {
            _counts[(int)label, (int)decision]++;
            if (decision == CardDecision.Failed)
            {
                return;
            }

            var detected = CardDecisions.IsDetected(decision);
            if (label == FraudLabel.None)
            {
                ref var falsePositives = ref CollectionsMarshal.GetValueRefOrAddDefault(_falsePositivesByUser, user ?? "", out _);
                falsePositives += detected ? 1 : 0;
                return;
            }

            ref var outcome = ref CollectionsMarshal.GetValueRefOrAddDefault(_episodes, (label, episode != 0 ? episode : --_unnamed), out _);
            outcome = new EpisodeOutcome(outcome.Payments + 1, outcome.Detected + (detected ? 1 : 0));
        }
    }

    /// <summary>
    /// Bootstrap intervals of precision, recall and F1 per pattern and overall (in the order of
    /// <see cref="Scores"/>): episodes resampled with replacement, legitimate payments by user.
    /// </summary>
    public IReadOnlyList<DetectionIntervals> Intervals(BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        PatternEpisodes[] patterns;
        int[] users;
        lock (_lock)
        {
            // Episodes in id order, so the same trace gives the same draws however the replay interleaved them.
            var episodes = _episodes.OrderBy(p => p.Key.Label).ThenBy(p => p.Key.Episode).ToArray();
            patterns =
            [
                .. TraceNames.AllFraudLabels.Where(l => l != FraudLabel.None)
                    .Select(l => new PatternEpisodes(TraceNames.Of(l), episodes.Where(p => p.Key.Label == l).Select(p => p.Value).ToArray())),
                new PatternEpisodes("overall", episodes.Select(p => p.Value).ToArray()),
            ];
            users = _falsePositivesByUser.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToArray();
        }

        return EpisodeBootstrap.Run(patterns, users, options);
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

    /// <summary>A Markdown report: scores per pattern and overall, their intervals when given, then the confusion matrix.</summary>
    public string ToMarkdown(string title, IReadOnlyList<DetectionIntervals>? intervals = null, BootstrapOptions? bootstrap = null)
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

        if (intervals is not null)
        {
            var options = bootstrap ?? new BootstrapOptions();
            text.AppendLine().AppendLine(c, $"{DetectionIntervals.Caption(options)}:").AppendLine();
            text.AppendLine(c, $"| pattern | episodes | precision {DetectionIntervals.Level(options)} | recall {DetectionIntervals.Level(options)} | F1 {DetectionIntervals.Level(options)} |");
            text.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var i in intervals)
            {
                text.AppendLine(c, $"| {i.Pattern} | {i.Episodes:N0} | {DetectionIntervals.Format(i.Precision, i)} | {DetectionIntervals.Format(i.Recall, i)} | {DetectionIntervals.Format(i.F1, i)} |");
            }
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

    /// <summary>
    /// CSV: one row per pattern and overall (scores, with episodes and interval bounds when given; empty
    /// bounds where there were too few episodes), then one row per (label, decision) count.
    /// </summary>
    public string ToCsv(IReadOnlyList<DetectionIntervals>? intervals = null)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("kind,pattern,decision,events,detected,false_positives,precision,recall,f1,count,episodes,precision_low,precision_high,recall_low,recall_high,f1_low,f1_high");
        var scores = Scores();
        for (var k = 0; k < scores.Count; k++)
        {
            var s = scores[k];
            var i = intervals?[k];
            text.AppendLine(c, $"score,{s.Pattern},,{s.Events},{s.Detected},{s.FalsePositives},{s.Precision:F6},{s.Recall:F6},{s.F1:F6},,{i?.Episodes},{Bounds(i?.Precision)},{Bounds(i?.Recall)},{Bounds(i?.F1)}");
        }

        foreach (var label in TraceNames.AllFraudLabels)
        {
            foreach (var decision in CardDecisions.All)
            {
                text.AppendLine(c, $"confusion,{TraceNames.Of(label)},{CardDecisions.Name(decision)},,,,,,,{Count(label, decision)},,,,,,,");
            }
        }

        return text.ToString();
    }

    private static string Bounds(ConfidenceInterval? interval) =>
        interval is { } i ? string.Create(CultureInfo.InvariantCulture, $"{i.Low:F6},{i.High:F6}") : ",";

    private long Assessed(FraudLabel label) => CardDecisions.All.Where(d => d != CardDecision.Failed).Sum(d => Count(label, d));

    private long Detected(FraudLabel label) => CardDecisions.All.Where(CardDecisions.IsDetected).Sum(d => Count(label, d));

    private static DetectionScore Make(string pattern, long events, long detected, long falsePositives)
    {
        var (precision, recall, f1) = EpisodeBootstrap.Scores(events, detected, falsePositives);
        return new DetectionScore(pattern, events, detected, falsePositives, precision, recall, f1);
    }
}
