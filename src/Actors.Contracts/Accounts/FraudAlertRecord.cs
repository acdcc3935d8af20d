namespace Actors.Accounts;

[GenerateSerializer, Alias("Actors.FraudAlertStatus")]
public enum FraudAlertStatus : byte
{
    /// <summary>Raised, waiting for the owner's answer.</summary>
    Open = 0,

    /// <summary>The owner said "not me": the account was frozen.</summary>
    ConfirmedFraud = 1,

    /// <summary>The owner said "it was me".</summary>
    Cleared = 2,
}

/// <summary>The owner's answer to a fraud alert.</summary>
[GenerateSerializer, Alias("Actors.AlertFeedback")]
public enum AlertFeedback : byte
{
    /// <summary>"Not me": confirms fraud and freezes the account.</summary>
    NotMe = 1,

    /// <summary>"It was me": clears the alert, and lifts a freeze the alert itself caused.</summary>
    ItWasMe = 2,
}

/// <summary>A fraud alert recorded on the account (the bank side always sees it).</summary>
[GenerateSerializer, Immutable, Alias("Actors.FraudAlertRecord")]
public sealed record FraudAlertRecord(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] long AmountMinor,
    [property: Id(3)] string MerchantId,
    [property: Id(4)] string Country,
    [property: Id(5)] Fraud.FraudAssessment Assessment,
    [property: Id(6)] FraudAlertStatus Status)
{
    /// <summary>Alerts an account keeps (the newest); older ones live on in the history.</summary>
    public const int Kept = 4;

    public string Rules => Fraud.FraudRuleNames.Describe(Assessment.Fired);
}
