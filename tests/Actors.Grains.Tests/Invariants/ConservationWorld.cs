using Actors.Tests.Support;

namespace Actors.Tests.Invariants;

/// <summary>
/// One generated scenario: a few accounts, fixed amounts per transaction-id slot (so reusing a slot
/// is a genuine retry of the same request, never a different one), transfer plans, and the steps.
/// </summary>
internal sealed record ConservationWorld(int Accounts, long[] DepositAmounts, long[] SpendAmounts, TransferPlan[] Transfers, ConservationStep[] Steps)
{
    /// <summary>Transaction-id slots per kind: few enough that steps often repeat an id.</summary>
    public const int Slots = 6;

    /// <summary>The whole scenario, readable, for CsCheck's report of a failing (shrunk) case.</summary>
    public string Describe() =>
        $"{Accounts} accounts; deposits by slot [{string.Join(", ", DepositAmounts)}]; spends by slot [{string.Join(", ", SpendAmounts)}]; " +
        $"transfers by slot [{string.Join(", ", Transfers.Select(t => $"{t.From}->{t.To} {t.AmountMinor}"))}]; " +
        $"steps:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", Steps.Select(s => s.ToString()))}";
}

internal sealed record TransferPlan(int From, int To, long AmountMinor);

internal abstract record ConservationStep;

internal sealed record DepositStep(int Account, int Slot) : ConservationStep;

internal sealed record WithdrawStep(int Account, int Slot) : ConservationStep;

internal sealed record CardStep(int Account, int Slot) : ConservationStep;

/// <summary>Starts or retries transfer <paramref name="Slot"/>, with a transient fault armed on one leg (or none).</summary>
internal sealed record TransferStep(int Slot, LegFault Fault) : ConservationStep;

/// <summary>What the transfer grain's reminder does: resume a saga left unfinished.</summary>
internal sealed record ResumeStep(int Slot) : ConservationStep;

/// <summary>Freezes an active account or unfreezes a frozen one, so that legs get declined.</summary>
internal sealed record FreezeToggleStep(int Account) : ConservationStep;
