using Actors.Users;

namespace Actors.Simulation.Traffic;

/// <summary>
/// The snake_case names that traces store for enums, by table lookup (no reflection, no allocation):
/// they are part of the trace format, so renaming a C# member never changes a file.
/// </summary>
public static class TraceNames
{
    private static readonly string[] EventTypes =
    [
        "", "merchant_registered", "user_registered", "account_opened", "initial_deposit", "salary_deposit",
        "card_authorization", "transfer", "balance_check", "consent_granted", "consent_revoked", "chargeback", "refund", "atm_withdrawal",
    ];

    private static readonly string[] FraudLabels = ["none", "card_testing", "account_takeover", "cloned_card", "merchant_compromise"];

    private static readonly string[] Purposes = ["", "balance_view", "transaction_notifications", "fraud_alerts", "merchant_insights", "offers"];

    public static IReadOnlyList<EventType> AllEventTypes { get; } = Enumerable.Range(1, EventTypes.Length - 1).Select(i => (EventType)i).ToArray();

    public static IReadOnlyList<FraudLabel> AllFraudLabels { get; } = Enumerable.Range(0, FraudLabels.Length).Select(i => (FraudLabel)i).ToArray();

    public static string Of(EventType type) => EventTypes[(int)type];

    public static string Of(FraudLabel label) => FraudLabels[(int)label];

    public static string? Of(ConsentPurpose purpose) => purpose == 0 ? null : Purposes[(int)purpose];

    public static bool TryParseEventType(string? name, out EventType type) => TryParse(EventTypes, name, 1, out type);

    public static bool TryParseFraudLabel(string? name, out FraudLabel label) => TryParse(FraudLabels, name, 0, out label);

    public static bool TryParsePurpose(string? name, out ConsentPurpose purpose) => TryParse(Purposes, name, 1, out purpose);

    public static string EventTypeNames => string.Join(", ", EventTypes.Skip(1));

    private static bool TryParse<T>(string[] names, string? name, int first, out T value)
        where T : struct, Enum
    {
        for (var i = first; i < names.Length; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                value = (T)(object)(byte)i;
                return true;
            }
        }

        value = default;
        return false;
    }
}
