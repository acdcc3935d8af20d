namespace Actors.Users;

/// <summary>The specific purposes a user can consent to, one bank at a time (GDPR: specific consent).</summary>
[GenerateSerializer, Alias("Actors.ConsentPurpose")]
public enum ConsentPurpose : byte
{
    BalanceView = 1,
    TransactionNotifications = 2,
    FraudAlerts = 3,
    MerchantInsights = 4,
    Offers = 5,
}

/// <summary>Where a consent for one bank and purpose stands at a given instant.</summary>
[GenerateSerializer, Alias("Actors.ConsentStatus")]
public enum ConsentStatus : byte
{
    /// <summary>Never granted: the default is deny.</summary>
    Missing = 0,
    Granted = 1,
    Expired = 2,
    Revoked = 3,
}
