using System.ComponentModel;
using System.Globalization;
using Actors.Accounts;
using Actors.Users;

namespace Actors.Gateway.Views;

// What the gateway answers, as plain JSON records: money as minor units plus code (never a float),
// enums as names. Only the user named in the path ever appears in an answer.

/// <summary>
/// An exact amount: minor units (a JSON integer, and the same digits as a string, <c>minorText</c>), ISO currency,
/// and a display string such as "12.34 USD". JavaScript reads JSON numbers as doubles, exact only up to 2^53 - 1
/// (9,007,199,254,740,991); a balance can go beyond that, so clients that must stay exact read <c>minorText</c>.
/// </summary>
public sealed record MoneyView(
    [property: Description("Amount in minor units (cents). Exact as a 64-bit integer; JavaScript loses digits above 2^53 - 1, so read minorText there.")]
    long Minor,
    [property: Description("The same amount in minor units as a decimal string (e.g. \"9007199254740993\"), always present and always exact.")]
    string MinorText,
    [property: Description("ISO 4217 currency code.")]
    string Currency,
    [property: Description("For people, e.g. \"12.34 USD\"; not for parsing.")]
    string Display)
{
    /// <summary>The largest integer a JavaScript number (an IEEE double) holds exactly.</summary>
    public const long MaxSafeInteger = (1L << 53) - 1;

    public static MoneyView Of(Money.Money money) =>
        new(money.Minor, money.Minor.ToString(CultureInfo.InvariantCulture), money.Currency.Code, money.ToString());
}

public sealed record PartnerLinkView(string UserId, string PartnerId, bool Linked, IReadOnlyList<ConsentView> ConsentsInForce);

public sealed record ConsentView(string Bank, ConsentPurpose Purpose, DateTimeOffset GrantedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public static ConsentView Of(ConsentRecord c) => new(c.Bank, c.Purpose, c.GrantedAt, c.ExpiresAt, c.RevokedAt);
}

/// <summary>A consent-gated read: "ok", or "no_account_at_bank" when the user has no linked account there.</summary>
public sealed record PartnerItemsView<T>(string UserId, string Bank, string Status, IReadOnlyList<T> Items);

public sealed record BalanceView(string AccountId, MoneyView Balance);

public sealed record TransactionView(string AccountId, string TransactionId, PostingKind Kind, PostingOutcome Outcome, DeclineReason Reason,
    MoneyView Amount, MoneyView BalanceAfter, DateTimeOffset At)
{
    public static TransactionView Of(PartnerTransaction t) =>
        new(t.AccountId, t.TransactionId, t.Kind, t.Outcome, t.Reason, MoneyView.Of(t.Amount), MoneyView.Of(t.BalanceAfter), t.At);
}

public sealed record AlertView(string AccountId, string TransactionId, DateTimeOffset At, MoneyView Amount, string MerchantId, string Country,
    FraudAlertStatus Status, string Rules);

public sealed record NotificationView(DateTimeOffset At, InboxMessageKind Kind, string Bank, string AccountId, string? TransactionId,
    PostingKind Posting, MoneyView Amount, MoneyView Balance, string Text)
{
    public static NotificationView Of(InboxMessage m) =>
        new(m.At, m.Kind, m.Bank, m.AccountId, m.TransactionId, m.Posting, MoneyView.Of(m.Amount), MoneyView.Of(m.Balance), m.Text);

    /// <summary>The cursor a client passes back as <c>after</c> (or Last-Event-ID): the instant in UTC, round-trip format.</summary>
    public static string Cursor(DateTimeOffset at) => at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Notifications newer than the request's cursor, and the cursor to pass next time.</summary>
public sealed record NotificationsView(string UserId, string Bank, IReadOnlyList<NotificationView> Items, string? Cursor);

public sealed record UserView(string UserId, string DisplayName, IReadOnlyList<string> LinkedAccounts, IReadOnlyList<ConsentView> Consents);

public sealed record PartnersView(string UserId, IReadOnlyList<string> Partners);

/// <summary>One audit entry; a denial that repeated is one entry: <c>count</c> times, first at <c>at</c>, last at <c>lastAt</c>.</summary>
public sealed record AuditEntryView(DateTimeOffset At, string Actor, AuditAction Action, string? Bank, ConsentPurpose? Purpose, AuditOutcome Outcome, string? Detail,
    long Count, DateTimeOffset? LastAt)
{
    public static AuditEntryView Of(AuditEntry e) => new(e.At, e.Actor, e.Action, e.Bank, e.Purpose, e.Outcome, e.Detail, e.Occurrences, e.LastAt);
}

public sealed record AccountView(string AccountId, string Owner, string Bank, AccountStatus Status, MoneyView Balance, string? FrozenReason)
{
    public static AccountView Of(AccountSnapshot s) => new(s.AccountId, s.Owner, s.Bank, s.Status, MoneyView.Of(s.Balance), s.FrozenReason);
}

public sealed record PostingView(string AccountId, string TransactionId, string Outcome, string Reason, MoneyView Balance);

/// <summary>Where a transfer stands: Completed, Failed (nothing moved) or Reversed (the debit was given back), with the reason.</summary>
public sealed record TransferView(string TransferId, string FromAccount, string ToAccount, MoneyView Amount, Transfers.TransferStatus Status,
    DeclineReason Reason, string? Message);
