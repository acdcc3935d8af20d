namespace Actors.Fraud;

/// <summary>
/// Running mean and population variance of the natural log of approved amounts (Welford's update;
/// the observation count lives in <see cref="AccountFraudProfile.Observations"/>): 16 bytes.
/// Logs, because card amounts are roughly log-normal: a 20x spike is the same distance from the
/// mean for a coffee drinker and for a frequent flyer. These are statistics, not money, so double is right.
/// </summary>
[GenerateSerializer, Alias("Actors.RunningStatistics")]
public struct RunningStatistics
{
    [Id(0)] public double Mean { get; set; }

    [Id(1)] public double Variance { get; set; }
}
