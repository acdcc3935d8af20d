using Actors.Tests.Support;
using CsCheck;

namespace Actors.Tests.Invariants;

/// <summary>CsCheck generators for <see cref="ConservationWorld"/>.</summary>
internal static class ConservationGenerators
{
    private const long MaxAmountMinor = 30_000;

    private static readonly Gen<int> Slot = Gen.Int[0, ConservationWorld.Slots - 1];

    private static readonly Gen<long> Amount = Gen.Long[1, MaxAmountMinor];

    // Half of the transfer attempts run clean; the rest lose one leg's request or reply.
    private static readonly Gen<LegFault> Fault = Gen.Frequency(
        (6, LegFault.None),
        (1, LegFault.DebitBeforeCall),
        (1, LegFault.DebitLostReply),
        (1, LegFault.CreditBeforeCall),
        (1, LegFault.CreditLostReply),
        (1, LegFault.ReverseBeforeCall),
        (1, LegFault.ReverseLostReply));

    public static readonly Gen<ConservationWorld> World =
        from accounts in Gen.Int[3, 6]
        from deposits in Amount.Array[ConservationWorld.Slots]
        from spends in Amount.Array[ConservationWorld.Slots]
        from transfers in Plan(accounts).Array[ConservationWorld.Slots]
        from steps in Step(accounts).Array[1, 60]
        select new ConservationWorld(accounts, deposits, spends, transfers, steps);

    private static Gen<TransferPlan> Plan(int accounts) =>
        from source in Gen.Int[0, accounts - 1]
        from offset in Gen.Int[1, accounts - 1]
        from amount in Amount
        select new TransferPlan(source, (source + offset) % accounts, amount);

    private static Gen<ConservationStep> Step(int accounts)
    {
        var account = Gen.Int[0, accounts - 1];
        return Gen.Frequency(
            (5, Gen.Select(account, Slot, (a, s) => (ConservationStep)new DepositStep(a, s))),
            (2, Gen.Select(account, Slot, (a, s) => (ConservationStep)new WithdrawStep(a, s))),
            (3, Gen.Select(account, Slot, (a, s) => (ConservationStep)new CardStep(a, s))),
            (5, Gen.Select(Slot, Fault, (s, f) => (ConservationStep)new TransferStep(s, f))),
            (2, Slot.Select(s => (ConservationStep)new ResumeStep(s))),
            (1, account.Select(a => (ConservationStep)new FreezeToggleStep(a))));
    }
}
