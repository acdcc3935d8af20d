using Actors.Simulation.Options;
using Actors.Simulation.Population;
using Actors.Simulation.Traffic;

namespace Actors.Simulator.Tests;

/// <summary>Refunds (format 3): a merchant credits back all or part of an earlier legitimate payment days later.</summary>
public sealed class RefundTests
{
    private static readonly TraceEvent[] Events = new TrafficGenerator(WorldBuilder.Build(new SimulationOptions
    {
        Seed = 13, Users = 3_000, Days = 21, RefundRate = 0.05,
    })).ToArray();

    [Fact]
    public void Every_refund_credits_part_or_all_of_an_earlier_approved_legitimate_payment_of_its_account_a_day_or_more_later()
    {
        var refunds = Events.Where(e => e.Type == EventType.Refund).ToArray();

        Assert.NotEmpty(refunds);
        Assert.All(refunds, r =>
        {
            var payment = Events[r.OriginalSeq];
            Assert.Equal(EventType.CardAuthorization, payment.Type);
            Assert.Equal((payment.AccountId, payment.UserId, payment.Currency, payment.MerchantId, payment.Mcc, FraudLabel.None, 0L),
                (r.AccountId, r.UserId, r.Currency, r.MerchantId, r.Mcc, r.Fraud, r.Episode));
            Assert.True(payment.BalanceAfterMinor < payment.BalanceBeforeMinor, $"refund {r.Seq} of a declined payment");
            Assert.InRange(r.AmountMinor, 1, payment.AmountMinor);
            Assert.True(r.TimeMs - payment.TimeMs >= 86_400_000, $"refund {r.Seq} only {r.TimeMs - payment.TimeMs} ms after its payment");
            Assert.Equal(r.BalanceBeforeMinor + r.AmountMinor, r.BalanceAfterMinor);
        });
        Assert.Equal(refunds.Length, refunds.Select(r => r.OriginalSeq).Distinct().Count());
    }

    [Fact]
    public void About_the_refund_rate_of_payments_is_refunded_and_about_three_in_ten_refunds_in_part()
    {
        // Payments of the first day: their refunds (median 5 days, at least 1) nearly all (98 %) land inside the three weeks.
        var firstDay = Events.Where(e => e.Type == EventType.CardAuthorization && e.Fraud == FraudLabel.None && e.BalanceAfterMinor < e.BalanceBeforeMinor
            && e.TimeMs < Events[0].TimeMs + 86_400_000).ToDictionary(e => e.Seq);
        var refunds = Events.Where(e => e.Type == EventType.Refund && firstDay.ContainsKey(e.OriginalSeq)).ToArray();
        var partial = (double)refunds.Count(r => r.AmountMinor < firstDay[r.OriginalSeq].AmountMinor) / refunds.Length;

        Assert.InRange((double)refunds.Length / firstDay.Count, 0.04, 0.056);
        Assert.InRange(partial, 0.2, 0.4);
    }

    [Fact]
    public void Fraud_payments_are_never_refunded()
    {
        var fraud = Events.Where(e => e.Type == EventType.CardAuthorization && e.Fraud != FraudLabel.None).Select(e => e.Seq).ToHashSet();

        Assert.NotEmpty(fraud);
        Assert.DoesNotContain(Events, e => e.Type == EventType.Refund && fraud.Contains(e.OriginalSeq));
    }
}
