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
/// The stateful shell around <see cref="AccountLedger"/>: loads state, calls the rules, writes the hot
/// state after every change, and tells the owner's inbox about postings when the pushed consent
/// snapshot allows it. The recent history is paged: entries wait in the hot state until a page's
/// worth has gathered, then go to a page of their own, so memory holds at most one page of them.
/// </summary>
public sealed class AccountGrain : Grain, IAccountGrain
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
        if (PageFilters.Count(_state.State.Filters) != _state.State.History.NextPage - _state.State.History.FirstPage)
        {
            await RebuildFilters();
        }
    }

    /// <summary>
    /// A state written before the history pages had filters (or one whose filters do not match its pages): read each
    /// committed page once and record its filter, so that repeats older than the pending entries are found again. Kept
    /// in memory and written with the next change (a crash before that only means this runs again).
    /// </summary>
    private async Task RebuildFilters()
    {
        var cursor = _state.State.History;
        var filters = new byte[(cursor.NextPage - cursor.FirstPage) * PageFilters.RecordSize];
        for (var page = cursor.FirstPage; page < cursor.NextPage; page++)
        {
            var entries = (await ReadPage(page)).State!.Entries;
            RecordFilter(filters.AsSpan((int)(page - cursor.FirstPage) * PageFilters.RecordSize, PageFilters.RecordSize), entries);
        }

        _state.State.HistoryFilters = filters;
    }

    private static void RecordFilter(Span<byte> record, List<HistoryEntry> entries)
    {
        var hashes = new ulong[entries.Count];
        var newest = DateTimeOffset.MinValue;
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = TransactionIdHash.Of(entries[i].TransactionId);
            newest = entries[i].At > newest ? entries[i].At : newest;
        }

        PageFilters.Write(record, hashes, newest);
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

    public async Task<IReadOnlyList<HistoryEntry>> GetHistory(int max)
    {
        _ledger.History(max); // validates the account and the argument

        // Cursor and pending entries first: a posting that interleaves with the page reads below may move pending
        // entries to a page past this cursor, and they must be neither missed nor read twice.
        var cursor = _state.State.History;
        var pending = HistoryBuffer.Read(_state.State.Pending); // copied out before any await: postings change the buffer in place

        // Newest first: pending entries, then pages from the newest back, only as many as the answer needs.
        // The journal keeps whole pages, so it may hold a few more than the capacity; readers see the capacity.
        var count = Math.Min(max, _services.Options.HistoryCapacity);
        var newestFirst = new List<HistoryEntry>(count);
        newestFirst.AddRange(Enumerable.Reverse(pending).Take(count));
        // The iterator reads a page when asked for it: stop asking once the answer is complete.
        await foreach (var entries in PagesNewestFirst(cursor, stopBefore: () => newestFirst.Count >= count))
        {
            newestFirst.AddRange(Enumerable.Reverse(entries).Take(count - newestFirst.Count));
        }

        return newestFirst;
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
    /// Writes each full page of the pending history entries (the ledger appends them to the hot state) as its own
    /// state, then writes the hot state (balance, idempotency window, cursor,
    /// pending entries) — the commit point. A page is written at the cursor's next index by overwrite,
    /// and only pages below the cursor are read: a crash before the commit leaves an invisible page
    /// that the next full page overwrites, so every posting appears in the history exactly once.
    /// <para>
    /// Saves run one at a time, in call order: <see cref="UpdateMessengerConsent"/> interleaves with postings, and two
    /// saves moving the same pending entries at once would write a page twice and drop entries that were never written.
    /// </para>
    /// </summary>
    private Task Save()
    {
        var number = ++_saves;
        var save = _saving is { IsCompleted: false } previous ? SaveAfter(previous, number) : SaveNow(number);
        if (!save.IsCompleted)
        {
            _saving = save;
        }

        return save;
    }

    // The unfinished save a new one must wait for; the latest save clears it when done, so that a resident account
    // does not hold its last save's task (measured: a few hundred bytes a user).
    private Task? _saving;
    private int _saves;

    private async Task SaveAfter(Task previous, int number)
    {
        try
        {
            await previous;
        }
        catch
        {
            // That failure belongs to the earlier save's caller (its save has marked this activation for deactivation).
        }

        await SaveNow(number);
    }

    private async Task SaveNow(int number)
    {
        try
        {
            var state = _state.State;
            var options = _services.Options;
            var pageSize = Math.Min(options.HistoryFlushInterval, options.HistoryCapacity);
            var maxPages = (options.HistoryCapacity + pageSize - 1) / pageSize;
            // A page is kept while it is among the newest HistoryCapacity entries or holds a posting still inside the
            // idempotency horizon and the expired-id retention after it (its filter, in the hot state, goes with it).
            var forgetBefore = _services.Time.GetUtcNow() - options.IdempotencyHorizon - options.ExpiredIdRetention;
            List<(long Page, GrainState<JournalPage<HistoryEntry>> State)>? retired = null;
            while (HistoryBuffer.Count(state.Pending) >= pageSize)
            {
                var cursor = state.History;
                var page = HistoryBuffer.Oldest(state.Pending, pageSize);
                await WritePage(cursor.NextPage, page);
                state.RemoveOldestPending(page.Count);
                var record = new byte[PageFilters.RecordSize];
                RecordFilter(record, page);
                cursor.NextPage++;
                var drop = 0;
                while (cursor.NextPage - cursor.FirstPage > maxPages && drop < PageFilters.Count(state.Filters) && PageFilters.Newest(state.Filters, drop) < forgetBefore)
                {
                    // Retention: the oldest page leaves the cursor now and storage after the commit below.
                    var oldest = await ReadPage(cursor.FirstPage);
                    cursor.Dropped += oldest.State!.Entries.Count;
                    (retired ??= []).Add((cursor.FirstPage, oldest));
                    cursor.FirstPage++;
                    drop++;
                }

                state.ShiftFilters(drop, record);
                state.History = cursor;
            }

            await _state.WriteAsync(GrainContext.GrainId);

            // Only now, with the moved cursor committed, can the retired pages go: cleared before it, a failed commit
            // would have left the stored cursor pointing at a page that no longer existed. A crash in between leaves
            // an unreadable page below the cursor, which costs storage and nothing else.
            foreach (var (page, oldest) in retired ?? [])
            {
                await _services.Storage.ClearStateAsync(PageName(page), GrainContext.GrainId, oldest);
            }
        }
        catch
        {
            // The change is in memory but not in storage: drop this activation so the next call
            // starts again from what storage holds, rather than answering from unsaved state.
            DeactivateOnIdle();
            throw;
        }
        finally
        {
            if (number == _saves)
            {
                _saving = null;
            }
        }
    }

    private static string PageName(long page) => $"history-{page}";

    private static string? TransactionIdOf(CardAuthorization? request) => request?.TransactionId;

    /// <summary>
    /// A posting whose id is not among the pending entries but that some page's filter may hold is looked up in those
    /// pages, newest first (a retry is usually in the newest). Null when the ledger needs nothing (almost every posting:
    /// no page is read).
    /// </summary>
    private async Task<OlderHistory?> OlderHistoryFor(string? transactionId)
    {
        var pages = _ledger.PagesThatMayHold(transactionId);
        if (pages.Count == 0)
        {
            return null;
        }

        foreach (var page in pages)
        {
            if ((await ReadPage(page)).State!.Entries.FindLast(e => e.TransactionId == transactionId) is { } found)
            {
                return new OlderHistory(transactionId!, found);
            }
        }

        return new OlderHistory(transactionId!, null);
    }

    /// <summary>
    /// Writes a page by overwrite. Normally the page is new; after a crash before a commit it may
    /// exist already (invisible, above the cursor), and stores check etags, so take its etag and retry.
    /// </summary>
    private async Task WritePage(long index, List<HistoryEntry> entries)
    {
        var page = new GrainState<JournalPage<HistoryEntry>>(new JournalPage<HistoryEntry> { Entries = entries });
        try
        {
            await _services.Storage.WriteStateAsync(PageName(index), GrainContext.GrainId, page);
        }
        catch (InconsistentStateException)
        {
            var leftover = await ReadPage(index);
            leftover.State = page.State;
            await _services.Storage.WriteStateAsync(PageName(index), GrainContext.GrainId, leftover);
        }
    }

    /// <summary>
    /// The entries of each committed history page, from the newest page back, one page read at a time; no further page
    /// is read once <paramref name="stopBefore"/> says the caller has enough.
    /// </summary>
    private async IAsyncEnumerable<List<HistoryEntry>> PagesNewestFirst(JournalCursor cursor, Func<bool> stopBefore)
    {
        for (var page = cursor.NextPage - 1; page >= cursor.FirstPage && !stopBefore(); page--)
        {
            yield return (await ReadPage(page)).State!.Entries;
        }
    }

    private async Task<GrainState<JournalPage<HistoryEntry>>> ReadPage(long page)
    {
        var state = new GrainState<JournalPage<HistoryEntry>>(new JournalPage<HistoryEntry>());
        await _services.Storage.ReadStateAsync(PageName(page), GrainContext.GrainId, state);
        state.State ??= new JournalPage<HistoryEntry>();
        return state;
    }

    private Task NotifyOwner(PostingResult result)
    {
        var consent = _state.State.Messenger;
        var now = _services.Time.GetUtcNow();
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
        if (!result.Approved || _services.Pseudonyms is null || !consent.AllowsMerchantInsights(now))
        {
            return;
        }

        _userKey ??= _services.Pseudonyms.Of(consent.UserId!);
        _insights ??= GrainFactory.GetGrain<IMerchantInsightsCollector>(0);
        _insights.Record(InsightEvent.Of(request, request.At ?? now, _userKey.Value)).Ignore();
    }

    private ulong? _userKey;

    // References are kept: Orleans' GetGrain and GetStream resolve the interface by reflection on every call
    // (measured: a notable share of the notification path's allocations).
    private IMerchantInsightsCollector? _insights;
    private OwnerLink? _owner;

    /// <summary>The owner's grain and inbox stream, made on the first notification (a class: most accounts never need one).</summary>
    private sealed record OwnerLink(string UserId, IUserGrain Grain, IAsyncStream<TransactionNotification>? Stream);

    /// <summary>The bank side has the alert already; the owner's inbox gets it only with FraudAlerts consent.</summary>
    private Task AlertOwner(PostingResult result)
    {
        var consent = _state.State.Messenger;
        var now = _services.Time.GetUtcNow();
        return !consent.AllowsFraudAlerts(now)
            ? Task.CompletedTask
            : Send(consent.UserId!, new TransactionNotification(_ledger.AccountId, result.TransactionId, InboxMessageKind.FraudAlert, result.Kind, result.Amount, result.Balance, now,
                $"{FraudRuleNames.Describe(result.Fraud.Fired)}; {(result.Approved ? "approved" : "declined")}"));
    }

    /// <summary>
    /// Publishes to the owner's inbox stream (or calls the user grain, with the Direct transport). The
    /// account awaits each send before its next posting, so its notifications keep their order. A refused
    /// send (e.g. the memory stream's queue is full because inboxes fall behind) is tried again with growing
    /// delays for up to <see cref="NotificationOptions.DeliveryRetryTimeout"/>: the account holds its next
    /// postings meanwhile, so the load slows down instead of notifications being lost.
    /// </summary>
    private async Task Send(string userId, TransactionNotification notification)
    {
        var error = await DeliveryRetry.RunAsync(() => SendOnce(userId, notification), _services.Notifications.DeliveryRetryTimeout, _services.Time,
            _ => ActorsMetrics.RecordNotificationRetry());
        if (error is not null)
        {
            // A lost notification must never undo or fail a posting that is already stored.
            ActorsMetrics.RecordNotificationDropped();
            _services.Logger.LogWarning(error, "Notification of {TransactionId} on {AccountId} to {UserId} given up after {Timeout}",
                notification.TransactionId, _ledger.AccountId, userId, _services.Notifications.DeliveryRetryTimeout);
        }
    }

    private Task SendOnce(string userId, TransactionNotification notification)
    {
        if (_owner is not { } owner || owner.UserId != userId)
        {
            var stream = _services.Notifications.UsesStreams
                ? this.GetStreamProvider(_services.Notifications.StreamProvider).GetStream<TransactionNotification>(StreamId.Create(NotificationOptions.InboxStreamNamespace, userId))
                : null;
            _owner = owner = new OwnerLink(userId, GrainFactory.GetGrain<IUserGrain>(userId), stream);
        }

        return owner.Stream is { } inbox ? inbox.OnNextAsync(notification) : owner.Grain.Notify(notification);
    }
}
