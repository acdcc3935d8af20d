using Actors.Simulation.Options;
using Actors.Simulation.Randomness;

namespace Actors.Simulation.Traffic;

/// <summary>
/// Plans what follows a card payment days later: its merchant's refund, and its cardholder's chargeback
/// (the "reported" view of the labels). An attack on an account is reported by its cardholder (all its
/// payments at once) unless it falls in <see cref="SimulationOptions.UnreportedFraudShare"/>; a
/// legitimate payment is refunded with <see cref="SimulationOptions.RefundRate"/> (in full, or in
/// <see cref="PartialRefundShare"/> of cases in part) or else disputed as fraud all the same with
/// <see cref="SimulationOptions.LabelNoise"/>. Only payments the generator's ledger approved are
/// followed up (a declined one charged nothing). Randomness comes from its own streams, keyed by the
/// attack or by the payment's account and instant (not its seq, which the follow-ups themselves shift),
/// so these options change the follow-ups and their effects and nothing else.
/// </summary>
internal sealed class FollowUpPlanner(SimulationOptions options, long endMs, Action<ScriptedEvent> plan)
{
    private const long DayMs = 86_400_000;

    /// <summary>Spread of the log-normal delays: about half within 0.6-1.7 times the median.</summary>
    private const double DelaySigma = 0.7;

    /// <summary>Median days from a payment to its refund (returns, cancelled orders): approx., no public anchor for card refunds.</summary>
    private const double RefundDelayDays = 5;

    /// <summary>Share of refunds that return only part of the payment (10-90 %: one item of a basket, a partial cancellation).</summary>
    public const double PartialRefundShare = 0.3;

    private readonly double _logChargebackMs = Math.Log(options.ChargebackDelayDays * DayMs);
    private readonly double _logRefundMs = Math.Log(RefundDelayDays * DayMs);

    // When each attacked account's cardholder reports (-1: never); only fraud fills it, so it stays small.
    private readonly Dictionary<(long Episode, int Account), long> _reportAt = [];

    public void OnPayment(in TraceEvent e, int account, int merchant, int country)
    {
        if (e.BalanceAfterMinor == e.BalanceBeforeMinor)
        {
            return;
        }

        if (e.Fraud != FraudLabel.None)
        {
            Report(e, account, merchant, country);
            return;
        }

        var payment = unchecked((long)SeedMix.Of(options.Seed, SeedMix.LabelNoiseStream, account));
        var random = new Xoshiro256(SeedMix.Of(payment, SeedMix.LabelNoiseStream, e.TimeMs));
        if (random.Chance(options.RefundRate))
        {
            var amount = random.Chance(PartialRefundShare) ? Math.Max(1, (long)(e.AmountMinor * (0.1 + 0.8 * random.NextDouble()))) : e.AmountMinor;
            Follow(EventType.Refund, e.TimeMs + Delay(ref random, _logRefundMs), e, account, merchant, country, amount);
        }
        else if (random.Chance(options.LabelNoise))
        {
            Follow(EventType.Chargeback, e.TimeMs + Delay(ref random, _logChargebackMs), e, account, merchant, country, e.AmountMinor);
        }
    }

    private void Report(in TraceEvent e, int account, int merchant, int country)
    {
        if (!_reportAt.TryGetValue((e.Episode, account), out var at))
        {
            var attack = unchecked((long)SeedMix.Of(options.Seed, SeedMix.ChargebackStream, e.Episode));
            var random = new Xoshiro256(SeedMix.Of(attack, SeedMix.ChargebackStream, account));
            at = random.Chance(options.UnreportedFraudShare) ? -1 : e.TimeMs + Delay(ref random, _logChargebackMs);
            _reportAt[(e.Episode, account)] = at;
        }

        // An attack's later payments are reported with its first (attacks on one account last hours, delays a day or more).
        if (at >= 0)
        {
            Follow(EventType.Chargeback, Math.Max(at, e.TimeMs + 1), e, account, merchant, country, e.AmountMinor);
        }
    }

    // Follow-ups due after the period are not in the trace: not yet made when it ends.
    private void Follow(EventType type, long at, in TraceEvent e, int account, int merchant, int country, long amountMinor)
    {
        if (at < endMs)
        {
            plan(new ScriptedEvent(at, type, e.Fraud, e.Episode, account, merchant, amountMinor, country, 0, -1, e.Seq) { Card = e.Card });
        }
    }

    private static long Delay(ref Xoshiro256 random, double logMedianMs) =>
        Math.Max(DayMs, (long)Math.Exp(logMedianMs + DelaySigma * NormalTable.Sample(ref random)));
}
