namespace Actors.Accounts;

/// <summary>
/// Compact per-account fraud state: fixed-size counters only, nothing that grows with history.
/// The online rules that fill it in come with the fraud-detection work; the foundation keeps the
/// last card country and time (for impossible travel) and running counts.
/// </summary>
[GenerateSerializer, Alias("Actors.FraudState")]
public record struct FraudState
{
    [Id(0)] public long Authorizations { get; set; }
    [Id(1)] public long Declines { get; set; }
    [Id(2)] public string? LastCountry { get; set; }
    [Id(3)] public long LastAuthorizationTicks { get; set; }
    [Id(4)] public short RiskScore { get; set; }
    [Id(5)] public int Alerts { get; set; }
}
