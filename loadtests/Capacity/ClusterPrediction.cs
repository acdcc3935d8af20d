using System.Globalization;
using System.Text;

namespace Actors.LoadTests.Capacity;

/// <summary>
/// What a cluster of N silos should sustain, predicted from one silo process measured the same way, and (once measured)
/// how far off the prediction was. Two predictions: on this machine, where the N silos and the generator share its
/// cores (CPU-bound: the cores over the CPU a request costs), and on N machines of this size (N times one silo). Both
/// pay for the calls that cross silos: with N silos and grains placed at random, a share (N - 1) / N of a request's
/// calls go to another silo, each costing <see cref="CrossSiloCost"/> of a request's CPU more.
/// </summary>
/// <param name="Silos">Silos in the predicted cluster.</param>
/// <param name="SingleSiloRate">Highest passing rate of one silo process (requests/s).</param>
/// <param name="CoresAtSingleSiloRate">Cores the generator, silo and store used at that rate.</param>
/// <param name="MachineCores">Cores this machine has.</param>
/// <param name="CrossSiloCost">Extra CPU of a request whose grains are on other silos, as a share of a request's CPU.</param>
public sealed record ClusterPrediction(int Silos, double SingleSiloRate, double CoresAtSingleSiloRate, double MachineCores, double CrossSiloCost)
{
    /// <summary>Core-seconds one request costs (generator, silo and store together) at the single silo's rate.</summary>
    public double CpuSecondsPerRequest => CoresAtSingleSiloRate / SingleSiloRate;

    /// <summary>The share of requests whose calls cross silos.</summary>
    public double CrossSiloShare => (Silos - 1) / (double)Silos;

    /// <summary>Core-seconds a request costs in the N-silo cluster.</summary>
    public double CpuSecondsPerRequestInCluster => CpuSecondsPerRequest * (1 + (CrossSiloCost * CrossSiloShare));

    /// <summary>N silos on this machine: at most N times one silo, at most what the machine's cores can serve.</summary>
    public double OnThisMachine => Math.Min(Silos * SingleSiloRate, MachineCores / CpuSecondsPerRequestInCluster);

    /// <summary>N silos on N machines like this one, each as fast as the single silo less its cross-silo calls.</summary>
    public double OnSeparateMachines => Silos * SingleSiloRate / (1 + (CrossSiloCost * CrossSiloShare));

    public static ClusterPrediction Predict(int silos, double singleSiloRate, double coresAtSingleSiloRate, double machineCores, double crossSiloCost)
    {
        if (silos < 2 || singleSiloRate <= 0 || coresAtSingleSiloRate <= 0 || machineCores <= 0 || crossSiloCost < 0)
        {
            throw new Load.LoadConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"A cluster prediction needs at least 2 silos, a positive single-silo rate and cores, and a cross-silo cost of 0 or more (had {silos} silos, {singleSiloRate:0.#}/s at {coresAtSingleSiloRate:0.##} cores, cost {crossSiloCost})."));
        }

        return new ClusterPrediction(silos, singleSiloRate, coresAtSingleSiloRate, machineCores, crossSiloCost);
    }

    /// <summary>The cross-silo cost at which <see cref="OnThisMachine"/> would have equalled <paramref name="measured"/>
    /// (null when the cores do not bind at that rate, so the cost cannot be read from it).</summary>
    public double? ImpliedCrossSiloCost(double measured)
    {
        if (measured <= 0 || measured >= Silos * SingleSiloRate)
        {
            return null;
        }

        // measured = cores / (cpu x (1 + x share))  =>  x = (cores / (cpu x measured) - 1) / share
        return ((MachineCores / (CpuSecondsPerRequest * measured)) - 1) / CrossSiloShare;
    }

    /// <summary>Predicted against measured, as the model prints it.</summary>
    public string Describe(double? measured, string shape)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Validation: {Silos} silos predicted from one silo process");
        text.AppendLine(c, $"  one silo                      {SingleSiloRate:N0} requests/s at {CoresAtSingleSiloRate:N2} cores ({CpuSecondsPerRequest * 1e6:N0} CPU-us a request)");
        text.AppendLine(c, $"  cross-silo calls              {CrossSiloShare:P0} of requests, each {CrossSiloCost:P0} more CPU (assumed)");
        text.AppendLine(c, $"  predicted on this machine     {OnThisMachine:N0} requests/s ({Silos} silos and the generator share {MachineCores:N0} cores)");
        text.AppendLine(c, $"  predicted on {Silos} machines      {OnSeparateMachines:N0} requests/s");
        if (measured is { } m)
        {
            text.AppendLine(c, $"  measured on this machine      {m:N0} requests/s ({shape})");
            text.AppendLine(c, $"  prediction error              {(OnThisMachine - m) / m:+0.0%;-0.0%;0.0%} of the measured rate");
            if (ImpliedCrossSiloCost(m) is { } implied)
            {
                text.AppendLine(c, $"  cross-silo cost the measurement implies: {implied:P0} of a request's CPU");
            }
        }
        else
        {
            text.AppendLine("  measured                      none: the cluster passed no step");
        }

        return text.ToString();
    }
}
