using Actors.Simulation.Options;
using Actors.Simulation.Randomness;

namespace Actors.Simulation.Population;

/// <summary>
/// A generated population held as parallel arrays (structure of arrays): the traffic loop reads a
/// few numbers per event, so compact columns keep it in cache and memory grows with the population
/// only. Built by <see cref="WorldBuilder"/>; read-only afterwards.
/// </summary>
public sealed class World
{
    public const int PurposeCount = 5;
    public const int PreferredSlots = 8;
    public const int MaxAccountsPerUser = 3;

    internal World(SimulationOptions options, int users, int accounts, int merchants)
    {
        Options = options;
        Banks = options.Banks.ToArray();
        UserIds = new string[users];
        UserNames = new string[users];
        MessengerIds = new string[users];
        UserCountry = new byte[users];
        SignupDay = new int[users];
        Persona = new byte[users];
        Activity = new float[users];
        AmountScale = new float[users];
        HourShift = new sbyte[users];
        Travel = new float[users];
        Propensity = new byte[users * PurposeCount];
        SalaryMinor = new long[users];
        PayPeriodDays = new byte[users];
        SalaryPhaseDays = new byte[users];
        FirstAccount = new int[users + 1];
        Preferred = new int[users * PreferredSlots];
        AccountIds = new string[accounts];
        AccountOwner = new int[accounts];
        AccountBank = new byte[accounts];
        Iban = new string?[accounts];
        RoutingNumber = new string?[accounts];
        AccountNumber = new string?[accounts];
        CardNumber = new string[accounts];
        InitialDepositMinor = new long[accounts];
        MerchantIds = new string[merchants];
        MerchantNames = new string[merchants];
        MerchantCities = new string[merchants];
        MerchantCountry = new byte[merchants];
        MerchantCategory = new byte[merchants];
        MerchantRisk = new byte[merchants];
    }

    public SimulationOptions Options { get; }

    public BankShare[] Banks { get; }

    public int UserCount => UserIds.Length;

    public int AccountCount => AccountIds.Length;

    public int MerchantCount => MerchantIds.Length;

    // Users.
    public string[] UserIds { get; }
    public string[] UserNames { get; }
    public string[] MessengerIds { get; }
    public byte[] UserCountry { get; }

    /// <summary>Sign-up date as <see cref="DateOnly.DayNumber"/>.</summary>
    public int[] SignupDay { get; }
    public byte[] Persona { get; }

    /// <summary>Multiplier of the user's event rates (mean 1).</summary>
    public float[] Activity { get; }

    /// <summary>Multiplier of the user's amounts (mean about 1).</summary>
    public float[] AmountScale { get; }

    /// <summary>Hours the user's day is shifted (early birds and night owls).</summary>
    public sbyte[] HourShift { get; }

    /// <summary>Probability that one of the user's card payments happens abroad.</summary>
    public float[] Travel { get; }

    /// <summary>Consent propensity per purpose, 0-255 meaning 0-100 %, at [user * 5 + purpose - 1].</summary>
    public byte[] Propensity { get; }
    public long[] SalaryMinor { get; }
    public byte[] PayPeriodDays { get; }
    public byte[] SalaryPhaseDays { get; }

    /// <summary>Accounts of user u are FirstAccount[u] .. FirstAccount[u + 1] - 1; the first is the salary account.</summary>
    public int[] FirstAccount { get; }

    /// <summary>Preferred merchants at [user * 8 + slot]; slot popularity is Zipf-like.</summary>
    public int[] Preferred { get; }

    // Accounts.
    public string[] AccountIds { get; }
    public int[] AccountOwner { get; }
    public byte[] AccountBank { get; }
    public string?[] Iban { get; }
    public string?[] RoutingNumber { get; }
    public string?[] AccountNumber { get; }
    public string[] CardNumber { get; }
    public long[] InitialDepositMinor { get; }

    // Merchants.
    public string[] MerchantIds { get; }
    public string[] MerchantNames { get; }
    public string[] MerchantCities { get; }
    public byte[] MerchantCountry { get; }
    public byte[] MerchantCategory { get; }

    /// <summary>0 low, 1 medium, 2 high.</summary>
    public byte[] MerchantRisk { get; }

    // Indexes built after generation.
    internal int[][] MerchantsByCell { get; set; } = [];
    internal AliasTable[] CellPopularity { get; set; } = [];
    internal int[][] AccountsByCurrency { get; set; } = [];
    internal int[][] UsersByCountry { get; set; } = [];
    internal int[] CountryCurrency { get; set; } = [];

    public static string RiskName(byte risk) => risk switch { 0 => "low", 1 => "medium", _ => "high" };

    public int AccountCountOf(int user) => FirstAccount[user + 1] - FirstAccount[user];

    public CountryInfo CountryOfUser(int user) => Countries.All[UserCountry[user]];

    public string CurrencyOfAccount(int account) => Countries.All[UserCountry[AccountOwner[account]]].Currency;

    internal static int Cell(int country, int category) => country * MerchantCategories.All.Count + category;
}
