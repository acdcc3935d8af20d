using Actors.Accounts;
using Actors.Domain;
using Actors.Errors;

namespace Actors.Users;

/// <summary>
/// The gateway side of the user grain: partner links, and partner reads that check the link, then
/// the consent for that bank and purpose at this moment, and audit the decision either way.
/// </summary>
public sealed partial class UserGrain : IUserGatewayGrain
{
    public async Task<IReadOnlyList<string>> LinkPartner(string partnerId)
    {
        PartnerRules.PartnerId(partnerId);
        EnsureRegistered();
        if (!(_user.State.Partners ??= []).Contains(partnerId))
        {
            _user.State.Partners.Add(partnerId);
            await _user.WriteAsync(GrainContext.GrainId);
            await Audit("user", AuditAction.PartnerLinked, null, null, AuditOutcome.Recorded, partnerId);
        }

        return _user.State.Partners?.ToArray() ?? [];
    }

    public async Task<IReadOnlyList<string>> UnlinkPartner(string partnerId)
    {
        PartnerRules.PartnerId(partnerId);
        EnsureRegistered();
        if (_user.State.Partners?.Remove(partnerId) != true)
        {
            throw new DomainException(DomainError.PartnerNotLinked, $"Partner '{partnerId}' is not linked to user '{UserId}'.");
        }

        await _user.WriteAsync(GrainContext.GrainId);
        await Audit("user", AuditAction.PartnerUnlinked, null, null, AuditOutcome.Recorded, partnerId);
        return _user.State.Partners?.ToArray() ?? [];
    }

    public async Task<PartnerLinkStatus> GetPartnerLink(string partnerId)
    {
        PartnerRules.PartnerId(partnerId);
        if (!await EnsurePartnerLinked(partnerId, null, null, "link status"))
        {
            return new PartnerLinkStatus(UserId, partnerId, Linked: false, []);
        }

        var now = _time.GetUtcNow();
        await Audit(PartnerRules.Actor(partnerId), AuditAction.Access, null, null, AuditOutcome.Allowed, "link status");
        return new PartnerLinkStatus(UserId, partnerId, Linked: true,
            _user.State.Consents.Where(c => c.StatusAt(now) == ConsentStatus.Granted).ToArray());
    }

    public async Task<PartnerRead<MessengerAccountBalance>> ReadBalance(string partnerId, string bank)
    {
        var (opened, accounts) = await OpenPartnerRead<MessengerAccountBalance>(partnerId, bank, ConsentPurpose.BalanceView, "balance read");
        if (!IsOpen(opened))
        {
            return opened;
        }

        var snapshots = await Task.WhenAll(accounts.Select(a => GrainFactory.GetGrain<IAccountGrain>(a).GetSnapshot()));
        return opened with { Items = snapshots.Select(s => new MessengerAccountBalance(s.AccountId, s.Balance)).ToArray() };
    }

    public async Task<PartnerRead<PartnerTransaction>> ReadTransactions(string partnerId, string bank, int max)
    {
        if (max is < 1 or > PartnerRules.MaxTransactions)
        {
            throw new DomainException(DomainError.InvalidArgument, $"Transactions limit {max} is out of range: expected 1-{PartnerRules.MaxTransactions}.");
        }

        var (opened, accounts) = await OpenPartnerRead<PartnerTransaction>(partnerId, bank, ConsentPurpose.TransactionNotifications, "transactions read");
        if (!IsOpen(opened))
        {
            return opened;
        }

        var perAccount = await Task.WhenAll(accounts.Select(async id =>
        {
            var account = GrainFactory.GetGrain<IAccountGrain>(id);
            var currency = (await account.GetSnapshot()).Balance.Currency;
            return (await account.GetHistory(max)).Select(h => new PartnerTransaction(id, h.TransactionId, h.Kind, h.Outcome, h.Reason,
                new Money.Money(h.AmountMinor, currency), new Money.Money(h.BalanceAfterMinor, currency), h.At));
        }));
        return opened with { Items = perAccount.SelectMany(t => t).OrderByDescending(t => t.At).Take(max).ToArray() };
    }

    public async Task<PartnerRead<PartnerAlert>> ReadAlerts(string partnerId, string bank)
    {
        var (opened, accounts) = await OpenPartnerRead<PartnerAlert>(partnerId, bank, ConsentPurpose.FraudAlerts, "fraud alerts read");
        if (!IsOpen(opened))
        {
            return opened;
        }

        var perAccount = await Task.WhenAll(accounts.Select(async id =>
        {
            var account = GrainFactory.GetGrain<IAccountGrain>(id);
            var currency = (await account.GetSnapshot()).Balance.Currency;
            return (await account.GetAlerts()).Select(a => new PartnerAlert(id, a.TransactionId, a.At, new Money.Money(a.AmountMinor, currency),
                a.MerchantId, a.Country, a.Status, a.Rules));
        }));
        return opened with { Items = perAccount.SelectMany(a => a).OrderByDescending(a => a.At).ToArray() };
    }

    public async Task<PartnerRead<InboxMessage>> ReadInbox(string partnerId, string bank, DateTimeOffset? after, bool audit)
    {
        PartnerRules.PartnerId(partnerId);
        Ids.Bank(bank);
        if (!await EnsurePartnerLinked(partnerId, bank, ConsentPurpose.TransactionNotifications, "notifications read"))
        {
            return new PartnerRead<InboxMessage>(MessengerReadStatus.PartnerNotLinked, null, []);
        }

        // Either purpose opens the inbox; each message then needs its own purpose, checked now, so a
        // revoke hides what arrived before it.
        var transactions = Decide(bank, ConsentPurpose.TransactionNotifications);
        var alerts = Decide(bank, ConsentPurpose.FraudAlerts);
        var gate = transactions.Allowed || !alerts.Allowed ? transactions : alerts;
        if (audit || !gate.Allowed)
        {
            await AuditDecision(PartnerRules.Actor(partnerId), gate, "notifications read");
        }

        if (!gate.Allowed)
        {
            return new PartnerRead<InboxMessage>(MessengerReadStatus.ConsentRequired, gate, []);
        }

        var messages = Newest(await InboxJournal.ReadAll(_user.State.Inbox), _options.InboxCapacity)
            .Where(m => m.Bank == bank && (after is null || m.At > after))
            .Where(m => m.Kind == InboxMessageKind.FraudAlert ? alerts.Allowed : transactions.Allowed)
            .ToArray();
        return new PartnerRead<InboxMessage>(MessengerReadStatus.Ok, gate, messages);
    }

    public async Task RecordAccess(string actor, string? bank, ConsentPurpose? purpose, bool allowed, string detail)
    {
        UserRules.Actor(actor);
        EnsureRegistered();
        await Audit(actor, AuditAction.Access, bank, purpose, allowed ? AuditOutcome.Allowed : AuditOutcome.Denied, detail);
    }

    /// <summary>
    /// The common start of a consent-gated read: link, then consent (both audited when denied, the
    /// consent also when allowed). Returns the answer without its items, and the user's linked
    /// accounts at the bank: a finished refusal when the read may not go on (see <see cref="IsOpen{T}"/>),
    /// else the status and the consent decision that was audited. The caller only adds the items, so
    /// the answer carries the very decision the audit log recorded; deciding again later could differ
    /// (a consent expiring or revoked meanwhile) and leave the answer and the audit disagreeing.
    /// </summary>
    private async Task<(PartnerRead<T> Opened, string[] Accounts)> OpenPartnerRead<T>(string partnerId, string bank, ConsentPurpose purpose, string what)
    {
        PartnerRules.PartnerId(partnerId);
        Ids.Bank(bank);
        if (!await EnsurePartnerLinked(partnerId, bank, purpose, what))
        {
            return (new PartnerRead<T>(MessengerReadStatus.PartnerNotLinked, null, []), []);
        }

        var decision = Decide(bank, purpose);
        var accounts = decision.Allowed ? _user.State.LinkedAccounts.Where(a => Ids.BankOf(a) == bank).ToArray() : [];
        await AuditDecision(PartnerRules.Actor(partnerId), decision,
            decision.Allowed && accounts.Length > 0 ? $"{what}: {string.Join(", ", accounts)}" : what);
        var status = !decision.Allowed ? MessengerReadStatus.ConsentRequired
            : accounts.Length == 0 ? MessengerReadStatus.NoAccountAtBank
            : MessengerReadStatus.Ok;
        return (new PartnerRead<T>(status, decision, []), accounts);
    }

    /// <summary>Whether <see cref="OpenPartnerRead{T}"/> let the read go on: linked, and the audited consent allows it.</summary>
    private static bool IsOpen<T>(PartnerRead<T> opened) => opened.Consent is { Allowed: true };

    /// <summary>
    /// False when the partner may not read at all: the user does not exist, was erased, or has not
    /// linked this partner. The refusal is audited when there is a user to audit it for.
    /// </summary>
    private async Task<bool> EnsurePartnerLinked(string partnerId, string? bank, ConsentPurpose? purpose, string what)
    {
        if (_user.State.Profile is null || _user.State.ErasedAt is not null)
        {
            return false;
        }

        if (_user.State.Partners?.Contains(partnerId) == true)
        {
            return true;
        }

        await Audit(PartnerRules.Actor(partnerId), AuditAction.Access, bank, purpose, AuditOutcome.Denied, $"{what}: partner not linked");
        return false;
    }
}
