namespace Actors.Simulation.Traffic;

/// <summary>What a trace event is. Stored in traces by its snake_case name (see <see cref="TraceNames"/>).</summary>
public enum EventType : byte
{
    MerchantRegistered = 1,
    UserRegistered = 2,
    AccountOpened = 3,
    InitialDeposit = 4,
    SalaryDeposit = 5,
    CardAuthorization = 6,
    Transfer = 7,
    BalanceCheck = 8,
    ConsentGranted = 9,
    ConsentRevoked = 10,

    /// <summary>The cardholder disputes an earlier card payment as fraud (format 3): a label becoming known, not a posting.</summary>
    Chargeback = 11,

    /// <summary>The merchant refunds (part of) an earlier legitimate card payment (format 3): a credit.</summary>
    Refund = 12,

    /// <summary>Cash from an ATM with the account's card (format 3): card present, MCC 6011, a debit.</summary>
    AtmWithdrawal = 13,
}

/// <summary>Ground truth: which fraud pattern an event belongs to, or none.</summary>
public enum FraudLabel : byte
{
    None = 0,
    CardTesting = 1,
    AccountTakeover = 2,
    ClonedCard = 3,
    MerchantCompromise = 4,
}

public static class EventTypeExtensions
{
    /// <summary>Whether the event posts money to its <c>account_id</c> (and so carries balances in format 3): deposits, card authorizations, transfers, refunds.</summary>
    public static bool IsPosting(this EventType type) =>
        type is EventType.InitialDeposit or EventType.SalaryDeposit or EventType.CardAuthorization or EventType.Transfer or EventType.Refund
            or EventType.AtmWithdrawal;

    /// <summary>The first trace format that holds events of this type: 3 for refunds, chargebacks and ATM withdrawals, else 1.</summary>
    public static int FirstFormat(this EventType type) =>
        type is EventType.Refund or EventType.Chargeback or EventType.AtmWithdrawal ? Trace.TraceFormatInfo.FirstFollowUpVersion : 1;

    /// <summary>Whether the event follows up an earlier card payment named by its <c>original_seq</c> (format 3): refunds and chargebacks.</summary>
    public static bool IsFollowUp(this EventType type) => type is EventType.Refund or EventType.Chargeback;
}
