namespace Actors.Fraud;

/// <summary>What a fraud assessment tells the account to do with one card authorization, mildest first.</summary>
[GenerateSerializer, Alias("Actors.FraudDecision")]
public enum FraudDecision : byte
{
    Approve = 0,

    /// <summary>Let the payment through, but record an alert on the account (and tell the user if consented).</summary>
    ApproveAndAlert = 1,

    /// <summary>Decline this payment as fraud suspected; the account stays usable.</summary>
    Decline = 2,

    /// <summary>Decline and freeze the account until the owner confirms or the bank unfreezes it.</summary>
    DeclineAndFreeze = 3,
}
