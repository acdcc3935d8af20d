using Actors.Simulation.Population;

namespace Actors.Simulation.Options;

/// <summary>Checks <see cref="SimulationOptions"/> before anything is generated; each error names its option.</summary>
public static class SimulationOptionsValidator
{
    public static IReadOnlyList<string> Validate(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Users is < 1 or > SimulationOptions.MaxUsers)
        {
            errors.Add($"{nameof(options.Users)} must be 1-{SimulationOptions.MaxUsers:N0}, was {options.Users}.");
        }

        if (options.Days is < 1 or > SimulationOptions.MaxDays)
        {
            errors.Add($"{nameof(options.Days)} must be 1-{SimulationOptions.MaxDays}, was {options.Days}.");
        }

        if (options.Start.Year is < 1971 or > 9000)
        {
            errors.Add($"{nameof(options.Start)} must be a date between 1971 and 9000, was {options.Start:yyyy-MM-dd}.");
        }

        if (options.Merchants is < 0 or > 1_000_000)
        {
            errors.Add($"{nameof(options.Merchants)} must be 0 (automatic) or up to 1,000,000, was {options.Merchants}.");
        }
        else if (options.Merchants > 0 && options.Merchants < MinimumMerchants)
        {
            errors.Add($"{nameof(options.Merchants)} must be at least {MinimumMerchants} (one per country and category), was {options.Merchants}.");
        }

        Rate(errors, nameof(options.CardEventsPerDay), options.CardEventsPerDay, 100);
        Rate(errors, nameof(options.BalanceChecksPerDay), options.BalanceChecksPerDay, 100);
        Rate(errors, nameof(options.TransfersPerDay), options.TransfersPerDay, 100);
        Rate(errors, nameof(options.ConsentChangesPerDay), options.ConsentChangesPerDay, 100);
        if (options.CardEventsPerDay + options.BalanceChecksPerDay + options.TransfersPerDay + options.ConsentChangesPerDay <= 0)
        {
            errors.Add("At least one of CardEventsPerDay, BalanceChecksPerDay, TransfersPerDay, ConsentChangesPerDay must be positive.");
        }

        Rate(errors, nameof(options.TravelProbability), options.TravelProbability, 0.5);
        Rate(errors, nameof(options.AtmWithdrawalsPerDay), options.AtmWithdrawalsPerDay, 10);
        Rate(errors, nameof(options.RefundRate), options.RefundRate, SimulationOptions.MaxRefundRate);
        Rate(errors, nameof(options.UnreportedFraudShare), options.UnreportedFraudShare, 1);
        Rate(errors, nameof(options.LabelNoise), options.LabelNoise, SimulationOptions.MaxLabelNoise);
        if (!double.IsFinite(options.ChargebackDelayDays) || options.ChargebackDelayDays < SimulationOptions.MinChargebackDelayDays || options.ChargebackDelayDays > SimulationOptions.MaxChargebackDelayDays)
        {
            errors.Add($"{nameof(options.ChargebackDelayDays)} must be between {SimulationOptions.MinChargebackDelayDays} and {SimulationOptions.MaxChargebackDelayDays} days, was {options.ChargebackDelayDays}.");
        }

        ValidateBanks(options.Banks, errors);
        ValidateFraud(options.Fraud, errors);
        return errors;
    }

    public static void ThrowIfInvalid(SimulationOptions options)
    {
        var errors = Validate(options);
        if (errors.Count > 0)
        {
            throw new SimulationOptionsException(errors);
        }
    }

    public static int MinimumMerchants => Countries.All.Count * MerchantCategories.All.Count;

    private static void ValidateBanks(IReadOnlyList<BankShare>? banks, List<string> errors)
    {
        if (banks is null || banks.Count == 0)
        {
            errors.Add("Banks must name at least one bank.");
            return;
        }

        if (banks.Count > 250)
        {
            errors.Add($"Banks may name at most 250 banks, got {banks.Count}.");
        }

        foreach (var bank in banks)
        {
            if (!Ids.IsBankId(bank.Bank))
            {
                errors.Add($"Banks: '{bank.Bank}' is not a bank id (2-16 of A-Z, 0-9, '_').");
            }

            if (bank.Region is not (BankShare.UsRegion or BankShare.EuropeRegion))
            {
                errors.Add($"Banks: region of {bank.Bank} must be {BankShare.UsRegion} or {BankShare.EuropeRegion}, was '{bank.Region}'.");
            }

            if (!(bank.Share > 0) || !double.IsFinite(bank.Share))
            {
                errors.Add($"Banks: share of {bank.Bank} must be positive, was {bank.Share}.");
            }

            if (bank.BinPrefix is not { Length: 6 } || !bank.BinPrefix.All(char.IsAsciiDigit))
            {
                errors.Add($"Banks: card prefix of {bank.Bank} must be 6 digits, was '{bank.BinPrefix}'.");
            }
        }

        foreach (var duplicate in banks.GroupBy(b => b.Bank, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"Banks: {duplicate.Key} is listed {duplicate.Count()} times.");
        }

        foreach (var region in new[] { BankShare.UsRegion, BankShare.EuropeRegion })
        {
            if (!banks.Any(b => b.Region == region && b.Share > 0))
            {
                errors.Add($"Banks: region {region} needs at least one bank (its countries have users).");
            }
        }
    }

    private static void ValidateFraud(FraudRates? fraud, List<string> errors)
    {
        if (fraud is null)
        {
            errors.Add("Fraud rates are required.");
            return;
        }

        Rate(errors, "Fraud.CardTesting", fraud.CardTesting, 0.05);
        Rate(errors, "Fraud.AccountTakeover", fraud.AccountTakeover, 0.05);
        Rate(errors, "Fraud.ClonedCard", fraud.ClonedCard, 0.05);
        Rate(errors, "Fraud.MerchantCompromise", fraud.MerchantCompromise, 0.05);
        Rate(errors, "Fraud.Drift", fraud.Drift, 1);
    }

    private static void Rate(List<string> errors, string name, double value, double max)
    {
        if (!double.IsFinite(value) || value < 0 || value > max)
        {
            errors.Add($"{name} must be between 0 and {max}, was {value}.");
        }
    }
}

/// <summary>Invalid simulation parameters; <see cref="Exception.Message"/> lists every problem.</summary>
public sealed class SimulationOptionsException : Exception
{
    public SimulationOptionsException(IReadOnlyList<string> errors)
        : base("Invalid simulation parameters: " + string.Join(" ", errors))
    {
        Errors = errors;
    }

    public SimulationOptionsException()
        : this(["(none given)"])
    {
    }

    public SimulationOptionsException(string message)
        : this([message])
    {
    }

    public SimulationOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public IReadOnlyList<string> Errors { get; }
}
