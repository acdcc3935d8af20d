using System.Runtime.InteropServices;

namespace Actors.Simulation.Analysis;

/// <summary>
/// Counts of fraud and legitimate rows per value of one column, and the AUC of the best score that
/// column alone gives. Categorical: each value is scored by its fraud rate in these rows (in-sample
/// target encoding, the strongest one-feature score there is). Numeric: the value itself or its
/// negation, whichever separates better. Ties count half (Mann-Whitney), so a constant column is 0.5.
/// </summary>
public sealed class FeatureAuc<T>(bool numeric)
    where T : notnull
{
    private readonly Dictionary<T, Counts> _counts = [];

    public bool Numeric { get; } = numeric;

    public int DistinctValues => _counts.Count;

    public void Add(T value, bool fraud)
    {
        ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, value, out _);
        if (fraud)
        {
            counts.Fraud++;
        }
        else
        {
            counts.Legitimate++;
        }
    }

    /// <summary>0.5 when either class is empty (nothing to separate).</summary>
    public double Auc()
    {
        var groups = _counts.ToArray();
        if (Numeric)
        {
            Array.Sort(groups, (a, b) => Comparer<T>.Default.Compare(a.Key, b.Key));
            var auc = AucOfOrdered(groups.Select(g => g.Value).ToArray(), (a, b) => false);
            return Math.Max(auc, 1 - auc);
        }

        // Ascending fraud rate, compared exactly by cross products; equal rates are one tie group.
        var counts = groups.Select(g => g.Value).ToArray();
        Array.Sort(counts, (a, b) => (a.Fraud * b.Total).CompareTo(b.Fraud * a.Total));
        return AucOfOrdered(counts, (a, b) => a.Fraud * b.Total == b.Fraud * a.Total);
    }

    private static double AucOfOrdered(Counts[] ordered, Func<Counts, Counts, bool> sameScore)
    {
        long fraud = 0, legitimate = 0;
        foreach (var c in ordered)
        {
            fraud += c.Fraud;
            legitimate += c.Legitimate;
        }

        if (fraud == 0 || legitimate == 0)
        {
            return 0.5;
        }

        // Sum over fraud rows of (legitimate rows scored lower + half of those scored the same).
        double wins = 0;
        long legitimateBelow = 0;
        for (var i = 0; i < ordered.Length;)
        {
            var j = i;
            long tieFraud = 0, tieLegitimate = 0;
            while (j < ordered.Length && (j == i || sameScore(ordered[i], ordered[j])))
            {
                tieFraud += ordered[j].Fraud;
                tieLegitimate += ordered[j].Legitimate;
                j++;
            }

            wins += tieFraud * (legitimateBelow + (tieLegitimate / 2.0));
            legitimateBelow += tieLegitimate;
            i = j;
        }

        return wins / ((double)fraud * legitimate);
    }

    private struct Counts
    {
        public long Fraud;
        public long Legitimate;

        public readonly long Total => Fraud + Legitimate;
    }
}
