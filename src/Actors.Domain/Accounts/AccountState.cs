using System.Buffers;

namespace Actors.Accounts;

/// <summary>
/// The hot state of an account: everything a posting changes, and nothing else, because Orleans
/// rewrites the whole object on each write. The longer history lives in pages of its own (see AccountGrain).
/// </summary>
[GenerateSerializer, Alias("Actors.AccountState")]
public sealed class AccountState
{
    /// <summary>The layout this build writes (see <see cref="Storage.StateLayout"/>); raise it when a change needs a reader to know.</summary>
    public const int CurrentLayout = 1;

    /// <summary>The layout the state was written in: always <see cref="CurrentLayout"/> when written; a newer one is refused on read.</summary>
    [Id(25)]
    public int Layout { get => CurrentLayout; set => Storage.StateLayout.Check(nameof(AccountState), value, CurrentLayout); }

    [Id(0)] public bool Opened { get; set; }
    [Id(1)] public string Owner { get; set; } = "";
    [Id(2)] public string Bank { get; set; } = "";
    [Id(3)] public Money.Currency Currency { get; set; }
    [Id(4)] public long BalanceMinor { get; set; }
    [Id(5)] public AccountStatus Status { get; set; }
    /// <summary>Who or what froze the account and why; null unless <see cref="Status"/> is Frozen.</summary>
    [Id(26)] public FrozenBy? Frozen { get; set; }

    /// <summary>The freeze's reason as people read it (in snapshots); decisions use <see cref="Frozen"/>.</summary>
    public string? FrozenReason => Frozen?.Reason;
    [Id(7)] public long Postings { get; set; }
    [Id(8)] public DateTimeOffset OpenedAt { get; set; }

    // Id 6 (the freeze reason as text, parsed back to decide which freeze an alert lifts) is retired; so are
    // Ids 9, 10, 20 and 22 (three layouts of an idempotency window of the last postings' keys, until 2026-12-02) are
    // retired, as are 17 and 18 (the alerts as records and their ring index) and 19 (the unpacked pending history):
    // never reuse them. Repeats are found through the pending entries and HistoryFilters.
    [Id(11)] public FraudState Fraud { get; set; }

    /// <summary>Which Messenger notifications the owner has consented to for this bank, pushed by the user grain.</summary>
    [Id(12)] public MessengerConsentSnapshot Messenger { get; set; } = MessengerConsentSnapshot.None;

    /// <summary>Sum of every applied credit (deposits, incoming transfers, reversals).</summary>
    [Id(13)] public long CreditedMinor { get; set; }

    /// <summary>Sum of every applied debit (withdrawals, card payments, outgoing transfers).</summary>
    [Id(14)] public long DebitedMinor { get; set; }

    /// <summary>Pages of the recent history (kept as separate states, see PagedJournal).</summary>
    [Id(15)] public Storage.JournalCursor History { get; set; }

    /// <summary>What the fraud detector remembers about this account: fixed-size windows and counters.</summary>
    [Id(16)] public Fraud.AccountFraudProfile FraudProfile { get; set; } = new();

    /// <summary>
    /// History entries not yet in a full page, packed (see <see cref="HistoryBuffer"/>): kept in the hot state, so they
    /// are committed together with the posting they describe (exactly once, whatever crashes), and moved to a page of
    /// their own when a page's worth has gathered.
    /// <para>
    /// Serialized as exactly the packed bytes (a copy); in memory the buffer has room to spare and is changed in place
    /// (<see cref="AppendPending"/>, <see cref="RemoveOldestPending"/>). Replaced by a new array per posting, as it was
    /// until 2026-12-03, it gave the long-lived state a young reference on every posting, which each young collection
    /// then had to find through the card table and promote (heap walk at 2,000/s: ~3,900 such arrays a collection).
    /// </para>
    /// </summary>
    [Id(21)]
    public byte[] PendingPacked { get => _pending.Copy(); set => _pending.Assign(value); }

    [NonSerialized] private SpareBytes _pending = new() { Buffer = [] };

    /// <summary>The pending entries' packed bytes (a view of the buffer: read it before the next change).</summary>
    public ReadOnlySpan<byte> Pending => _pending.Span;

    /// <summary>
    /// Appends a pending entry in place; the buffer grows only when the entry does not fit, then to twice its size or
    /// room for <paramref name="expectedEntries"/>, whichever is more (see <see cref="HistoryBuffer.AppendInto"/>).
    /// </summary>
    public void AppendPending(HistoryEntry entry, int expectedEntries = 0)
    {
        var before = _pending.Buffer;
        _pending.Length = HistoryBuffer.AppendInto(ref _pending.Buffer, _pending.Length, entry, expectedEntries, PendingBuffers.Rent);
        if (!ReferenceEquals(before, _pending.Buffer))
        {
            ReturnPending(before);
            _pending.Pooled = true;
        }
    }

    // The pending buffer grows (and goes) once a page: new arrays each time were young objects stored into this long-lived
    // state, four a page (heap walk: ~6,000 a young collection at 2,000/s). Rented from the shared pool, they are mostly
    // arrays that other accounts returned and that have long been old.
    private static ArrayPool<byte> PendingBuffers => ArrayPool<byte>.Shared;

    private void ReturnPending(byte[] buffer)
    {
        if (_pending.Pooled && buffer.Length > 0)
        {
            PendingBuffers.Return(buffer);
        }
    }

    /// <summary>
    /// Removes the oldest <paramref name="count"/> pending entries in place; once none is left (a page was moved out) the
    /// buffer goes too, so that an account between pages keeps no room for a page it may not fill for days.
    /// </summary>
    public void RemoveOldestPending(int count)
    {
        _pending.Length = HistoryBuffer.RemoveOldest(_pending.Buffer, _pending.Length, count);
        if (HistoryBuffer.Count(_pending.Span) == 0)
        {
            ReturnPending(_pending.Buffer);
            _pending = new() { Buffer = [] };
        }
    }

    /// <summary>
    /// One filter record per committed history page (see <see cref="PageFilters"/>), for pages [History.FirstPage,
    /// History.NextPage): how a repeated transaction id older than the pending entries is found without reading every page.
    /// Serialized as exactly the records; in memory changed in place (<see cref="ShiftFilters"/>), as the pending entries are.
    /// </summary>
    [Id(23)]
    public byte[] HistoryFilters { get => _filters.Copy(); set => _filters.Assign(value); }

    [NonSerialized] private SpareBytes _filters = new() { Buffer = [] };

    /// <summary>The page filter records (a view of the buffer: read it before the next change).</summary>
    public ReadOnlySpan<byte> Filters => _filters.Span;

    /// <summary>
    /// The latest fraud alerts (at most <see cref="FraudAlertRecord.Kept"/>, oldest first), as the bank sees them, packed
    /// (see <see cref="AlertBuffer"/>). Serialized as exactly the packed bytes; in memory changed in place.
    /// </summary>
    [Id(24)]
    public byte[] AlertsPacked { get => _alerts.Copy(); set => _alerts.Assign(value); }

    [NonSerialized] private SpareBytes _alerts = new() { Buffer = [] };

    /// <summary>The alerts' packed bytes (a view of the buffer: read it before the next change).</summary>
    public ReadOnlySpan<byte> Alerts => _alerts.Span;

    /// <summary>Records a new alert in place; past <see cref="FraudAlertRecord.Kept"/> the oldest goes.</summary>
    public void AppendAlert(FraudAlertRecord alert) =>
        _alerts.Length = AlertBuffer.AppendInto(ref _alerts.Buffer, _alerts.Length, alert, FraudAlertRecord.Kept);

    /// <summary>Changes the status of the alert at <paramref name="offset"/> (from <see cref="AlertBuffer.Find"/>) in place.</summary>
    public void SetAlertStatus(int offset, FraudAlertStatus status) => AlertBuffer.SetStatus(_alerts.Buffer.AsSpan(0, _alerts.Length), offset, status);

    /// <summary>Drops the oldest <paramref name="drop"/> filter records and appends <paramref name="added"/>, in place.</summary>
    public void ShiftFilters(int drop, ReadOnlySpan<byte> added) => _filters.Length = PageFilters.ShiftInto(ref _filters.Buffer, _filters.Length, drop, added);
}
