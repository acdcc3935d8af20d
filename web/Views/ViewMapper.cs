using System.Globalization;
using Actors.Accounts;
using Actors.Users;

namespace Actors.Web.Views;

/// <summary>Turns grain answers into the browser's view models; pure functions, so they are unit-tested without a cluster.</summary>
public static class ViewMapper
{
    public static string Initials(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var letters = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => char.IsLetter(p[0])).Select(p => char.ToUpperInvariant(p[0])).ToArray();
        return letters.Length switch
        {
            0 => "?",
            1 => letters[0].ToString(),
            _ => string.Concat(letters[0], letters[^1]),
        };
    }

    /// <summary>A stable key per inbox message, so the browser shows each once however often it is sent.</summary>
    public static MessageView Message(InboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = string.Create(CultureInfo.InvariantCulture, $"{message.At.UtcTicks}:{message.Kind}:{message.AccountId}:{message.TransactionId}");
        return new MessageView(key, message.At, message.Kind.ToString(), message.Bank, message.AccountId, message.TransactionId, message.Text);
    }

    public static AlertView Alert(string accountId, FraudAlertRecord alert, Money.Currency currency)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var status = alert.Status switch
        {
            FraudAlertStatus.Open => "Open",
            FraudAlertStatus.ConfirmedFraud => "Confirmed fraud",
            _ => "Cleared",
        };
        return new AlertView(accountId, alert.TransactionId, alert.At, Minor(alert.AmountMinor, currency), alert.MerchantId, alert.Country, alert.Rules,
            alert.Assessment.Score, status, alert.Status == FraudAlertStatus.Open);
    }

    /// <summary>One row per purpose for <paramref name="bank"/>, the latest record of each deciding its status at <paramref name="now"/>.</summary>
    public static IReadOnlyList<ConsentView> Consents(string bank, IEnumerable<ConsentRecord> records, DateTimeOffset now)
    {
        var forBank = records.Where(r => r.Bank == bank).ToList();
        return Enum.GetValues<ConsentPurpose>().Select(purpose =>
        {
            var latest = forBank.Where(r => r.Purpose == purpose).MaxBy(r => r.GrantedAt);
            var status = latest?.StatusAt(now) ?? ConsentStatus.Missing;
            return new ConsentView(bank, purpose.ToString(), PurposeLabel(purpose), status.ToString(), status == ConsentStatus.Granted ? latest!.ExpiresAt : null,
                status == ConsentStatus.Granted);
        }).ToList();
    }

    public static string PurposeLabel(ConsentPurpose purpose) => purpose switch
    {
        ConsentPurpose.BalanceView => "Balance view",
        ConsentPurpose.TransactionNotifications => "Transaction notifications",
        ConsentPurpose.FraudAlerts => "Fraud alerts",
        ConsentPurpose.MerchantInsights => "Merchant insights",
        _ => "Offers",
    };

    public static AccountLine Account(AccountSnapshot account, string ownerName, int openAlerts)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new AccountLine(account.AccountId, account.Bank, account.Owner, ownerName, account.Status.ToString(), account.FrozenReason,
            account.Balance.ToString(), account.Postings, openAlerts);
    }

    /// <summary>"consent required" when the read was refused, naming the purpose and why.</summary>
    public static BalanceAnswer Balance(string bank, MessengerBalanceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status switch
        {
            MessengerReadStatus.Ok => new BalanceAnswer(bank, true, "Balance: " + string.Join(", ", result.Balances.Select(b => $"{b.AccountId} {b.Balance}"))),
            MessengerReadStatus.ConsentRequired => new BalanceAnswer(bank, false,
                $"Consent required: {PurposeLabel(result.Consent.Purpose).ToLowerInvariant()} for {bank} is {result.Consent.Status.ToString().ToLowerInvariant()}."),
            _ => new BalanceAnswer(bank, false, $"No linked account at {bank}."),
        };
    }

    public static HistoryLine History(HistoryEntry entry, Money.Currency currency)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var outcome = entry.Outcome == PostingOutcome.Applied ? "Applied" : $"Declined ({entry.Reason})";
        return new HistoryLine(entry.TransactionId, entry.At, entry.Kind.ToString(), outcome, Minor(entry.AmountMinor, currency), Minor(entry.BalanceAfterMinor, currency), entry.Counterparty);
    }

    public static AuditLine Audit(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditLine(entry.LastAt ?? entry.At, entry.Actor, entry.Action.ToString(), entry.Bank, entry.Purpose?.ToString(), entry.Outcome.ToString(), entry.Detail, entry.Occurrences);
    }

    // History and alerts carry minor units only: the account's currency says where the decimal point goes.
    private static string Minor(long minor, Money.Currency currency) => new Money.Money(minor, currency).ToString();
}
