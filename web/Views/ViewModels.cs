namespace Actors.Web.Views;

// What the browser receives: plain records of display-ready strings and numbers, built by ViewMapper.

public sealed record UserListItem(string UserId, string Name, string Initials, string Country, IReadOnlyList<string> Banks);

public sealed record MessageView(string Key, DateTimeOffset At, string Kind, string Bank, string AccountId, string? TransactionId, string Text);

public sealed record AlertView(string AccountId, string TransactionId, DateTimeOffset At, string Amount, string Merchant, string Country, string Rules, int Score, string Status, bool Open);

public sealed record ConsentView(string Bank, string Purpose, string Label, string Status, DateTimeOffset? ExpiresAt, bool Active);

public sealed record AccountLine(string AccountId, string Bank, string Owner, string OwnerName, string Status, string? FrozenReason, string Balance, long Postings, int OpenAlerts);

public sealed record BankThread(string Bank, IReadOnlyList<AccountLine> Accounts, IReadOnlyList<ConsentView> Consents, IReadOnlyList<AlertView> Alerts);

public sealed record ConversationView(string UserId, string Name, string Initials, string Country, string MessengerId, IReadOnlyList<BankThread> Banks);

public sealed record BalanceAnswer(string Bank, bool Ok, string Text);

public sealed record HistoryLine(string TransactionId, DateTimeOffset At, string Kind, string Outcome, string Amount, string BalanceAfter, string? Counterparty);

public sealed record AccountDetail(AccountLine Account, IReadOnlyList<HistoryLine> History, IReadOnlyList<AlertView> Alerts);

public sealed record AuditLine(DateTimeOffset At, string Actor, string Action, string? Bank, string? Purpose, string Outcome, string? Detail, long Occurrences);

public sealed record BankSummary(string Bank, int Accounts);
