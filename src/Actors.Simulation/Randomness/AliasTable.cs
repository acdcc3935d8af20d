namespace Actors.Simulation.Randomness;

/// <summary>
/// Walker's alias method: draws index i with probability weight[i] / sum in O(1) (one uniform draw).
/// Built once per distribution (merchant popularity, bank shares, category mix) outside the hot loop.
/// </summary>
public sealed class AliasTable
{
    private readonly double[] _probability;
    private readonly int[] _alias;

    public AliasTable(ReadOnlySpan<double> weights)
    {
        var n = weights.Length;
        if (n == 0)
        {
            throw new ArgumentException("An alias table needs at least one weight.", nameof(weights));
        }

        double sum = 0;
        foreach (var w in weights)
        {
            if (w < 0 || !double.IsFinite(w))
            {
                throw new ArgumentException($"Weights must be finite and non-negative, got {w}.", nameof(weights));
            }

            sum += w;
        }

        if (sum <= 0)
        {
            throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        }

        _probability = new double[n];
        _alias = new int[n];
        var scaled = new double[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var i = n - 1; i >= 0; i--)
        {
            scaled[i] = weights[i] * n / sum;
            (scaled[i] < 1.0 ? small : large).Push(i);
        }

        while (small.Count > 0 && large.Count > 0)
        {
            var s = small.Pop();
            var l = large.Pop();
            _probability[s] = scaled[s];
            _alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1.0;
            (scaled[l] < 1.0 ? small : large).Push(l);
        }

        // Whatever is left is 1 up to rounding.
        while (large.Count > 0)
        {
            _probability[large.Pop()] = 1.0;
        }

        while (small.Count > 0)
        {
            _probability[small.Pop()] = 1.0;
        }
    }

    public int Count => _probability.Length;

    public int Sample(ref Xoshiro256 random)
    {
        var u = random.NextDouble() * _probability.Length;
        var i = (int)u;
        return u - i < _probability[i] ? i : _alias[i];
    }

    /// <summary>Zipf-like popularity: rank k (0-based) has weight 1 / (k + 1)^exponent.</summary>
    public static AliasTable Zipf(int count, double exponent)
    {
        var weights = new double[count];
        for (var k = 0; k < count; k++)
        {
            weights[k] = 1.0 / Math.Pow(k + 1, exponent);
        }

        return new AliasTable(weights);
    }
}
