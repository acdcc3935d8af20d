using Actors.Domain;
using Actors.Domain.Fraud;
using Actors.Grains.Storage;
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
/// The stateful shell around <see cref="AccountLedger"/>: loads state, calls the rules, writes the hot
/// state after every change, and tells the owner's inbox about postings when the pushed consent
/// snapshot allows it. The recent history is not held in memory (it would dominate an account's
/// resident size): it is a paged journal written a page at a time (see <see cref="PagedJournal{T}"/>).
/// </summary>
public sealed class AccountGrain : Grain, IAccountGrain
{
    private readonly IPersistentState<AccountState> _state;
    private readonly AccountOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AccountGrain> _logger;
    private readonly IFraudDetector _detector;
    private readonly NotificationOptions _notifications;
    private PseudonymousUserKey? _pseudonyms;
    private readonly AccountHistoryState _newHistory = new();
    private AccountLedger _ledger = null!;
    private PagedJournal<HistoryEntry> _history = null!;

    public AccountGrain(
        [PersistentState("account", ActorsConstants.StorageName)] IPersistentState<AccountState> state,
        IOptions<AccountOptions> options,
        TimeProvider time,
        ILogger<AccountGrain> logger,
        IFraudDetector detector,
        IOptions<NotificationOptions> notifications)
    {
        _notifications = notifications.Value;
        _state = state;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _detector = detector;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ledger = new AccountLedger(this.GetPrimaryKeyString(), _state.State, _newHistory, _options, _detector);

        // Merchant insights are optional: a host without them registers no key.
        _pseudonyms = ServiceProvider.GetService<PseudonymousUserKey>();
        var pageSize = Math.Min(_options.HistoryFlushInterval, _options.HistoryCapacity);
        _history = new PagedJournal<HistoryEntry>(HistoryStorage,
            GrainContext.GrainId, "history", pageSize, _options.HistoryCapacity, writeEvery: pageSize);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_history.Unwritten == 0
            || (reason.ReasonCode == DeactivationReasonCode.ShuttingDown && HistoryStorage is MemoryGrainStorage))
        {
            // In-memory storage dies with the silo (its storage grains go first): nothing to keep.
            return;
        }

        try
        {
            await _history.Flush(_state.State.History);
        }
        catch (Exception e)
        {
            // History is informational; balances and idempotency records were written with each posting.
            _logger.LogWarning("History of {AccountId} not flushed on deactivation ({Reason}): {Error}", _ledger.AccountId, reason.ReasonCode, e.Message);
        }
    }

    private IGrainStorage HistoryStorage => ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ActorsConstants.StorageName);

    public async Task<AccountSnapshot> Open(string ownerUserId, string currency)
    {
        if (_ledger.Open(ownerUserId, currency, _time.GetUtcNow()))
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
        var now = _time.GetUtcNow();
        var result = _ledger.Authorize(request, now);
        if (!result.Replayed && result.Reason != DeclineReason.Invalid)
        {
            var alert = _ledger.LastAlert;
            await Save();
            ActorsMetrics.RecordAuthorization(result);
            await NotifyOwner(result);
            if (alert is not null)
            {
                await AlertOwner(result, alert);
            }

            ShareWithInsights(request, result, now);
        }

        return result;
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

    public async Task<IReadOnlyList<HistoryEntry>> GetHistory(int max)
    {
        _ledger.History(max); // validates the account and the argument
        var entries = await _history.ReadAll(_state.State.History);

        // The journal keeps whole pages, so it may hold a few more than the capacity; readers see the capacity.
        var count = Math.Min(max, _options.HistoryCapacity);
        return entries.Skip(Math.Max(0, entries.Count - count)).Reverse().ToArray();
    }

    public async Task UpdateMessengerConsent(MessengerConsentSnapshot snapshot)
    {
        _ledger.UpdateMessengerConsent(snapshot);
        await Save();
    }

    private async Task<PostingResult> Post(PostingKind kind, string transactionId, Money.Money amount, string? counterparty)
    {
        var result = _ledger.Post(kind, transactionId, amount, counterparty, _time.GetUtcNow());
        if (!result.Replayed)
        {
            await Save();
            await NotifyOwner(result);
        }

        return result;
    }

    /// <summary>Writes the hot state, then moves the ledger's new history entries into the journal.</summary>
    private async Task Save()
    {
        try
        {
            // The journal's cursor is part of the hot state: move the entries first, write the state,
            // then the history pages. A crash in between loses history entries, never duplicates them
            // (a retried posting is answered from the idempotency window and adds no entry).
            foreach (var entry in _newHistory.Entries)
            {
                await _history.Append(() => _state.State.History, c => _state.State.History = c, entry, deferWrites: true);
            }

            _newHistory.Entries.Clear();
            _ledger.MarkHistorySaved();
            await _state.WriteStateAsync();
            await _history.WriteDeferred();
        }
        catch
        {
            // The change is in memory but not in storage: drop this activation so the next call
            // starts again from what storage holds, rather than answering from unsaved state.
            DeactivateOnIdle();
            throw;
        }
    }

    private Task NotifyOwner(PostingResult result)
    {
        var consent = _state.State.Messenger;
        var now = _time.GetUtcNow();
        return !result.Approved || !consent.AllowsTransactionNotifications(now)
            ? Task.CompletedTask
            : Send(consent.UserId!, new TransactionNotification(_ledger.AccountId, result.TransactionId, InboxMessageKind.Transaction, result.Kind, result.Amount, result.Balance, now));
    }

    /// <summary>
    /// An approved payment of an owner who shares transactions for merchant insights goes, under a
    /// pseudonymous key, to the silo's insights collector (one-way: the payment never waits for it).
    /// </summary>
    private void ShareWithInsights(CardAuthorization request, PostingResult result, DateTimeOffset now)
    {
        var consent = _state.State.Messenger;
        if (!result.Approved || _pseudonyms is null || !consent.AllowsMerchantInsights(now))
        {
            return;
        }

        _userKey ??= _pseudonyms.Of(consent.UserId!);
        GrainFactory.GetGrain<IMerchantInsightsCollector>(0).Record(InsightEvent.Of(request, request.At ?? now, _userKey.Value)).Ignore();
    }

    private ulong? _userKey;

    /// <summary>The bank side has the alert already; the owner's inbox gets it only with FraudAlerts consent.</summary>
    private Task AlertOwner(PostingResult result, FraudAlertRecord alert)
    {
        var consent = _state.State.Messenger;
        var now = _time.GetUtcNow();
        return !consent.AllowsFraudAlerts(now)
            ? Task.CompletedTask
            : Send(consent.UserId!, new TransactionNotification(_ledger.AccountId, result.TransactionId, InboxMessageKind.FraudAlert, result.Kind, result.Amount, result.Balance, now,
                $"{alert.Rules}; {(result.Approved ? "approved" : "declined")}"));
    }

    /// <summary>
    /// Publishes to the owner's inbox stream (or calls the user grain, with the Direct transport). The
    /// account awaits each send before its next posting, so its notifications keep their order.
    /// </summary>
    private async Task Send(string userId, TransactionNotification notification)
    {
        try
        {
            if (_notifications.UsesStreams)
            {
                var stream = this.GetStreamProvider(_notifications.StreamProvider)
                    .GetStream<TransactionNotification>(StreamId.Create(NotificationOptions.InboxStreamNamespace, userId));
                await stream.OnNextAsync(notification);
            }
            else
            {
                await GrainFactory.GetGrain<IUserGrain>(userId).Notify(notification);
            }
        }
        catch (Exception e)
        {
            // A lost notification must never undo or fail a posting that is already stored.
            _logger.LogWarning(e, "Notification of {TransactionId} on {AccountId} to {UserId} failed", notification.TransactionId, _ledger.AccountId, userId);
        }
    }
}
