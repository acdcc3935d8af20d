using System.Diagnostics;
using Actors.Domain;
using Actors.Domain.Fraud;
using Actors.Fraud;
using Actors.Grains.Storage;
using Actors.Storage;
using Actors.Insights;
using Actors.Telemetry;
using Actors.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Orleans.Streams;

namespace Actors.Accounts;

/// <summary>
/// The stateful shell around <see cref="AccountLedger"/>: loads state, calls the rules, writes the hot state after
/// every change (one write at a time: <see cref="SerialWriter"/>), keeps the history pages
/// (<see cref="AccountHistoryStore"/>) and tells the owner about postings when the pushed consent snapshot allows it
/// (<see cref="OwnerNotifier"/>).
/// </summary>
public sealed class AccountGrain : Grain, IAccountGrain, ISerialWrites
{
    private readonly PersistedState<AccountState> _state;
    private readonly AccountGrainServices _services;
    private AccountLedger _ledger = null!;

    public AccountGrain(AccountGrainServices services)
    {
        _services = services;
        _state = new PersistedState<AccountState>("account", services.Storage);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await _state.ReadAsync(GrainContext.GrainId);

        // The ledger appends its history entries straight to the hot state's pending buffer: they are committed with the
        // posting they describe by the next write, and moved to a page of their own once a page's worth has gathered.
        _ledger = new AccountLedger(this.GetPrimaryKeyString(), _state.State, _services.Options, _services.Detector);
        await _services.History.EnsureFilters(GrainContext.GrainId, _state.State);
    }

    public async Task<AccountSnapshot> Open(string ownerUserId, string currency)
    {
        if (_ledger.Open(ownerUserId, currency, _services.Time.GetUtcNow()))
        {
            await Save();
        }

        return _ledger.Snapshot();
    }

    public Task<AccountSnapshot> GetSnapshot() => Task.FromResult(_ledger.Snapshot());

    public Task<PostingResult> Deposit(string transactionId, Money.Money amount) => Post(PostingKind.Deposit, transactionId, amount, null);

    public Task<PostingResult> Withdraw(string transactionId, Money.Money amount) => Post(PostingKind.Withdrawal, transactionId, amount, null);

    public Task<PostingResult> TransferDebit(string transactionId, Money.Money amount, string counterparty) =>
        Post(PostingKind.TransferDebit, transactionId, amount, counterparty);

    public Task<PostingResult> TransferCredit(string transactionId, Money.Money amount, string counterparty) =>
        Post(PostingKind.TransferCredit, transactionId, amount, counterparty);

    public Task<PostingResult> Reverse(string transactionId, Money.Money amount, string counterparty) =>
        Post(PostingKind.Reversal, transactionId, amount, counterparty);

    public async Task<PostingResult> Authorize(CardAuthorization request)
    {
        // The wall clock, not the services' TimeProvider: a latency read off a fake clock would be a lie. Timed in this
        // method itself (no wrapper): a second async frame per authorization would cost the hot path a state machine.
        var started = Stopwatch.GetTimestamp();
        try
        {
            var older = await OlderHistoryFor(TransactionIdOf(request)); // a null request is declined as invalid by the ledger
            var now = _services.Time.GetUtcNow();
            var result = _ledger.Authorize(request, now, older);
            if (!result.Replayed && result.Reason != DeclineReason.Invalid)
            {
                await Save();
                ActorsMetrics.RecordAuthorization(result);
                await NotifyOwner(result);
                if (result.Fraud.Alerted)
                {
                    await AlertOwner(result);
                }

                ShareWithInsights(request, result, now);
            }

            return result;
        }
        finally
        {
            ActorsMetrics.RecordAuthorizationDuration(Stopwatch.GetElapsedTime(started));
        }
    }

    public Task<IReadOnlyList<FraudAlertRecord>> GetAlerts() => Task.FromResult(_ledger.Alerts());

    public async Task<FraudAlertRecord> ResolveAlert(string transactionId, AlertFeedback feedback)
    {
        var alert = _ledger.ResolveAlert(transactionId, feedback);
        await Save();
        return alert;
    }

    public async Task<AccountSnapshot> Freeze(string reason)
    {
        _ledger.Freeze(reason);
        await Save();
        return _ledger.Snapshot();
    }

    public async Task<AccountSnapshot> Unfreeze()
    {
        _ledger.Unfreeze();
        await Save();
        return _ledger.Snapshot();
    }

    public async Task<AccountSnapshot> Close()
    {
        _ledger.Close();
        await Save();
        return _ledger.Snapshot();
    }

    public Task<IReadOnlyList<HistoryEntry>> GetHistory(int max)
    {
        _ledger.History(max); // validates the account and the argument
        return _services.History.Newest(GrainContext.GrainId, _state.State, max);
    }

    public async Task UpdateMessengerConsent(MessengerConsentSnapshot snapshot)
    {
        _ledger.UpdateMessengerConsent(snapshot);
        await Save();
    }

    private async Task<PostingResult> Post(PostingKind kind, string transactionId, Money.Money amount, string? counterparty)
    {
        var older = await OlderHistoryFor(transactionId);
        var result = _ledger.Post(kind, transactionId, amount, counterparty, _services.Time.GetUtcNow(), older);
        if (!result.Replayed)
        {
            await Save();
            await NotifyOwner(result);
        }

        return result;
    }

    /// <summary>
    /// Seals each full page of pending history entries into its journal page, then writes the hot state (balance,
    /// pending entries, cursor, page filters) — the commit point — and only then clears the pages that retention
    /// retired (see <see cref="PagedJournal{T}"/> for why in this order). Saves run one at a time, in call order:
    /// <see cref="UpdateMessengerConsent"/> interleaves with postings, and two saves moving the same pending entries at
    /// once would write a page twice and drop entries that were never written.
    /// </summary>
    private Task Save() => SerialWriter.Write(this, static grain => grain.SaveNow());

    // The unfinished save a new one must wait for, cleared when the latest is done, so that a resident account does
    // not hold its last save's task (measured: a few hundred bytes a user).
    private Task? _unfinishedSave;
    private int _savesStarted;

    Task? ISerialWrites.UnfinishedWrite { get => _unfinishedSave; set => _unfinishedSave = value; }

    int ISerialWrites.WritesStarted { get => _savesStarted; set => _savesStarted = value; }

    private async Task SaveNow()
    {
        try
        {
            var sealedPages = await _services.History.SealFullPages(GrainContext.GrainId, _state.State);
            await _state.WriteAsync(GrainContext.GrainId);
            if (sealedPages is not null)
            {
                await sealedPages.ClearRetired();
            }
        }
        catch
        {
            // The change is in memory but not in storage: drop this activation so the next call
            // starts again from what storage holds, rather than answering from unsaved state.
            DeactivateOnIdle();
            throw;
        }
    }

    private static string? TransactionIdOf(CardAuthorization? request) => request?.TransactionId;

    /// <summary>The older history the ledger needs for a transaction id (null almost always: no page is read).</summary>
    private Task<OlderHistory?> OlderHistoryFor(string? transactionId) =>
        _services.History.Find(GrainContext.GrainId, _ledger.PagesThatMayHold(transactionId), transactionId);

    private Task NotifyOwner(PostingResult result) =>
        Deliver(OwnerNotifier.ForPosting(_ledger.AccountId, result, _state.State.Messenger, _services.Time.GetUtcNow()));

    private Task AlertOwner(PostingResult result) =>
        Deliver(OwnerNotifier.ForAlert(_ledger.AccountId, result, _state.State.Messenger, _services.Time.GetUtcNow()));

    private Task Deliver(TransactionNotification? notification) =>
        notification is null ? Task.CompletedTask : Owner(_state.State.Messenger.UserId!).Deliver(notification, _services);

    /// <summary>The notifier of the owner the consent snapshot names, made on the first notification and kept.</summary>
    private OwnerNotifier Owner(string userId)
    {
        if (_owner is not { } owner || owner.UserId != userId)
        {
            var stream = _services.Notifications.UsesStreams
                ? this.GetStreamProvider(_services.Notifications.StreamProvider).GetStream<TransactionNotification>(StreamId.Create(NotificationOptions.InboxStreamNamespace, userId))
                : null;
            _owner = owner = new OwnerNotifier(userId, GrainFactory.GetGrain<IUserGrain>(userId), stream);
        }

        return owner;
    }

    /// <summary>
    /// An approved payment of an owner who shares transactions for merchant insights goes, under a
    /// pseudonymous key, to the silo's insights collector (one-way: the payment never waits for it).
    /// </summary>
    private void ShareWithInsights(CardAuthorization request, PostingResult result, DateTimeOffset now)
    {
        var consent = _state.State.Messenger;
        if (!result.Approved || _services.Pseudonyms is null || !consent.AllowsMerchantInsights(now))
        {
            return;
        }

        _userKey ??= _services.Pseudonyms.Of(consent.UserId!);
        _insights ??= GrainFactory.GetGrain<IMerchantInsightsCollector>(0);
        _insights.Record(InsightEvent.Of(request, request.At ?? now, _userKey.Value)).Ignore();
    }

    private ulong? _userKey;

    // Kept: Orleans' GetGrain resolves the interface by reflection on every call.
    private IMerchantInsightsCollector? _insights;
    private OwnerNotifier? _owner;
}
