namespace Actors.Fraud;

/// <summary>
/// The built-in rules as bits, so an assessment carries every rule that fired in one small value.
/// Bits are wire format: never renumber. <see cref="Custom"/> is for plug-in detectors that have no
/// built-in rule to name.
/// </summary>
[Flags]
[GenerateSerializer, Alias("Actors.FraudRules")]
public enum FraudRules : ushort
{
    None = 0,
    Velocity = 1 << 0,
    AmountOutlier = 1 << 1,
    ImpossibleTravel = 1 << 2,
    CardTesting = 1 << 3,
    RiskyMerchantCategory = 1 << 4,
    FirstSeenMerchant = 1 << 5,
    UnusualHour = 1 << 6,
    UnfamiliarDevice = 1 << 7,
    Custom = 1 << 15,
}
