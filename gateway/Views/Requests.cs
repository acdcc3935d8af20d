using Actors.Users;

namespace Actors.Gateway.Views;

// Request bodies. Unknown fields, wrong types and missing required fields are refused by the JSON
// options (GatewayJson), before an endpoint runs.

/// <summary>Grant one purpose for one bank, optionally until an instant.</summary>
public sealed record GrantConsentRequest(string Bank, ConsentPurpose Purpose, DateTimeOffset? ExpiresAt = null);

/// <summary>Freeze an account, saying why.</summary>
public sealed record FreezeRequest(string Reason);

/// <summary>A bank credits its customer's account: amount in minor units of the account's currency.</summary>
public sealed record DepositRequest(string TransactionId, long AmountMinor, string Currency);

/// <summary>A bank moves money from the account in the path to another of its accounts; the transfer id makes it idempotent.</summary>
public sealed record BankTransferRequest(string TransferId, string ToAccount, long AmountMinor, string Currency);
