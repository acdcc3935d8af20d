namespace Actors.Domain.Fraud;

/// <summary>
/// Impossible travel: a payment in another country sooner after the last approved one than a person
/// could get there (section <c>Actors:Fraud:ImpossibleTravel</c>). The time needed is
/// <see cref="MinimumInterval"/> plus the distance between the two countries' centroids at
/// <see cref="TravelSpeedKmPerHour"/>, or <see cref="UnknownDistanceInterval"/> when a country is not in
/// the centroid table. Centroids are coarse: neighbours' border towns can look "too fast", large
/// countries' coasts "too slow".
/// </summary>
public sealed class ImpossibleTravelRuleOptions
{
    public static readonly TimeSpan DefaultMinimumInterval = TimeSpan.FromHours(1);
    public static readonly TimeSpan DefaultUnknownDistanceInterval = TimeSpan.FromHours(3);
    public const int DefaultTravelSpeedKmPerHour = 800;
    public const int DefaultScore = 600;

    /// <summary>Whether the rule runs (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Any change of country faster than this is implausible (default 1 hour; 1 minute to 2 days).</summary>
    public TimeSpan MinimumInterval { get; set; } = DefaultMinimumInterval;

    /// <summary>Assumed door-to-door speed over the centroid distance (default 800 km/h, an airliner; 10-2000).</summary>
    public int TravelSpeedKmPerHour { get; set; } = DefaultTravelSpeedKmPerHour;

    /// <summary>Time needed between two countries when either has no centroid (default 3 hours; at least <see cref="MinimumInterval"/>).</summary>
    public TimeSpan UnknownDistanceInterval { get; set; } = DefaultUnknownDistanceInterval;

    /// <summary>Score added when it fires (default 600: a decline on its own).</summary>
    public int Score { get; set; } = DefaultScore;
}
