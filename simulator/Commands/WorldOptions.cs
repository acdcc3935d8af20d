using System.CommandLine;
using System.Globalization;
using Actors.Simulation.Options;

namespace Actors.Simulator.Commands;

/// <summary>The flags that describe a world (shared by generate and replay --live), mapped onto <see cref="SimulationOptions"/>.</summary>
internal sealed class WorldOptions
{
    public Option<long> Seed { get; } = new("--seed") { Description = "Seed of everything random", DefaultValueFactory = _ => SimulationOptions.DefaultSeed };

    public Option<int> Users { get; } = new("--users") { Description = "Number of users (1-10,000,000)", DefaultValueFactory = _ => SimulationOptions.DefaultUsers };

    public Option<int> Days { get; } = new("--days") { Description = "Simulated days of traffic (1-366)", DefaultValueFactory = _ => SimulationOptions.DefaultDays };

    public Option<string?> Start { get; } = new("--start") { Description = "First simulated day, yyyy-MM-dd (default 2025-01-06)" };

    public Option<int> Merchants { get; } = new("--merchants") { Description = "Number of merchants (default users/10, 500-100,000)" };

    public Option<double?> CardEventsPerDay { get; } = new("--card-events-per-day") { Description = "Mean card authorizations per user per day (default " + SimulationOptions.DefaultCardEventsPerDay.ToString(CultureInfo.InvariantCulture) + ")" };

    public Option<double?> FraudRate { get; } = new("--fraud-rate") { Description = "Total share of card events that are fraud (default 0.0013); the patterns keep their proportions" };

    public Option<double?> FraudDrift { get; } = new("--fraud-drift") { Description = "Concept drift of the fraud mix over the period, 0 (off, default) to 1: card testing and cloned cards fade from (1+d) to (1-d) times their rate, account takeover and merchant compromise grow from (1-d) to (1+d)" };

    public Option<double?> AtmWithdrawalsPerDay { get; } = new("--atm-withdrawals-per-day") { Description = "Mean ATM cash withdrawals per user per day (0-10, default " + SimulationOptions.DefaultAtmWithdrawalsPerDay.ToString(CultureInfo.InvariantCulture) + ")" };

    public Option<double?> RefundRate { get; } = new("--refund-rate") { Description = "Share of legitimate card payments refunded by their merchant days later, in full or in part (0-0.5, default " + SimulationOptions.DefaultRefundRate.ToString(CultureInfo.InvariantCulture) + ")" };

    public Option<double?> UnreportedFraud { get; } = new("--unreported-fraud") { Description = "Share of fraud (per attack on an account) never reported, so it gets no chargeback (0-1, default " + SimulationOptions.DefaultUnreportedFraudShare.ToString(CultureInfo.InvariantCulture) + ")" };

    public Option<double?> LabelNoise { get; } = new("--label-noise") { Description = "Share of legitimate card payments disputed as fraud all the same (friendly fraud; 0-0.05, default " + SimulationOptions.DefaultLabelNoise.ToString(CultureInfo.InvariantCulture) + ")" };

    public Option<double?> ChargebackDelayDays { get; } = new("--chargeback-delay-days") { Description = "Median days from a disputed payment to its chargeback (1-120, default " + SimulationOptions.DefaultChargebackDelayDays.ToString(CultureInfo.InvariantCulture) + ")" };

    public void AddTo(Command command)
    {
        command.Options.Add(Seed);
        command.Options.Add(Users);
        command.Options.Add(Days);
        command.Options.Add(Start);
        command.Options.Add(Merchants);
        command.Options.Add(CardEventsPerDay);
        command.Options.Add(FraudRate);
        command.Options.Add(FraudDrift);
        command.Options.Add(AtmWithdrawalsPerDay);
        command.Options.Add(RefundRate);
        command.Options.Add(UnreportedFraud);
        command.Options.Add(LabelNoise);
        command.Options.Add(ChargebackDelayDays);
    }

    /// <summary>The options, or the errors naming each bad flag.</summary>
    public (SimulationOptions? Options, IReadOnlyList<string> Errors) Read(ParseResult parse)
    {
        var options = new SimulationOptions
        {
            Seed = parse.GetValue(Seed),
            Users = parse.GetValue(Users),
            Days = parse.GetValue(Days),
            Merchants = parse.GetValue(Merchants),
        };
        var errors = new List<string>();
        if (parse.GetValue(Start) is { } start)
        {
            if (DateOnly.TryParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                options.Start = date;
            }
            else
            {
                errors.Add($"--start '{start}' is not a date of the form yyyy-MM-dd.");
            }
        }

        if (parse.GetValue(CardEventsPerDay) is { } cards)
        {
            options.CardEventsPerDay = cards;
        }

        if (parse.GetValue(FraudRate) is { } fraud)
        {
            if (fraud is < 0 or > 0.2 || !double.IsFinite(fraud))
            {
                errors.Add($"--fraud-rate must be between 0 and 0.2, was {fraud}.");
            }
            else
            {
                options.Fraud = options.Fraud.ScaledTo(fraud);
            }
        }

        options.Fraud.Drift = parse.GetValue(FraudDrift) ?? options.Fraud.Drift;
        options.AtmWithdrawalsPerDay = parse.GetValue(AtmWithdrawalsPerDay) ?? options.AtmWithdrawalsPerDay;
        options.RefundRate = parse.GetValue(RefundRate) ?? options.RefundRate;
        options.UnreportedFraudShare = parse.GetValue(UnreportedFraud) ?? options.UnreportedFraudShare;
        options.LabelNoise = parse.GetValue(LabelNoise) ?? options.LabelNoise;
        options.ChargebackDelayDays = parse.GetValue(ChargebackDelayDays) ?? options.ChargebackDelayDays;
        errors.AddRange(SimulationOptionsValidator.Validate(options).Select(ToFlag));
        return (errors.Count == 0 ? options : null, errors);
    }

    // Name the command-line flag rather than the property: "--users must be ..." instead of "Users must be ...".
    private static string ToFlag(string error) =>
        error.StartsWith("Users ", StringComparison.Ordinal) ? "--users" + error[5..]
        : error.StartsWith("Days ", StringComparison.Ordinal) ? "--days" + error[4..]
        : error.StartsWith("Merchants ", StringComparison.Ordinal) ? "--merchants" + error[9..]
        : error.StartsWith("Start ", StringComparison.Ordinal) ? "--start" + error[5..]
        : error.StartsWith("CardEventsPerDay ", StringComparison.Ordinal) ? "--card-events-per-day" + error[16..]
        : error.StartsWith("Fraud.Drift ", StringComparison.Ordinal) ? "--fraud-drift" + error[11..]
        : error.StartsWith("AtmWithdrawalsPerDay ", StringComparison.Ordinal) ? "--atm-withdrawals-per-day" + error[20..]
        : error.StartsWith("RefundRate ", StringComparison.Ordinal) ? "--refund-rate" + error[10..]
        : error.StartsWith("UnreportedFraudShare ", StringComparison.Ordinal) ? "--unreported-fraud" + error[20..]
        : error.StartsWith("LabelNoise ", StringComparison.Ordinal) ? "--label-noise" + error[10..]
        : error.StartsWith("ChargebackDelayDays ", StringComparison.Ordinal) ? "--chargeback-delay-days" + error[19..]
        : error;
}
