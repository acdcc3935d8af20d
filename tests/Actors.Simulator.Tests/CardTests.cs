using Actors.Simulation.Trace;
using Actors.Simulation.Traffic;

namespace Actors.Simulator.Tests;

/// <summary>Several cards per account (format 3): 1-3 per account, a card on every card event, the same card through an attack and its follow-ups.</summary>
public sealed class CardTests : IDisposable
{
    private static readonly TraceEvent[] Events = TestSupport.StatisticsTrace.Events;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_payment_with_a_card_its_account_does_not_have_is_refused_naming_the_row()
    {
        var world = TestSupport.Small(users: 40);
        var events = new TrafficGenerator(world).ToArray();
        var index = Array.FindIndex(events, e => e.Type == EventType.CardAuthorization);
        var cards = events.Single(e => e.Type == EventType.AccountOpened && e.AccountId == events[index].AccountId).Card;
        events[index] = events[index] with { Card = cards + 1 };
        var path = await TestSupport.WriteAsync(world, _folder.Path, "card.parquet", events);

        var error = await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(path));
        Assert.Equal($"row {index}", error.Where);
        Assert.Contains($"uses card {cards + 1} of account {events[index].AccountId}, which has {cards}", error.Problem, StringComparison.Ordinal);
    }

    private static Dictionary<string, int> CardsPerAccount() =>
        Events.Where(e => e.Type == EventType.AccountOpened).ToDictionary(e => e.AccountId!, e => e.Card, StringComparer.Ordinal);

    [Fact]
    public void Accounts_have_one_to_three_cards_mostly_one()
    {
        var cards = CardsPerAccount().Values.ToArray();

        Assert.All(cards, c => Assert.InRange(c, 1, 3));
        Assert.InRange((double)cards.Count(c => c == 1) / cards.Length, 0.72, 0.78);
        Assert.InRange((double)cards.Count(c => c == 3) / cards.Length, 0.03, 0.07);
    }

    [Fact]
    public void Every_card_event_names_one_of_its_accounts_cards_and_card_1_is_used_most()
    {
        var cards = CardsPerAccount();
        var payments = Events.Where(e => e.Type is EventType.CardAuthorization or EventType.AtmWithdrawal or EventType.Refund or EventType.Chargeback).ToArray();

        Assert.All(payments, p => Assert.InRange(p.Card, 1, cards[p.AccountId!]));
        Assert.DoesNotContain(Events, e => e.Type is EventType.Transfer or EventType.BalanceCheck or EventType.SalaryDeposit && e.Card != 0);
        var onSeveral = payments.Where(p => p.Type == EventType.CardAuthorization && cards[p.AccountId!] > 1).ToArray();
        Assert.InRange((double)onSeveral.Count(p => p.Card == 1) / onSeveral.Length, 0.65, 0.75);
    }

    [Fact]
    public void An_attack_on_an_account_uses_one_card_and_a_clone_copies_the_genuine_payments_card()
    {
        var attacks = Events.Where(e => e.Type == EventType.CardAuthorization && e.Fraud != FraudLabel.None).GroupBy(e => (e.Episode, e.AccountId)).ToArray();

        Assert.All(attacks, a => Assert.Single(a.Select(e => e.Card).Distinct()));
        foreach (var clone in attacks.Where(a => a.First().Fraud == FraudLabel.ClonedCard))
        {
            var first = clone.Min(e => e.Seq);
            var genuine = Events.Take((int)first).Last(e => e.Type == EventType.CardAuthorization && e.AccountId == clone.Key.AccountId && e.Fraud == FraudLabel.None);
            Assert.Equal(genuine.Card, clone.First().Card);
        }

        Assert.All(Events.Where(e => e.Type is EventType.Refund or EventType.Chargeback), f => Assert.Equal(Events[f.OriginalSeq].Card, f.Card));
    }
}
