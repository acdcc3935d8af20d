using Actors.Fraud;

namespace Actors.Domain.Fraud;

/// <summary>
/// Fires when the country differs from the last approved authorization's and less time has passed than
/// the trip needs (see <see cref="ImpossibleTravelRuleOptions"/>). Only approved payments move the
/// account's last known place, so every payment of a cloned card abroad keeps firing while the
/// genuine one at home is recent. Card-not-present payments (online, in an app) say nothing about
/// where the card holder is: they neither fire the rule nor move the last known place.
/// </summary>
public sealed class ImpossibleTravelRule : IFraudRule
{
    private readonly long _minimumTicks;
    private readonly long _unknownTicks;
    private readonly double _ticksPerKm;
    private readonly int _score;

    public ImpossibleTravelRule(ImpossibleTravelRuleOptions options)
    {
        FraudOptionsValidator.Validate(options);
        _minimumTicks = options.MinimumInterval.Ticks;
        _unknownTicks = options.UnknownDistanceInterval.Ticks;
        _ticksPerKm = (double)TimeSpan.TicksPerHour / options.TravelSpeedKmPerHour;
        _score = options.Score;
    }

    public FraudRules Rule => FraudRules.ImpossibleTravel;

    public RuleResult Evaluate(in AuthorizationContext authorization, AccountFraudProfile profile)
    {
        var last = profile.LastApproved;
        var country = CountryCodes.Pack(authorization.Country);
        if (!authorization.CardPresent || last.Country == 0 || country == 0 || country == last.Country)
        {
            return RuleResult.Silent;
        }

        // Out-of-order timestamps count as simultaneous: the absolute gap.
        var elapsed = Math.Abs(authorization.Timestamp.UtcTicks - last.Ticks);
        return elapsed < NeededTicks(last.Country, country) ? RuleResult.FiredWith(_score) : RuleResult.Silent;
    }

    public void Record(in AuthorizationContext authorization, AccountFraudProfile profile, bool approved)
    {
        var country = CountryCodes.Pack(authorization.Country);
        if (approved && country != 0 && authorization.CardPresent)
        {
            profile.LastApproved = new TravelMark { Country = country, Ticks = authorization.Timestamp.UtcTicks };
        }
    }

    /// <summary>Ticks a person needs to get from one country to the other.</summary>
    public long NeededTicks(ushort from, ushort to)
    {
        var km = CountryCentroids.DistanceKm(from, to);
        return km < 0 ? _unknownTicks : _minimumTicks + (long)(km * _ticksPerKm);
    }
}
