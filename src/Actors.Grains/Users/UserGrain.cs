using System.Text.Json;
using System.Text.Json.Serialization;
using Actors.Accounts;
using Actors.Domain;
using Actors.Errors;
using Actors.Grains.Storage;
using Actors.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Actors.Users;

/// <summary>
/// A Messenger user: profile, links and consents in one state (written on change); the audit log
/// and the inbox are paged journals (an append writes one small page, and no page is held in memory
/// between appends, so an active user's resident size does not grow with traffic). Every consent change
/// is pushed to the user's accounts at that bank, so their hot path never calls back here.
/// Notifications arrive as <see cref="Notify"/> calls (the default Direct transport) or on the user's
/// inbox stream (implicit subscription, Stream transport); either way consent is checked again on arrival.
/// </summary>
[ImplicitStreamSubscription(NotificationOptions.InboxStreamNamespace)]
public sealed partial class UserGrain : Grain, IUserGrain, IStreamSubscriptionObserver
{
    private static readonly JsonSerializerOptions ExportJson = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private const int JournalPageSize = 16;
    private readonly PersistedState<UserState> _user;
    private readonly UserOptions _options;
    private readonly NotificationOptions _notifications;
    private readonly TimeProvider _time;

    // The last audit sequence number handed out; -1 until the first entry after activation reads it from the journals.
    private long _auditSequence = -1;

    public UserGrain(
        [FromKeyedServices(ActorsConstants.StorageName)] IGrainStorage storage,
        IOptions<UserOptions> options,
        IOptions<NotificationOptions> notifications,
        TimeProvider time)
    {
        _user = new PersistedState<UserState>("user", storage);
        _options = options.Value;
        _notifications = notifications.Value;
        _time = time;
    }

    private string UserId => this.GetPrimaryKeyString();

    private ConsentLedger Consents => new(_user.State.Consents);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Ids.User(UserId);
        await _user.ReadAsync(GrainContext.GrainId);
        var state = _user.State;
        state.Profile = Shared(state.Profile);
        for (var i = 0; i < state.Consents.Count; i++)
        {
            state.Consents[i] = state.Consents[i] with { Bank = string.Intern(state.Consents[i].Bank) };
        }
    }

    /// <summary>The profile with one shared copy of its locale and country: a state read from storage brings its own copies.</summary>
    private static UserProfile? Shared(UserProfile? profile) =>
        profile is null ? null : profile with { Locale = string.Intern(profile.Locale), Country = string.Intern(profile.Country) };

    // A journal is made for each use and not kept: it is two small objects, and a resident user holding them would pay
    // ~160 bytes for nothing between uses (memory budget: DESIGN.md).
    private PagedJournal<AuditEntry> AuditJournal =>
        new(_user.Storage, GrainContext.GrainId, "audit", Math.Min(JournalPageSize, _options.AuditRetention), _options.AuditRetention);

    // Denials apart from the audit log: anyone can cause them, so they may push out only older denials (UserState.Denials).
    private PagedJournal<AuditEntry> DenialJournal =>
        new(_user.Storage, GrainContext.GrainId, "denials", Math.Min(JournalPageSize, _options.DenialRetention), _options.DenialRetention);

    // Neither journal keeps its open page between appends. For the inbox that costs a page read per notification, and
    // saves what decides how many silos Messenger scale needs: memory (measured 2026-11-29, steady-state probe user
    // with notifications on: 13,759 B resident with the open page kept, 11,436 B without; card_authorization with
    // 90 % notified, one closed-loop run each: 20,682/s kept, 19,407/s not).
    private PagedJournal<InboxMessage> InboxJournal =>
        new(_user.Storage, GrainContext.GrainId, "inbox", Math.Min(JournalPageSize, _options.InboxCapacity), _options.InboxCapacity);

    /// <summary>
    /// Attaches to the implicit subscription of this user's inbox stream when its first notification arrives, not at
    /// activation: a user who receives no notifications (most of an active population at any moment) pays for no
    /// stream subscription objects (about 2.5 KB a user, measured).
    /// </summary>
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        return handleFactory.ProviderName == _notifications.StreamProvider && handleFactory.StreamId.GetNamespace() == NotificationOptions.InboxStreamNamespace
            ? handleFactory.Create<TransactionNotification>().ResumeAsync((notification, _) => Notify(notification))
            : Task.CompletedTask;
    }

    public async Task<UserSnapshot> Register(UserProfile profile)
    {
        UserRules.ValidateProfile(profile);
        EnsureNotErased();
        if (_user.State.Profile is { } existing)
        {
            return existing == profile
                ? Snapshot()
                : throw new DomainException(DomainError.UserAlreadyExists, $"User '{UserId}' is already registered with another profile.");
        }

        _user.State.Profile = Shared(profile);
        _user.State.RegisteredAt = _time.GetUtcNow();
        await _user.WriteAsync(GrainContext.GrainId);
        return Snapshot();
    }

    public Task<UserSnapshot> Get()
    {
        EnsureRegistered();
        return Task.FromResult(Snapshot());
    }

    public async Task<UserSnapshot> LinkAccount(string accountId)
    {
        EnsureRegistered();
        Ids.Account(accountId);
        if (_user.State.LinkedAccounts.Contains(accountId))
        {
            return Snapshot();
        }

        var account = await GrainFactory.GetGrain<IAccountGrain>(accountId).GetSnapshot();
        if (account.Owner != UserId)
        {
            throw new DomainException(DomainError.NotAccountOwner, $"Account '{accountId}' belongs to another user; only the owner can link it.");
        }

        _user.State.LinkedAccounts.Add(accountId);
        await _user.WriteAsync(GrainContext.GrainId);
        await Audit("user", AuditAction.AccountLinked, account.Bank, null, AuditOutcome.Recorded, accountId);
        await PushConsent(account.Bank);
        return Snapshot();
    }

    public async Task<UserSnapshot> UnlinkAccount(string accountId)
    {
        EnsureRegistered();
        Ids.Account(accountId);
        if (!_user.State.LinkedAccounts.Remove(accountId))
        {
            throw new DomainException(DomainError.AccountNotFound, $"Account '{accountId}' is not linked to user '{UserId}'.");
        }

        await _user.WriteAsync(GrainContext.GrainId);
        await Audit("user", AuditAction.AccountUnlinked, Ids.BankOf(accountId), null, AuditOutcome.Recorded, accountId);
        await GrainFactory.GetGrain<IAccountGrain>(accountId).UpdateMessengerConsent(MessengerConsentSnapshot.None);
        return Snapshot();
    }

    public async Task<ConsentRecord> GrantConsent(string bank, ConsentPurpose purpose, DateTimeOffset? expiresAt, string actor)
    {
        UserRules.Actor(actor);
        EnsureRegistered();
        var record = Consents.Grant(bank, purpose, expiresAt, _time.GetUtcNow());
        await _user.WriteAsync(GrainContext.GrainId);
        await Audit(actor, AuditAction.ConsentGranted, bank, purpose, AuditOutcome.Recorded, expiresAt is null ? "no expiry" : $"expires {expiresAt:O}");
        await PushConsent(bank);
        return record;
    }

    public async Task<ConsentRecord?> RevokeConsent(string bank, ConsentPurpose purpose, string actor)
    {
        UserRules.Actor(actor);
        EnsureRegistered();
        var record = Consents.Revoke(bank, purpose, _time.GetUtcNow());
        if (record is not null)
        {
            await _user.WriteAsync(GrainContext.GrainId);
            await PushConsent(bank);
        }

        await Audit(actor, AuditAction.ConsentRevoked, bank, purpose, AuditOutcome.Recorded, record is null ? "nothing in force to revoke" : null);
        return record;
    }

    public async Task<ConsentDecision> CheckConsent(string bank, ConsentPurpose purpose, string actor)
    {
        UserRules.Actor(actor);
        EnsureRegistered();
        var decision = Decide(bank, purpose);
        await AuditDecision(actor, decision, "consent check");
        return decision;
    }

    public async Task<MessengerBalanceResult> GetBalanceForMessenger(string bank, string actor)
    {
        UserRules.Actor(actor);
        EnsureRegistered();
        var decision = Decide(bank, ConsentPurpose.BalanceView);
        if (!decision.Allowed)
        {
            await AuditDecision(actor, decision, "balance read");
            return new MessengerBalanceResult(MessengerReadStatus.ConsentRequired, decision, []);
        }

        var accounts = _user.State.LinkedAccounts.Where(a => Ids.BankOf(a) == bank).ToArray();
        var snapshots = await Task.WhenAll(accounts.Select(a => GrainFactory.GetGrain<IAccountGrain>(a).GetSnapshot()));
        await AuditDecision(actor, decision, accounts.Length == 0 ? "balance read: no linked account at this bank" : $"balance read: {string.Join(", ", accounts)}");
        return new MessengerBalanceResult(
            accounts.Length == 0 ? MessengerReadStatus.NoAccountAtBank : MessengerReadStatus.Ok,
            decision,
            snapshots.Select(s => new MessengerAccountBalance(s.AccountId, s.Balance)).ToArray());
    }

    public async Task<IReadOnlyList<AuditEntry>> GetAuditLog()
    {
        EnsureRegistered();
        return await ReadAudit();
    }

    /// <summary>The audit log and the denials as one list in the order they happened (a merged denial where it first came).</summary>
    private async Task<AuditEntry[]> ReadAudit()
    {
        var log = Newest(await AuditJournal.ReadAll(_user.State.Audit), _options.AuditRetention);
        var denials = Newest(await DenialJournal.ReadAll(_user.State.Denials), _options.DenialRetention);
        return [.. log.Concat(denials).OrderBy(e => e.Sequence)]; // stable: entries from before sequences keep their order
    }

    public async Task<IReadOnlyList<InboxMessage>> GetInbox()
    {
        EnsureRegistered();
        return Newest(await InboxJournal.ReadAll(_user.State.Inbox), _options.InboxCapacity);
    }

    public async Task<bool> Notify(TransactionNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        Ids.Account(notification.AccountId);
        if (_user.State.Profile is null || !_user.State.LinkedAccounts.Contains(notification.AccountId))
        {
            return false;
        }

        var bank = Ids.BankOf(notification.AccountId);
        var purpose = notification.Kind == InboxMessageKind.FraudAlert ? ConsentPurpose.FraudAlerts : ConsentPurpose.TransactionNotifications;
        if (Consents.Check(bank, purpose, _time.GetUtcNow()) != ConsentStatus.Granted)
        {
            return false;
        }

        // An account retries a delivery whose outcome it could not know (a timeout after the message had arrived): the
        // retry finds its message among the newest and is not appended twice. (account, transaction, kind) names one
        // notification: a replayed posting is never notified again.
        var inbox = InboxJournal; // one instance: Append below writes the page OpenPageContains read
        if (await inbox.OpenPageContains(_user.State.Inbox,
            m => m.TransactionId == notification.TransactionId && m.AccountId == notification.AccountId && m.Kind == notification.Kind))
        {
            return true;
        }

        var message = new InboxMessage(notification.At, notification.Kind, bank, notification.AccountId, notification.TransactionId,
            notification.Posting, notification.Amount, notification.Balance, notification.Detail);
        if (await inbox.Append(() => _user.State.Inbox, c => _user.State.Inbox = c, message))
        {
            await _user.WriteAsync(GrainContext.GrainId);
            await inbox.ClearRetired(); // only now that the moved cursor is stored (see PagedJournal)
        }

        return true;
    }

    public async Task<string> Export(string actor)
    {
        UserRules.Actor(actor);
        EnsureRegistered();
        await Audit(actor, AuditAction.Exported, null, null, AuditOutcome.Recorded, "right of access export");
        var state = _user.State;
        var audit = await ReadAudit();
        var inbox = Newest(await InboxJournal.ReadAll(state.Inbox), _options.InboxCapacity);
        var export = new UserExport(
            UserId,
            _time.GetUtcNow(),
            state.Profile!,
            state.RegisteredAt,
            state.LinkedAccounts,
            state.Consents.Select(c => new ConsentExport(c.Bank, c.Purpose, c.GrantedAt, c.ExpiresAt, c.RevokedAt, c.StatusAt(_time.GetUtcNow()))).ToArray(),
            audit,
            state.Audit.Dropped,
            state.Denials.Dropped,
            inbox,
            state.Partners ?? []);
        return JsonSerializer.Serialize(export, ExportJson);
    }

    public async Task Erase(string actor)
    {
        UserRules.Actor(actor);
        EnsureRegistered();
        var linked = _user.State.LinkedAccounts.ToArray();

        // Cut the accounts' notification path first, so nothing new arrives while the rest goes.
        await Task.WhenAll(linked.Select(a => GrainFactory.GetGrain<IAccountGrain>(a).UpdateMessengerConsent(MessengerConsentSnapshot.None)));

        _user.State.Inbox = await InboxJournal.Clear(_user.State.Inbox);
        _user.State.Audit = await AuditJournal.Clear(_user.State.Audit);
        _user.State.Denials = await DenialJournal.Clear(_user.State.Denials);
        _auditSequence = 0;
        _user.State.Profile = null;
        _user.State.LinkedAccounts.Clear();
        _user.State.Partners = null;
        _user.State.Consents.Clear();
        _user.State.RegisteredAt = default;
        _user.State.ErasedAt = _time.GetUtcNow();
        await _user.WriteAsync(GrainContext.GrainId);
    }

    private ConsentDecision Decide(string bank, ConsentPurpose purpose)
    {
        var now = _time.GetUtcNow();
        return new ConsentDecision(bank, purpose, Consents.Check(bank, purpose, now), now);
    }

    /// <summary>
    /// Audits a consent decision and counts it when it is a denial. Every consent-gated answer, the
    /// Messenger's and the partners', goes through here, so the denial metric is recorded in this one
    /// place and counts exactly the consent denials the audit log holds.
    /// </summary>
    private Task AuditDecision(string actor, ConsentDecision decision, string what)
    {
        if (!decision.Allowed)
        {
            ActorsMetrics.RecordConsentDenial(decision.Purpose);
        }

        return Audit(actor, AuditAction.Access, decision.Bank, decision.Purpose,
            decision.Allowed ? AuditOutcome.Allowed : AuditOutcome.Denied,
            decision.Allowed ? what : $"{what}: consent {decision.Status}");
    }

    /// <summary>
    /// Appends to the audit log, or for a denial to the denials: a denial that repeats one still on the open page
    /// (the newest up to 16) is counted there instead of appended, so a flood of the same refused request is one entry.
    /// </summary>
    private async Task Audit(string actor, AuditAction action, string? bank, ConsentPurpose? purpose, AuditOutcome outcome, string? detail)
    {
        var now = _time.GetUtcNow();
        var entry = new AuditEntry(now, actor, action, bank, purpose, outcome, detail);
        var denied = outcome == AuditOutcome.Denied;
        var journal = denied ? DenialJournal : AuditJournal; // one instance: Append below writes the page the merge attempt read
        if (denied && await journal.TryUpdateOpenPage(_user.State.Denials,
            e => e.Repeats < int.MaxValue && e.SameDecisionAs(entry),
            e => e with { Repeats = e.Repeats + 1, LastAt = now }))
        {
            return;
        }

        entry = entry with { Sequence = await NextAuditSequence() };
        var moved = denied
            ? await journal.Append(() => _user.State.Denials, c => _user.State.Denials = c, entry)
            : await journal.Append(() => _user.State.Audit, c => _user.State.Audit = c, entry);
        if (moved)
        {
            await _user.WriteAsync(GrainContext.GrainId);
            await journal.ClearRetired(); // only now that the moved cursor is stored (see PagedJournal)
        }
    }

    /// <summary>
    /// The next sequence number: one past the newest entry of either journal, read once per activation, so the
    /// number needs no write of the user state of its own.
    /// </summary>
    private async Task<long> NextAuditSequence()
    {
        if (_auditSequence < 0)
        {
            var newest = (await AuditJournal.NewestEntries(_user.State.Audit)).Concat(await DenialJournal.NewestEntries(_user.State.Denials));
            _auditSequence = newest.Select(e => e.Sequence).DefaultIfEmpty(0).Max();
        }

        return ++_auditSequence;
    }

    private static T[] Newest<T>(List<T> entries, int max) => entries.Skip(Math.Max(0, entries.Count - max)).ToArray();

    /// <summary>Sends the current notification consents for one bank to the user's accounts there.</summary>
    private Task PushConsent(string bank)
    {
        var now = _time.GetUtcNow();
        var snapshot = new MessengerConsentSnapshot(
            UserId,
            Consents.GrantedUntil(bank, ConsentPurpose.TransactionNotifications, now),
            Consents.GrantedUntil(bank, ConsentPurpose.FraudAlerts, now),
            _user.State.Profile?.Country,
            Consents.GrantedUntil(bank, ConsentPurpose.MerchantInsights, now));
        return Task.WhenAll(_user.State.LinkedAccounts
            .Where(a => Ids.BankOf(a) == bank)
            .Select(a => GrainFactory.GetGrain<IAccountGrain>(a).UpdateMessengerConsent(snapshot)));
    }

    private void EnsureNotErased()
    {
        if (_user.State.ErasedAt is { } erasedAt)
        {
            throw new DomainException(DomainError.UserErased, $"User '{UserId}' was erased at {erasedAt:O}; nothing is held about them.");
        }
    }

    private void EnsureRegistered()
    {
        EnsureNotErased();
        if (_user.State.Profile is null)
        {
            throw new DomainException(DomainError.UserNotFound, $"User '{UserId}' is not registered.");
        }
    }

    private UserSnapshot Snapshot() =>
        new(UserId, _user.State.Profile!, _user.State.RegisteredAt, _user.State.LinkedAccounts.ToArray(), _user.State.Consents.ToArray());

    private sealed record ConsentExport(string Bank, ConsentPurpose Purpose, DateTimeOffset GrantedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, ConsentStatus StatusNow);

    private sealed record UserExport(
        string UserId,
        DateTimeOffset ExportedAt,
        UserProfile Profile,
        DateTimeOffset RegisteredAt,
        IReadOnlyList<string> LinkedAccounts,
        IReadOnlyList<ConsentExport> Consents,
        IReadOnlyList<AuditEntry> AuditLog,
        long AuditEntriesDropped,
        long DenialEntriesDropped,
        IReadOnlyList<InboxMessage> Inbox,
        IReadOnlyList<string> Partners);
}
