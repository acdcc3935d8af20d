using Actors.Simulation.Randomness;

namespace Actors.Simulation.Fraud;

/// <summary>One fraud episode as the detector saw it: its assessed payments and how many of them were detected.</summary>
public readonly record struct EpisodeOutcome(int Payments, int Detected);

/// <summary>The episodes of one fraud pattern (or of all patterns pooled, for the overall row).</summary>
public sealed record PatternEpisodes(string Pattern, IReadOnlyList<EpisodeOutcome> Episodes);

/// <summary>A two-sided percentile interval.</summary>
public readonly record struct ConfidenceInterval(double Low, double High);

/// <summary>
/// Bootstrap intervals of one pattern's precision, recall and F1; all three are null when the pattern
/// has fewer than <see cref="BootstrapOptions.MinEpisodes"/> episodes (too few to resample honestly).
/// </summary>
public sealed record DetectionIntervals(string Pattern, int Episodes, ConfidenceInterval? Precision, ConfidenceInterval? Recall, ConfidenceInterval? F1)
{
    public bool TooFewEpisodes => Precision is null;

    /// <summary>"0.712 [0.655, 0.771]", or "n too small" naming the episode count when there is no interval.</summary>
    public static string Format(ConfidenceInterval? interval, DetectionIntervals of)
    {
        ArgumentNullException.ThrowIfNull(of);
        return interval is { } i
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{i.Low:F3}, {i.High:F3}]")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"n too small ({of.Episodes} episodes < {BootstrapOptions.MinEpisodes})");
    }

    /// <summary>"95 % CI".</summary>
    public static string Level(BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{options.Confidence * 100:0.#} % CI");
    }

    /// <summary>What the intervals are, for a report's table title.</summary>
    public static string Caption(BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Level(options)}: percentile bootstrap, {options.Resamples:N0} resamples (seed {options.Seed}) of whole fraud episodes and of users' legitimate payments");
    }
}

/// <summary>How the detection report's confidence intervals are drawn. Validate with <see cref="Validate"/>.</summary>
public sealed class BootstrapOptions
{
    public const int DefaultResamples = 1000;
    public const long DefaultSeed = 1;
    public const double DefaultConfidence = 0.95;
    public const int MinResamples = 100;
    public const int MaxResamples = 100_000;

    /// <summary>Below this many episodes a pattern gets no interval ("n too small").</summary>
    public const int MinEpisodes = 5;

    /// <summary>Bootstrap resamples per pattern (default 1,000; 100-100,000).</summary>
    public int Resamples { get; set; } = DefaultResamples;

    /// <summary>Seed of the resampling (default 1): the same scoreboard and seed give the same intervals.</summary>
    public long Seed { get; set; } = DefaultSeed;

    /// <summary>Coverage of the two-sided interval (default 0.95).</summary>
    public double Confidence { get; set; } = DefaultConfidence;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Resamples is < MinResamples or > MaxResamples)
        {
            errors.Add($"{nameof(Resamples)} must be {MinResamples}-{MaxResamples:N0}, was {Resamples}.");
        }

        if (!double.IsFinite(Confidence) || Confidence is <= 0 or >= 1)
        {
            errors.Add($"{nameof(Confidence)} must be between 0 and 1 (exclusive), was {Confidence}.");
        }

        return errors;
    }
}

/// <summary>
/// Percentile bootstrap of precision, recall and F1 that respects how the trace is built: the payments
/// of one fraud episode are not independent (a detector that stops an attack stops most of its
/// payments), so whole episodes are resampled with replacement; false positives cluster by user (one
/// unfamiliar device flags many of that user's payments), so the legitimate side is resampled by user.
/// Resampling single payments would give intervals far too narrow. Each resample draws the users once
/// and every pattern's episodes against that draw. Seeded, so a report is reproducible.
/// </summary>
public static class EpisodeBootstrap
{
    /// <param name="patterns">Each pattern's episodes.</param>
    /// <param name="falsePositivesPerUser">For every user with at least one assessed legitimate payment, how many of them were detected (zeros included: they are part of the sample).</param>
    public static IReadOnlyList<DetectionIntervals> Run(IReadOnlyList<PatternEpisodes> patterns, IReadOnlyList<int> falsePositivesPerUser, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(falsePositivesPerUser);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        var resampled = patterns.Select(p => p.Episodes.Count >= BootstrapOptions.MinEpisodes).ToArray();
        var precision = patterns.Select(_ => new double[options.Resamples]).ToArray();
        var recall = patterns.Select(_ => new double[options.Resamples]).ToArray();
        var f1 = patterns.Select(_ => new double[options.Resamples]).ToArray();
        var random = new Xoshiro256(unchecked((ulong)options.Seed));
        var users = falsePositivesPerUser.Count;
        for (var b = 0; b < options.Resamples; b++)
        {
            long falsePositives = 0;
            for (var i = 0; i < users; i++)
            {
                falsePositives += falsePositivesPerUser[random.NextInt(users)];
            }

            for (var p = 0; p < patterns.Count; p++)
            {
                if (!resampled[p])
                {
                    continue;
                }

                var episodes = patterns[p].Episodes;
                long payments = 0, detected = 0;
                for (var i = 0; i < episodes.Count; i++)
                {
                    var e = episodes[random.NextInt(episodes.Count)];
                    payments += e.Payments;
                    detected += e.Detected;
                }

                (precision[p][b], recall[p][b], f1[p][b]) = Scores(payments, detected, falsePositives);
            }
        }

        var tail = (1 - options.Confidence) / 2;
        return patterns.Select((p, i) => resampled[i]
            ? new DetectionIntervals(p.Pattern, p.Episodes.Count, Percentiles(precision[i], tail), Percentiles(recall[i], tail), Percentiles(f1[i], tail))
            : new DetectionIntervals(p.Pattern, p.Episodes.Count, null, null, null)).ToArray();
    }

    /// <summary>Precision, recall and F1 as the scoreboard defines them (0 where a ratio has no denominator).</summary>
    public static (double Precision, double Recall, double F1) Scores(long payments, long detected, long falsePositives)
    {
        var precision = detected + falsePositives == 0 ? 0 : (double)detected / (detected + falsePositives);
        var recall = payments == 0 ? 0 : (double)detected / payments;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return (precision, recall, f1);
    }

    /// <summary>The <paramref name="tail"/> and 1 - <paramref name="tail"/> quantiles, linearly interpolated between order statistics.</summary>
    public static ConfidenceInterval Percentiles(double[] values, double tail)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException("No values to take percentiles of.", nameof(values));
        }

        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return new ConfidenceInterval(Quantile(sorted, tail), Quantile(sorted, 1 - tail));
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
