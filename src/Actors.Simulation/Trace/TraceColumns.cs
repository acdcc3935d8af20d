namespace Actors.Simulation.Trace;

/// <summary>Column names of the trace format (Parquet columns and JSON Lines keys), in file order.</summary>
public static class TraceColumns
{
    public const string Seq = "seq";
    public const string TimeMs = "time_ms";
    public const string Type = "type";
    public const string Fraud = "fraud";
    public const string Episode = "episode";
    public const string UserId = "user_id";
    public const string AccountId = "account_id";
    public const string CounterAccountId = "counter_account_id";
    public const string AmountMinor = "amount_minor";
    public const string BalanceBeforeMinor = "balance_before_minor";
    public const string BalanceAfterMinor = "balance_after_minor";
    public const string OriginalSeq = "original_seq";
    public const string Currency = "currency";
    public const string MerchantId = "merchant_id";
    public const string Mcc = "mcc";
    public const string Country = "country";
    public const string Device = "device";
    public const string LatTenths = "lat_tenths";
    public const string LonTenths = "lon_tenths";
    public const string Card = "card";
    public const string Bank = "bank";
    public const string Purpose = "purpose";
    public const string Name = "name";
    public const string Locale = "locale";
    public const string MessengerId = "messenger_id";
    public const string SignupDate = "signup_date";
    public const string Iban = "iban";
    public const string RoutingNumber = "routing_number";
    public const string AccountNumber = "account_number";
    public const string CardNumber = "card_number";
    public const string City = "city";
    public const string RiskTier = "risk_tier";

    /// <summary>64-bit integer columns, never null, of the current format: those of formats 1 and 2, then the balances and original_seq (format 3).</summary>
    public static readonly string[] Longs = [Seq, TimeMs, Episode, AmountMinor, BalanceBeforeMinor, BalanceAfterMinor, OriginalSeq];

    /// <summary>The 64-bit columns a file of <paramref name="formatVersion"/> holds: formats 1 and 2 have no balances and no original_seq.</summary>
    public static string[] LongsOf(int formatVersion) =>
        formatVersion >= TraceFormatInfo.FirstBalanceVersion ? Longs : Longs[..4];

    /// <summary>32-bit integer columns, never null, of the current format: mcc and device, then the coordinates and card (format 3).</summary>
    public static readonly string[] Ints = [Mcc, Device, LatTenths, LonTenths, Card];

    /// <summary>The 32-bit columns a file of <paramref name="formatVersion"/> holds: formats 1 and 2 have no coordinates and no card.</summary>
    public static string[] IntsOf(int formatVersion) =>
        formatVersion >= TraceFormatInfo.FirstBalanceVersion ? Ints : Ints[..2];

    /// <summary>Text columns that every row has.</summary>
    public static readonly string[] RequiredTexts = [Type, Fraud];

    /// <summary>Text columns that are null where the event type does not use them.</summary>
    public static readonly string[] OptionalTexts =
    [
        UserId, AccountId, CounterAccountId, Currency, MerchantId, Country, Bank, Purpose, Name, Locale,
        MessengerId, SignupDate, Iban, RoutingNumber, AccountNumber, CardNumber, City, RiskTier,
    ];
}
