using Actors.Accounts;
using Actors.Fraud;

namespace Actors.Simulation.Fraud;

/// <summary>What the bank did with one card authorization, as the fraud report counts it.</summary>
public enum CardDecision : byte
{
    /// <summary>Approved, nothing flagged.</summary>
    Approved = 0,

    /// <summary>Approved, but the detector raised an alert.</summary>
    ApprovedWithAlert = 1,

    /// <summary>Declined by the detector (fraud suspected).</summary>
    DeclinedAsFraud = 2,

    /// <summary>Declined because the account was frozen (by an earlier fraud decision, the owner or the bank).</summary>
    DeclinedFrozen = 3,

    /// <summary>Declined for another reason (insufficient funds, closed, invalid).</summary>
    DeclinedOther = 4,

    /// <summary>The call failed; not counted in precision or recall.</summary>
    Failed = 5,
}

public static class CardDecisions
{
    public static readonly IReadOnlyList<CardDecision> All = Enum.GetValues<CardDecision>();

    /// <summary>
    /// The bank stopped or flagged the payment: an alert, a fraud decline, or a decline because the
    /// account is frozen (which is how the rest of an attack is stopped after a freeze).
    /// </summary>
    public static bool IsDetected(CardDecision decision) =>
        decision is CardDecision.ApprovedWithAlert or CardDecision.DeclinedAsFraud or CardDecision.DeclinedFrozen;

    public static CardDecision Of(PostingResult result) =>
        result.Approved
            ? result.Fraud.Decision == FraudDecision.Approve ? CardDecision.Approved : CardDecision.ApprovedWithAlert
            : result.Reason switch
            {
                DeclineReason.FraudSuspected => CardDecision.DeclinedAsFraud,
                DeclineReason.AccountFrozen => CardDecision.DeclinedFrozen,
                _ => CardDecision.DeclinedOther,
            };

    public static string Name(CardDecision decision) => decision switch
    {
        CardDecision.Approved => "approved",
        CardDecision.ApprovedWithAlert => "approved_alert",
        CardDecision.DeclinedAsFraud => "declined_fraud",
        CardDecision.DeclinedFrozen => "declined_frozen",
        CardDecision.DeclinedOther => "declined_other",
        _ => "failed",
    };
}
