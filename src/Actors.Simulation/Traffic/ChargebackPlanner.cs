using Actors.Simulation.Options;
using Actors.Simulation.Randomness;

namespace Actors.Simulation.Traffic;

/// <summary>
/// Decides which card payments are disputed, and when: the "reported" view of the labels. An attack on
/// an account is reported by its cardholder (all its payments at once) unless it falls in
/// <see cref="SimulationOptions.UnreportedFraudShare"/>; a legitimate payment is disputed as fraud all
/// the same with <see cref="SimulationOptions.LabelNoise"/>. The delay is log-normal around
/// <see cref="SimulationOptions.ChargebackDelayDays"/>, at least a day. Only payments the generator's
/// ledger approved are disputed (a declined one charged nothing). Randomness comes from its own
/// streams, per attack and per payment, so these options change the chargebacks and nothing else.
/// </summary>
internal sealed class ChargebackPlanner(SimulationOptions options, long endMs, Action<ScriptedEvent> plan)
{
    private const long DayMs = 86_400_000;

    /// <summary>Spread of the log-normal delay: about half the chargebacks within 0.6-1.7 times the median.</summary>
    private const double DelaySigma = 0.7;

    private readonly double _logMedianMs = Math.Log(options.ChargebackDelayDays * DayMs);

    // When each attacked account's cardholder reports (-1: never); only fraud fills it, so it stays small.
    private readonly Dictionary<(long Episode, int Account), long> _reportAt = [];

    public void OnPayment(in TraceEvent e, int account, int merchant, int country)
    {
        if (e.BalanceAfterMinor == e.BalanceBeforeMinor)
        {
            return;
        }

        long at;
        if (e.Fraud != FraudLabel.None)
        {
            if (!_reportAt.TryGetValue((e.Episode, account), out at))
            {
                var attack = unchecked((long)SeedMix.Of(options.Seed, SeedMix.ChargebackStream, e.Episode));
                var random = new Xoshiro256(SeedMix.Of(attack, SeedMix.ChargebackStream, account));
                at = random.Chance(options.UnreportedFraudShare) ? -1 : e.TimeMs + Delay(ref random);
                _reportAt[(e.Episode, account)] = at;
            }

            if (at < 0)
            {
                return;
            }

            // An attack's later payments are reported with its first (attacks on one account last hours, delays a day or more).
            at = Math.Max(at, e.TimeMs + 1);
        }
        else
        {
            var random = new Xoshiro256(SeedMix.Of(options.Seed, SeedMix.LabelNoiseStream, e.Seq));
            if (!random.Chance(options.LabelNoise))
            {
                return;
            }

            at = e.TimeMs + Delay(ref random);
        }

        if (at < endMs)
        {
            plan(new ScriptedEvent(at, EventType.Chargeback, e.Fraud, e.Episode, account, merchant, e.AmountMinor, country, 0, -1, e.Seq));
        }
    }

    private long Delay(ref Xoshiro256 random) =>
        Math.Max(DayMs, (long)Math.Exp(_logMedianMs + DelaySigma * NormalTable.Sample(ref random)));
}
