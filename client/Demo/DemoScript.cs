using System.Text;
using System.Text.Json;
using Actors.Accounts;
using Actors.Client.Rendering;
using Actors.Errors;
using Actors.Fraud;
using Actors.Transfers;
using Actors.Users;
using Spectre.Console;

namespace Actors.Client.Demo;

/// <summary>
/// The scripted end-to-end story: alice, her CHASE and CITI accounts, consent-gated Messenger reads,
/// card payments, idempotent retries, a transfer, a freeze, fraud alerts answered "It was me" (cleared) and "Not me"
/// (the account frozen), revocation, audit, export and erasure.
/// Every decision is printed and checked; the first one that differs fails the demo.
/// </summary>
public sealed class DemoScript
{
    /// <summary>How long the demo waits for a notification to reach the inbox (stream delivery is asynchronous).</summary>
    private static readonly TimeSpan NotificationDeadline = TimeSpan.FromSeconds(15);

    public const int Steps = 18;
    private const string Chase = "CHASE";
    private const string Citi = "CITI";
    private const string Bookshop = "BOOKNOOK-0101";
    private const int BookshopMcc = 5942;
    private const int Laptop = 1;
    private const int NewPhone = 2;
    private const string Messenger = ActorsConstants.MessengerActor;
    private const string UserActor = "user";
    private const string FreezeReason = "card reported stolen";

    private static readonly Money.Money Salary = Money.Money.Parse("2500.00 USD");
    private static readonly Money.Money Groceries = Money.Money.Parse("42.50 USD");
    private static readonly Money.Money Watch = Money.Money.Parse("9000.00 USD");
    private static readonly Money.Money Rent = Money.Money.Parse("500.00 USD");
    private static readonly Money.Money Coffee = Money.Money.Parse("4.20 USD");
    private static readonly Money.Money Book = Money.Money.Parse("18.00 USD");
    private static readonly Money.Money Lunch = Money.Money.Parse("12.00 USD");
    private static readonly Money.Money London = Money.Money.Parse("80.00 USD");

    private readonly DemoIds _ids;
    private readonly DemoNarrator _narrator;
    private readonly IUserGrain _alice;
    private readonly IAccountGrain _chase;
    private readonly IAccountGrain _citi;

    public DemoScript(IGrainFactory grains, DemoIds ids, DemoNarrator narrator)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _ids = ids;
        _narrator = narrator;
        _alice = grains.GetGrain<IUserGrain>(ids.User);
        _chase = grains.GetGrain<IAccountGrain>(ids.Chase);
        _citi = grains.GetGrain<IAccountGrain>(ids.Citi);
        Transfers = grains;
    }

    private IGrainFactory Transfers { get; }

    public async Task RunAsync()
    {
        var n = _narrator;
        await n.Step($"Register {_ids.User} with USD accounts at CHASE and CITI", Register);
        await n.Step($"Deposit salary of {Salary} into {_ids.Chase}", DepositSalary);
        await n.Step("Messenger reads the CHASE balance without consent", () => MessengerRead(ConsentStatus.Missing));
        await n.Step("Alice grants BalanceView for CHASE; Messenger reads again", GrantBalanceViewAndRead);
        await n.Step("Alice grants TransactionNotifications for CHASE", GrantNotifications);
        await n.Step($"Card payment of {Groceries} at a grocery store (MCC 5411)", AuthorizeGroceries);
        await n.Step($"Card payment of {Watch} at a jeweller: more than the balance", AuthorizeWatch);
        await n.Step("The card network retries the grocery payment with the same transaction id", RetryGroceries);
        await n.Step($"Transfer {Rent} from CHASE to CITI", TransferToCiti);
        await n.Step($"The bank freezes {_ids.Chase} ({FreezeReason}); a card payment follows", FreezeAndAuthorize);
        await n.Step("Alice grants FraudAlerts for CITI and buys a book online from her new phone", NewPhoneAlert);
        await n.Step("Alice answers the alert in Messenger: \"It was me\"", ItWasMe);
        await n.Step("A clone of the CITI card is used in London seconds after a payment at home", ClonedCardAlert);
        await n.Step("Alice answers the alert in Messenger: \"Not me\"; the card is used again", NotMe);
        await n.Step("Alice revokes BalanceView for CHASE; Messenger reads again", RevokeAndRead);
        await n.Step("Show alice's audit log", ShowAudit);
        await n.Step("Export everything held about alice (right of access)", Export);
        await n.Step("Erase alice (right to erasure); Messenger reads again", EraseAndRead);
    }

    private async Task Register()
    {
        var user = await _alice.Register(new UserProfile("Alice Example", "en_US", "US", $"m-{_ids.Token}"));
        var chase = await _chase.Open(_ids.User, "USD");
        var citi = await _citi.Open(_ids.User, "USD");
        await _alice.LinkAccount(_ids.Chase);
        user = await _alice.LinkAccount(_ids.Citi);
        _narrator.Show(Views.Accounts([chase, citi]));
        _narrator.Expect(user.LinkedAccounts.Order().SequenceEqual(new[] { _ids.Chase, _ids.Citi }.Order()),
            "both accounts linked to alice", string.Join(", ", user.LinkedAccounts));
    }

    private async Task DepositSalary()
    {
        var result = await _chase.Deposit(_ids.Tx("salary"), Salary);
        _narrator.Decision(Views.Posting(result));
        ExpectApplied(result, balance: "2500.00 USD");
    }

    private async Task MessengerRead(ConsentStatus expected)
    {
        var result = await _alice.GetBalanceForMessenger(Chase, Messenger);
        _narrator.Decision(Views.MessengerRead(_ids.User, Chase, result));
        _narrator.Expect(result.Status == MessengerReadStatus.ConsentRequired && result.Consent.Status == expected && result.Balances.Count == 0,
            $"ConsentRequired ({expected}) and no balance shown", $"{result.Status} ({result.Consent.Status}), {result.Balances.Count} balance(s)");
    }

    private async Task GrantBalanceViewAndRead()
    {
        var record = await _alice.GrantConsent(Chase, ConsentPurpose.BalanceView, expiresAt: null, UserActor);
        _narrator.Decision($"granted {record.Purpose} for {record.Bank}");
        var result = await _alice.GetBalanceForMessenger(Chase, Messenger);
        _narrator.Decision(Views.MessengerRead(_ids.User, Chase, result));
        var shown = string.Join(", ", result.Balances.Select(b => $"{b.AccountId} {b.Balance}"));
        _narrator.Expect(result.Status == MessengerReadStatus.Ok && shown == $"{_ids.Chase} 2500.00 USD",
            $"Ok with {_ids.Chase} 2500.00 USD", $"{result.Status}: {shown}");
    }

    private async Task GrantNotifications()
    {
        var record = await _alice.GrantConsent(Chase, ConsentPurpose.TransactionNotifications, expiresAt: null, UserActor);
        _narrator.Decision($"granted {record.Purpose} for {record.Bank}");
        var decision = await _alice.CheckConsent(Chase, ConsentPurpose.TransactionNotifications, UserActor);
        _narrator.Expect(decision.Allowed, "TransactionNotifications granted", decision.Status.ToString());
    }

    private async Task AuthorizeGroceries()
    {
        var result = await _chase.Authorize(new CardAuthorization(_ids.Tx("groceries"), Groceries, "FRESHMART-0042", 5411, "US"));
        _narrator.Decision(Views.Posting(result));
        ExpectApplied(result, balance: "2457.50 USD");

        await ExpectInInbox(_ids.Tx("groceries"), InboxMessageKind.Transaction, "a notification of the payment in alice's inbox");
    }

    /// <summary>Waits (with a deadline) for the inbox message of <paramref name="kind"/> about <paramref name="transactionId"/>.</summary>
    private async Task ExpectInInbox(string transactionId, InboxMessageKind kind, string expected)
    {
        // Notifications travel on the user's inbox stream: give delivery a moment, with a deadline.
        bool Arrived(InboxMessage m) => m.TransactionId == transactionId && m.Kind == kind;
        var deadline = DateTime.UtcNow + NotificationDeadline;
        var inbox = await _alice.GetInbox();
        while (!inbox.Any(Arrived) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            inbox = await _alice.GetInbox();
        }

        var message = inbox.FirstOrDefault(Arrived);
        _narrator.Decision($"inbox: {Markup.Escape(message?.Text ?? "(nothing)")}");
        _narrator.Expect(message is not null, expected, $"{inbox.Count} message(s), no {kind} for {transactionId}");
    }

    private async Task AuthorizeWatch()
    {
        var result = await _chase.Authorize(new CardAuthorization(_ids.Tx("watch"), Watch, "LUXWATCH-0007", 5944, "US"));
        _narrator.Decision(Views.Posting(result));
        _narrator.Expect(!result.Approved && result.Reason == DeclineReason.InsufficientFunds && result.Balance.ToString() == "2457.50 USD",
            "declined for InsufficientFunds, balance still 2457.50 USD", Summary(result));
    }

    private async Task RetryGroceries()
    {
        var result = await _chase.Authorize(new CardAuthorization(_ids.Tx("groceries"), Groceries, "FRESHMART-0042", 5411, "US"));
        _narrator.Decision(Views.Posting(result));
        var snapshot = await _chase.GetSnapshot();
        _narrator.Expect(result.Approved && result.Replayed && snapshot.Balance.ToString() == "2457.50 USD",
            "the first answer again (approved, Replayed) and no second charge: balance 2457.50 USD",
            $"{Summary(result)}, account balance {snapshot.Balance}");
    }

    private async Task TransferToCiti()
    {
        var transferId = _ids.Tx("rent");
        var result = await Transfers.GetGrain<ITransferGrain>(transferId).Execute(new TransferRequest(transferId, _ids.Chase, _ids.Citi, Rent));
        _narrator.Decision(Views.Transfer(result));
        var (chase, citi) = (await _chase.GetSnapshot(), await _citi.GetSnapshot());
        _narrator.Show(Views.Accounts([chase, citi]));
        _narrator.Expect(result.Status == TransferStatus.Completed && chase.Balance.ToString() == "1957.50 USD" && citi.Balance.ToString() == "500.00 USD",
            "Completed; CHASE 1957.50 USD, CITI 500.00 USD", $"{result.Status}; CHASE {chase.Balance}, CITI {citi.Balance}");
    }

    private async Task FreezeAndAuthorize()
    {
        var frozen = await _chase.Freeze(FreezeReason);
        _narrator.Decision($"{Markup.Escape(frozen.AccountId)} is {frozen.Status}: {Markup.Escape(frozen.FrozenReason ?? "")}");
        var result = await _chase.Authorize(new CardAuthorization(_ids.Tx("coffee"), Coffee, "BEANBAR-0311", 5814, "US"));
        _narrator.Decision(Views.Posting(result));
        _narrator.Expect(!result.Approved && result.Reason == DeclineReason.AccountFrozen && (result.Message ?? "").Contains(FreezeReason, StringComparison.Ordinal),
            $"declined for AccountFrozen, naming the reason '{FreezeReason}'", Summary(result));
    }

    private async Task NewPhoneAlert()
    {
        var record = await _alice.GrantConsent(Citi, ConsentPurpose.FraudAlerts, expiresAt: null, UserActor);
        _narrator.Decision($"granted {record.Purpose} for {record.Bank}");
        var laptop = await _citi.Authorize(Online(_ids.Tx("book-laptop"), Laptop));
        _narrator.Decision($"from her laptop: {Views.Posting(laptop)}");
        ExpectClean(laptop, "approved without an alert: the first device an account pays from is learned");
        var phone = await _citi.Authorize(Online(_ids.Tx("book-phone"), NewPhone));
        _narrator.Decision($"from a new phone: {Views.Posting(phone)}; {Risk(phone)}");
        _narrator.Expect(phone.Approved && phone.Fraud.Alerted && phone.Fraud.Fired.HasFlag(FraudRules.UnfamiliarDevice),
            "approved, with a fraud alert (unfamiliar_device)", $"{Summary(phone)}; {Risk(phone)}");
        await ExpectInInbox(_ids.Tx("book-phone"), InboxMessageKind.FraudAlert, "the fraud alert in alice's Messenger inbox");
    }

    private async Task ItWasMe()
    {
        var alert = await _citi.ResolveAlert(_ids.Tx("book-phone"), AlertFeedback.ItWasMe);
        var citi = await _citi.GetSnapshot();
        _narrator.Decision($"alert on {Markup.Escape(alert.TransactionId)} is {alert.Status}; {Markup.Escape(citi.AccountId)} is {citi.Status}");
        _narrator.Expect(alert.Status == FraudAlertStatus.Cleared && citi.Status == AccountStatus.Active,
            "alert Cleared, CITI still Active", $"alert {alert.Status}, CITI {citi.Status}");
    }

    private async Task ClonedCardAlert()
    {
        var home = await _citi.Authorize(new CardAuthorization(_ids.Tx("lunch"), Lunch, "DINER-0420", 5812, "US"));
        _narrator.Decision($"at home: {Views.Posting(home)}");
        ExpectClean(home, "approved without an alert");
        var london = await _citi.Authorize(new CardAuthorization(_ids.Tx("london"), London, "OXFORDST-0099", 5311, "GB"));
        _narrator.Decision($"in London: {Views.Posting(london)}; {Risk(london)}");
        var citi = await _citi.GetSnapshot();
        _narrator.Expect(!london.Approved && london.Reason == DeclineReason.FraudSuspected && london.Fraud.Alerted
                && london.Fraud.Fired.HasFlag(FraudRules.ImpossibleTravel) && citi.Status == AccountStatus.Active,
            "declined for FraudSuspected with an alert (impossible_travel); the account stays Active until alice answers",
            $"{Summary(london)}; {Risk(london)}; CITI {citi.Status}");
        await ExpectInInbox(_ids.Tx("london"), InboxMessageKind.FraudAlert, "the fraud alert in alice's Messenger inbox");
    }

    private async Task NotMe()
    {
        var alert = await _citi.ResolveAlert(_ids.Tx("london"), AlertFeedback.NotMe);
        var citi = await _citi.GetSnapshot();
        _narrator.Decision($"alert on {Markup.Escape(alert.TransactionId)} is {alert.Status}; {Markup.Escape(citi.AccountId)} is {citi.Status}: {Markup.Escape(citi.FrozenReason ?? "")}");
        var again = await _citi.Authorize(new CardAuthorization(_ids.Tx("london-again"), London, "OXFORDST-0099", 5311, "GB"));
        _narrator.Decision(Views.Posting(again));
        _narrator.Expect(alert.Status == FraudAlertStatus.ConfirmedFraud && citi.Status == AccountStatus.Frozen
                && !again.Approved && again.Reason == DeclineReason.AccountFrozen,
            "alert ConfirmedFraud, CITI Frozen, the next payment declined for AccountFrozen",
            $"alert {alert.Status}, CITI {citi.Status}; {Summary(again)}");
    }

    private CardAuthorization Online(string transactionId, int device) =>
        new(transactionId, Book, Bookshop, BookshopMcc, "US", At: null, CardPresent: false, Device: device);

    private void ExpectClean(PostingResult result, string expected) =>
        _narrator.Expect(result.Approved && !result.Fraud.Alerted, expected, $"{Summary(result)}; {Risk(result)}");

    private static string Risk(PostingResult result) =>
        $"risk {result.Fraud.Score}{(result.Fraud.Fired == FraudRules.None ? "" : $" ({FraudRuleNames.Describe(result.Fraud.Fired)})")}";

    private async Task RevokeAndRead()
    {
        var revoked = await _alice.RevokeConsent(Chase, ConsentPurpose.BalanceView, UserActor);
        _narrator.Decision(revoked is null ? "nothing was revoked" : $"revoked {revoked.Purpose} for {revoked.Bank}");
        await MessengerRead(ConsentStatus.Revoked);
    }

    private async Task ShowAudit()
    {
        var entries = await _alice.GetAuditLog();
        _narrator.Show(Views.Audit(entries));
        int Count(AuditAction action, AuditOutcome? outcome = null) => entries.Count(e => e.Action == action && (outcome is null || e.Outcome == outcome));
        var (denied, allowed) = (Count(AuditAction.Access, AuditOutcome.Denied), Count(AuditAction.Access, AuditOutcome.Allowed));
        var (granted, revoked, linked) = (Count(AuditAction.ConsentGranted), Count(AuditAction.ConsentRevoked), Count(AuditAction.AccountLinked));
        _narrator.Expect(denied >= 2 && allowed >= 1 && granted == 3 && revoked == 1 && linked == 2,
            "2 links, 3 grants, 1 revocation, the denied and the allowed Messenger reads",
            $"{linked} links, {granted} grants, {revoked} revocations, {denied} denied and {allowed} allowed reads");
    }

    private async Task Export()
    {
        var json = await _alice.Export(UserActor);
        using var document = JsonDocument.Parse(json);
        var fields = document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        _narrator.Decision($"{Encoding.UTF8.GetByteCount(json)} bytes of JSON; top-level fields: {Markup.Escape(string.Join(", ", fields))}");
        string[] required = ["UserId", "Profile", "LinkedAccounts", "Consents", "AuditLog", "Inbox"];
        var missing = required.Except(fields).ToArray();
        var userId = document.RootElement.TryGetProperty("UserId", out var id) ? id.GetString() : null;
        _narrator.Expect(missing.Length == 0 && userId == _ids.User,
            $"a JSON document about {_ids.User} with {string.Join(", ", required)}",
            missing.Length == 0 ? $"UserId {userId}" : $"missing {string.Join(", ", missing)}");
    }

    private async Task EraseAndRead()
    {
        await _alice.Erase(UserActor);
        _narrator.Decision($"erased {Markup.Escape(_ids.User)}");
        try
        {
            var result = await _alice.GetBalanceForMessenger(Chase, Messenger);
            throw _narrator.Differs("the read to be refused because the user was erased", result.ToString());
        }
        catch (DomainException e) when (e.Error == DomainError.UserErased)
        {
            _narrator.Decision($"messenger read: [yellow]{e.Error}: {Markup.Escape(e.Message)}[/]");
            _narrator.Expect(true, "UserErased: nothing about alice is returned", "");
        }
    }

    private void ExpectApplied(PostingResult result, string balance) =>
        _narrator.Expect(result.Approved && !result.Replayed && result.Balance.ToString() == balance, $"applied, balance {balance}", Summary(result));

    private static string Summary(PostingResult result) =>
        $"{result.Outcome}{(result.Reason == DeclineReason.None ? "" : $" ({result.Reason}: {result.Message})")}{(result.Replayed ? ", Replayed" : "")}, balance {result.Balance}";
}
