using Actors.Users;

namespace Actors.Simulation.Traffic;

/// <summary>
/// One row of a trace (see simulator/TRACE-FORMAT.md for the meaning of every field per event type).
/// A value type whose strings are shared with the population, so generating one allocates nothing.
/// Amounts are integer minor units of <see cref="Currency"/>.
/// </summary>
public readonly record struct TraceEvent
{
    /// <summary>Position in the trace, 0, 1, 2, ... without gaps.</summary>
    public long Seq { get; init; }

    /// <summary>Simulated instant, Unix milliseconds UTC; never decreases along a trace.</summary>
    public long TimeMs { get; init; }
    public EventType Type { get; init; }
    public FraudLabel Fraud { get; init; }

    /// <summary>Fraud episode this event belongs to (0 for none); links the events of one attack.</summary>
    public long Episode { get; init; }
    public string? UserId { get; init; }
    public string? AccountId { get; init; }

    /// <summary>Target account of a transfer.</summary>
    public string? CounterAccountId { get; init; }
    public long AmountMinor { get; init; }

    /// <summary>
    /// Balance of <see cref="AccountId"/> just before this posting, in minor units (format 3): the
    /// generator's own ledger, in which a debit larger than the balance is declined and nothing else is.
    /// 0 on events that post nothing.
    /// </summary>
    public long BalanceBeforeMinor { get; init; }

    /// <summary>Balance of <see cref="AccountId"/> just after this posting (equal to the balance before when it was declined); format 3.</summary>
    public long BalanceAfterMinor { get; init; }

    /// <summary>The <see cref="Seq"/> of the card payment a chargeback disputes (format 3); 0 on other events.</summary>
    public long OriginalSeq { get; init; }
    public string? Currency { get; init; }
    public string? MerchantId { get; init; }
    public int Mcc { get; init; }

    /// <summary>Country (ISO 3166 alpha-2) of a card payment's merchant, a user's home, a merchant, or a Messenger session.</summary>
    public string? Country { get; init; }

    /// <summary>0 for a card-present terminal, else the number of the user's device (new numbers mean new devices).</summary>
    public int Device { get; init; }

    /// <summary>
    /// Format 3: which of the account's cards (1-3) a card payment, ATM withdrawal, refund or chargeback
    /// concerns; on account_opened, how many cards the account has. 0 elsewhere.
    /// </summary>
    public int Card { get; init; }

    /// <summary>Latitude of a user's home or a merchant in tenths of a degree (format 3; on user_registered and merchant_registered, else 0).</summary>
    public int LatTenths { get; init; }

    /// <summary>Longitude of a user's home or a merchant in tenths of a degree, east positive (format 3; as <see cref="LatTenths"/>).</summary>
    public int LonTenths { get; init; }
    public string? Bank { get; init; }
    public ConsentPurpose Purpose { get; init; }

    /// <summary>Display name of a user or a merchant.</summary>
    public string? Name { get; init; }
    public string? Locale { get; init; }
    public string? MessengerId { get; init; }

    /// <summary>Sign-up date of a user, yyyy-MM-dd.</summary>
    public string? SignupDate { get; init; }
    public string? Iban { get; init; }
    public string? RoutingNumber { get; init; }
    public string? AccountNumber { get; init; }
    public string? CardNumber { get; init; }
    public string? City { get; init; }

    /// <summary>Merchant risk tier: low, medium or high.</summary>
    public string? RiskTier { get; init; }

    /// <summary>The transaction id replay uses for this event's posting (unique within a trace).</summary>
    public string TransactionId => TransactionIdOf(Seq);

    public static string TransactionIdOf(long seq) => "t" + seq.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
