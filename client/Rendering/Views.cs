using System.Globalization;
using Actors.Accounts;
using Actors.Transfers;
using Actors.Users;
using Spectre.Console;

namespace Actors.Client.Rendering;

/// <summary>
/// How results look on the console: one coloured line for a decision, a table for lists. Every
/// value from the cluster is escaped, because Spectre reads square brackets as markup.
/// </summary>
public static class Views
{
    public static string Posting(PostingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var colour = result.Approved ? "green" : "red";
        return $"[{colour}]{Markup.Escape(result.ToString())}[/]";
    }

    public static string Transfer(TransferResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var colour = result.Status switch
        {
            TransferStatus.Completed => "green",
            TransferStatus.Failed or TransferStatus.Reversed => "red",
            _ => "yellow",
        };
        return $"[{colour}]{Markup.Escape(result.ToString())}[/]";
    }

    public static string MessengerRead(string userId, string bank, MessengerBalanceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var colour = result.Status == MessengerReadStatus.Ok ? "green" : "yellow";
        return $"messenger read of {Markup.Escape(userId)} at {Markup.Escape(bank)}: [{colour}]{Markup.Escape(result.ToString())}[/]";
    }

    public static Table Accounts(IEnumerable<AccountSnapshot> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var table = new Table().AddColumns("Account", "Owner", "Status", "Balance", "Postings", "Frozen reason");
        foreach (var a in accounts)
        {
            table.AddRow(Cells(a.AccountId, a.Owner, a.Status.ToString(), a.Balance.ToString(), a.Postings.ToString(CultureInfo.InvariantCulture), a.FrozenReason ?? ""));
        }

        return table;
    }

    public static Table MessengerBalances(IEnumerable<MessengerAccountBalance> balances)
    {
        ArgumentNullException.ThrowIfNull(balances);
        var table = new Table().AddColumns("Account", "Balance");
        foreach (var b in balances)
        {
            table.AddRow(Cells(b.AccountId, b.Balance.ToString()));
        }

        return table;
    }

    public static Table Audit(IEnumerable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var table = new Table().AddColumns("At (UTC)", "Actor", "Action", "Bank", "Purpose", "Outcome", "Detail");
        foreach (var e in entries)
        {
            table.AddRow(Cells(Time(e.At), e.Actor, e.Action.ToString(), e.Bank ?? "", e.Purpose?.ToString() ?? "", e.Outcome.ToString(), e.Detail ?? ""));
        }

        return table;
    }

    public static Table Inbox(IEnumerable<InboxMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var table = new Table().AddColumns("At (UTC)", "Kind", "Bank", "Account", "Transaction", "Text");
        foreach (var m in messages)
        {
            table.AddRow(Cells(Time(m.At), m.Kind.ToString(), m.Bank, m.AccountId, m.TransactionId ?? "", m.Text));
        }

        return table;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string[] Cells(params string[] values) => values.Select(Markup.Escape).ToArray();
}
