namespace Actors.LoadTests.Population;

/// <summary>
/// The synthetic population a load scenario works on: <see cref="Users"/> users, each with an account
/// at CHASE and one at CITI, funded, and with consents granted to most of them. Ids are deterministic
/// (lt-u{i}, CHASE:lt-{i}, CITI:lt-{i}), so a second run against the same cluster reuses them.
/// </summary>
public sealed record PopulationOptions
{
    public const int DefaultUsers = 10_000;

    public int Users { get; init; } = DefaultUsers;

    /// <summary>This agent's slice: users whose index modulo <see cref="AgentCount"/> is <see cref="AgentIndex"/>.</summary>
    public int AgentIndex { get; init; }

    public int AgentCount { get; init; } = 1;

    /// <summary>Initial balance of each account, in cents.</summary>
    public long OpeningBalanceMinor { get; init; } = 1_000_000_00;

    /// <summary>Share of users (in percent) who grant BalanceView and TransactionNotifications for CHASE.</summary>
    public int ConsentPercent { get; init; } = 90;

    /// <summary>Population set-up calls in flight at once.</summary>
    public int SetupParallelism { get; init; } = 64;

    public IEnumerable<int> SliceIndexes()
    {
        for (var i = AgentIndex; i < Users; i += AgentCount)
        {
            yield return i;
        }
    }

    public int SliceSize => (Users - AgentIndex + AgentCount - 1) / AgentCount;

    public static string UserId(int index) => $"lt-u{index}";

    public static string ChaseAccount(int index) => $"CHASE:lt-{index}";

    public static string CitiAccount(int index) => $"CITI:lt-{index}";

    /// <summary>Whether user <paramref name="index"/> consents (deterministic, spread evenly).</summary>
    public bool Consents(int index) => (int)((uint)(index * 2654435761u) % 100) < ConsentPercent;
}
