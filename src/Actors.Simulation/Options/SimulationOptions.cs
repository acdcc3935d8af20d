using Actors.Simulation.Population;

namespace Actors.Simulation.Options;

/// <summary>
/// Every parameter of a simulated world and its traffic. All of them are written into the trace
/// header, so a trace says exactly how to make it again. Validate with <see cref="SimulationOptionsValidator"/>.
/// </summary>
public sealed class SimulationOptions
{
    public const long DefaultSeed = 42;
    public const int DefaultUsers = 1000;
    public const int DefaultDays = 1;
    public const double DefaultCardEventsPerDay = 1.5;
    public const double DefaultBalanceChecksPerDay = 0.3;
    public const double DefaultTransfersPerDay = 0.08;
    public const double DefaultConsentChangesPerDay = 0.02;
    public const double DefaultTravelProbability = 0.02;
    public const double DefaultAtmWithdrawalsPerDay = 0.07;
    public const double DefaultRefundRate = 0.02;
    public const double MaxRefundRate = 0.5;
    public const double DefaultUnreportedFraudShare = 0.25;
    public const double DefaultLabelNoise = 0.0003;
    public const double DefaultChargebackDelayDays = 5;
    public const double MaxLabelNoise = 0.05;
    public const double MinChargebackDelayDays = 1;
    public const double MaxChargebackDelayDays = 120;
    public const int MaxUsers = 10_000_000;
    public const int MaxDays = 366;

    /// <summary>Seed of everything random (default 42).</summary>
    public long Seed { get; set; } = DefaultSeed;

    /// <summary>Number of users (default 1000, at most 10,000,000).</summary>
    public int Users { get; set; } = DefaultUsers;

    /// <summary>Simulated days of traffic (default 1, at most 366).</summary>
    public int Days { get; set; } = DefaultDays;

    /// <summary>First simulated day, 00:00 UTC (default 2025-01-06, a Monday).</summary>
    public DateOnly Start { get; set; } = new(2025, 1, 6);

    /// <summary>Number of merchants; 0 (default) means users / 10, between 500 and 100,000.</summary>
    public int Merchants { get; set; }

    /// <summary>Mean card authorizations per user per day (default 1.5, after US consumer payment diaries; 2.5 before generator 1.3.0).</summary>
    public double CardEventsPerDay { get; set; } = DefaultCardEventsPerDay;

    /// <summary>Mean Messenger balance checks per user per day (default 0.3).</summary>
    public double BalanceChecksPerDay { get; set; } = DefaultBalanceChecksPerDay;

    /// <summary>Mean transfers to other users per user per day (default 0.08).</summary>
    public double TransfersPerDay { get; set; } = DefaultTransfersPerDay;

    /// <summary>Mean consent grants or revokes per user per day during traffic (default 0.02).</summary>
    public double ConsentChangesPerDay { get; set; } = DefaultConsentChangesPerDay;

    /// <summary>Mean probability that a card payment happens abroad (default 0.02; varies per user).</summary>
    public double TravelProbability { get; set; } = DefaultTravelProbability;

    /// <summary>
    /// Mean ATM cash withdrawals per user per day (default 0.07, about two a month; at most 10): card
    /// present, MCC 6011, round amounts, in the user's country or on a trip in the trip's.
    /// </summary>
    public double AtmWithdrawalsPerDay { get; set; } = DefaultAtmWithdrawalsPerDay;

    /// <summary>Banks and their market shares within their region (default: <see cref="BankShare.Defaults"/>).</summary>
    public IReadOnlyList<BankShare> Banks { get; set; } = BankShare.Defaults;

    public FraudRates Fraud { get; set; } = new();

    /// <summary>
    /// Share of legitimate card payments their merchant refunds days later, in full or in part
    /// (default 0.02, at most 0.5): a credit naming the payment. Approx.; no public anchor.
    /// </summary>
    public double RefundRate { get; set; } = DefaultRefundRate;

    /// <summary>
    /// Share of fraud (per attack on an account) its cardholder never reports, so it never gets a
    /// chargeback (default 0.25). The ground-truth label is on every fraud event all the same.
    /// </summary>
    public double UnreportedFraudShare { get; set; } = DefaultUnreportedFraudShare;

    /// <summary>
    /// Share of legitimate card payments that their cardholder disputes as fraud all the same (friendly
    /// fraud, label noise): they get a chargeback whose ground truth stays <c>none</c> (default 0.0003,
    /// at most 0.05).
    /// </summary>
    public double LabelNoise { get; set; } = DefaultLabelNoise;

    /// <summary>
    /// Median days from a disputed payment to its chargeback, the delay before the bank learns the label
    /// (default 5; 1-120). Delays are log-normal around it and at least a day; chargebacks due after the
    /// period are not in the trace (not yet reported when it ends).
    /// </summary>
    public double ChargebackDelayDays { get; set; } = DefaultChargebackDelayDays;

    public int EffectiveMerchants => Merchants > 0 ? Merchants : Math.Clamp(Users / 10, 500, 100_000);

    public DateTimeOffset StartTime => new(Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public long StartMs => StartTime.ToUnixTimeMilliseconds();

    public long EndMs => StartMs + Days * 86_400_000L;

    public SimulationOptions Clone()
    {
        var copy = (SimulationOptions)MemberwiseClone();
        copy.Fraud = Fraud.Clone();
        copy.Banks = Banks.ToArray();
        return copy;
    }
}
