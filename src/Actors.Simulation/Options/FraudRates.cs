namespace Actors.Simulation.Options;

/// <summary>
/// Target share of card authorizations that belong to each fraud pattern. The defaults add up to
/// 0.13 % (PaySim's fraud rate as a reference point).
/// </summary>
public sealed class FraudRates
{
    public const double DefaultCardTesting = 0.0004;
    public const double DefaultAccountTakeover = 0.0003;
    public const double DefaultClonedCard = 0.0003;
    public const double DefaultMerchantCompromise = 0.0003;

    /// <summary>Bursts of tiny authorizations (default 0.04 % of card events).</summary>
    public double CardTesting { get; set; } = DefaultCardTesting;

    /// <summary>New device and country, then draining (default 0.03 %).</summary>
    public double AccountTakeover { get; set; } = DefaultAccountTakeover;

    /// <summary>One card in two countries within an hour (default 0.03 %).</summary>
    public double ClonedCard { get; set; } = DefaultClonedCard;

    /// <summary>Many cards seen at one merchant, then fraud elsewhere (default 0.03 %).</summary>
    public double MerchantCompromise { get; set; } = DefaultMerchantCompromise;

    /// <summary>
    /// Concept drift (default 0, off; at most 1): over the period the rates of card testing and cloned
    /// cards fall linearly from (1 + drift) to (1 - drift) times their setting while account takeover and
    /// merchant compromise rise from (1 - drift) to (1 + drift) times theirs, so the pattern mix a model
    /// learns early differs from the one it meets later (the total stays about the same). Not scaled by
    /// <see cref="ScaledTo"/>.
    /// </summary>
    public double Drift { get; set; }

    public double Total => CardTesting + AccountTakeover + ClonedCard + MerchantCompromise;

    public FraudRates Clone() => (FraudRates)MemberwiseClone();

    /// <summary>Scales every pattern so they add up to <paramref name="total"/>, keeping their proportions.</summary>
    public FraudRates ScaledTo(double total)
    {
        var current = Total;
        var factor = current == 0 ? 0 : total / current;
        return new FraudRates
        {
            CardTesting = CardTesting * factor,
            AccountTakeover = AccountTakeover * factor,
            ClonedCard = ClonedCard * factor,
            MerchantCompromise = MerchantCompromise * factor,
            Drift = Drift,
        };
    }
}
