using Actors.Accounts;
using Actors.Errors;
using Actors.Money;

namespace Actors.Domain;

/// <summary>
/// The rules of one bank account, over its state objects: open, post (deposit, withdrawal, card
/// authorization, transfer legs, reversal), freeze, unfreeze, close. Every method validates first
/// and mutates last, so a <see cref="DomainException"/> always leaves the state unchanged.
/// </summary>
public sealed class AccountLedger
{
    private readonly string _accountId;
    private readonly AccountState _state;
    private readonly AccountHistoryState _history;
    private readonly AccountOptions _options;

    public AccountLedger(string accountId, AccountState state, AccountHistoryState history, AccountOptions options)
    {
        _accountId = Ids.Account(accountId);
        _state = state;
        _history = history;
        _options = options;
    }

    public string AccountId => _accountId;

    public AccountState State => _state;

    public bool IsOpen => _state.Opened;

    /// <summary>
    /// History entries appended since the history was last marked saved. The grain passes a fresh
    /// buffer as the history state and appends it to storage when this reaches the flush interval.
    /// </summary>
    public int UnsavedHistory { get; private set; }

    public void MarkHistorySaved() => UnsavedHistory = 0;

    /// <summary>Opens the account; returns false when it was already open with the same owner and currency.</summary>
    public bool Open(string ownerUserId, string currencyCode, DateTimeOffset now)
    {
        Ids.User(ownerUserId, "owner user id");
        var currency = Currency.Parse(currencyCode);
        if (_state.Opened)
        {
            if (_state.Owner == ownerUserId && _state.Currency == currency)
            {
                return false;
            }

            throw new DomainException(DomainError.AccountAlreadyExists,
                $"Account '{_accountId}' is already open for '{_state.Owner}' in {_state.Currency}.");
        }

        _state.Opened = true;
        _state.Owner = ownerUserId;
        _state.Bank = Ids.BankOf(_accountId);
        _state.Currency = currency;
        _state.Status = AccountStatus.Active;
        _state.OpenedAt = now;
        _state.Recent = new PostingRecord[_options.IdempotencyWindow];
        _state.RecentNext = 0;
        return true;
    }

    public AccountSnapshot Snapshot()
    {
        EnsureOpen();
        return new AccountSnapshot(_accountId, _state.Owner, _state.Bank, _state.Status, Balance, _state.FrozenReason, _state.Postings, _state.Fraud);
    }

    public Money.Money Balance => new(_state.BalanceMinor, _state.Currency);

    /// <summary>
    /// Applies or declines a posting. A transaction id seen inside the idempotency window returns the
    /// first answer (with Replayed set) and changes nothing; the same id with another kind or amount
    /// is refused as <see cref="DomainError.TransactionIdReused"/>.
    /// </summary>
    public PostingResult Post(PostingKind kind, string transactionId, Money.Money amount, string? counterparty, DateTimeOffset now)
    {
        EnsureOpen();
        Ids.Transaction(transactionId);
        ValidateAmount(amount);

        var hash = TransactionIdHash.Of(transactionId);
        if (TryFindRecent(hash, out var previous))
        {
            if (previous.Kind != kind || previous.AmountCheck != AmountCheckOf(amount.Minor))
            {
                throw new DomainException(DomainError.TransactionIdReused,
                    $"Transaction id '{transactionId}' was already used on account '{_accountId}' for a {previous.Kind} of another amount or kind; a repeat must carry the same kind ({kind} given) and amount ({amount} given).");
            }

            return new PostingResult(transactionId, kind, previous.Outcome, previous.Reason, amount,
                new Money.Money(previous.BalanceAfterMinor, _state.Currency), Replayed: true, Message: previous.Outcome == PostingOutcome.Declined ? Describe(previous.Reason) : null);
        }

        var reason = Decide(kind, amount.Minor);
        var newBalance = _state.BalanceMinor;
        if (reason == DeclineReason.None)
        {
            newBalance = IsCredit(kind) ? CheckedAdd(_state.BalanceMinor, amount.Minor) : _state.BalanceMinor - amount.Minor;
        }

        // Nothing below can throw: the state changes all together.
        var outcome = reason == DeclineReason.None ? PostingOutcome.Applied : PostingOutcome.Declined;
        if (outcome == PostingOutcome.Applied)
        {
            if (IsCredit(kind))
            {
                _state.CreditedMinor = unchecked(_state.CreditedMinor + amount.Minor);
            }
            else
            {
                _state.DebitedMinor = unchecked(_state.DebitedMinor + amount.Minor);
            }

            _state.BalanceMinor = newBalance;
        }

        _state.Postings++;
        Remember(new PostingRecord
        {
            IdHash = hash,
            AmountCheck = AmountCheckOf(amount.Minor),
            BalanceAfterMinor = newBalance,
            Kind = kind,
            Outcome = outcome,
            Reason = reason,
        });
        AppendHistory(new HistoryEntry(transactionId, kind, outcome, reason, amount.Minor, newBalance, now, counterparty));

        return new PostingResult(transactionId, kind, outcome, reason, amount, new Money.Money(newBalance, _state.Currency),
            Message: outcome == PostingOutcome.Declined ? Describe(reason) : null);
    }

    /// <summary>
    /// A card authorization: a malformed request is answered "declined, invalid" without touching
    /// state (the card network expects an answer, not an exception); otherwise a posting.
    /// </summary>
    public PostingResult Authorize(CardAuthorization request, DateTimeOffset now)
    {
        EnsureOpen();
        try
        {
            // Null arrives as a decline too: over the wire it is just another malformed request.
            ValidateCard(request ?? throw new DomainException(DomainError.InvalidArgument, "A card authorization request is required."));
        }
        catch (DomainException e)
        {
            return new PostingResult(request?.TransactionId ?? "", PostingKind.CardAuthorization, PostingOutcome.Declined, DeclineReason.Invalid,
                request?.Amount ?? default, Balance, Message: e.Message);
        }

        var result = Post(PostingKind.CardAuthorization, request.TransactionId, request.Amount, request.MerchantId, now);
        if (!result.Replayed)
        {
            var fraud = _state.Fraud;
            fraud.Authorizations++;
            if (!result.Approved)
            {
                fraud.Declines++;
            }

            fraud.LastCountry = string.IsInterned(request.Country) ?? request.Country;
            fraud.LastAuthorizationTicks = now.UtcTicks;
            _state.Fraud = fraud;
        }

        return result;
    }

    public void Freeze(string reason)
    {
        EnsureOpen();
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 200)
        {
            throw new DomainException(DomainError.InvalidArgument, "Freeze reason must be 1-200 characters.");
        }

        if (_state.Status == AccountStatus.Closed)
        {
            throw new DomainException(DomainError.InvalidAccountState, $"Account '{_accountId}' is closed and cannot be frozen.");
        }

        _state.Status = AccountStatus.Frozen;
        _state.FrozenReason = reason;
    }

    public void Unfreeze()
    {
        EnsureOpen();
        if (_state.Status != AccountStatus.Frozen)
        {
            throw new DomainException(DomainError.InvalidAccountState, $"Account '{_accountId}' is {_state.Status}, not frozen.");
        }

        _state.Status = AccountStatus.Active;
        _state.FrozenReason = null;
    }

    public void Close()
    {
        EnsureOpen();
        if (_state.Status == AccountStatus.Closed)
        {
            throw new DomainException(DomainError.InvalidAccountState, $"Account '{_accountId}' is already closed.");
        }

        if (_state.BalanceMinor != 0)
        {
            throw new DomainException(DomainError.InvalidAccountState, $"Account '{_accountId}' still holds {Balance}; only a zero balance can be closed.");
        }

        _state.Status = AccountStatus.Closed;
        _state.FrozenReason = null;
    }

    public IReadOnlyList<HistoryEntry> History(int max)
    {
        EnsureOpen();
        if (max <= 0)
        {
            throw new DomainException(DomainError.InvalidArgument, $"History size must be positive, was {max}.");
        }

        var entries = _history.Entries;
        return entries.Skip(Math.Max(0, entries.Count - max)).Reverse().ToArray();
    }

    public void UpdateMessengerConsent(MessengerConsentSnapshot snapshot)
    {
        EnsureOpen();
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.UserId is not null && snapshot.UserId != _state.Owner)
        {
            throw new DomainException(DomainError.NotAccountOwner, $"User '{snapshot.UserId}' does not own account '{_accountId}'.");
        }

        _state.Messenger = snapshot;
    }

    private void EnsureOpen()
    {
        if (!_state.Opened)
        {
            throw new DomainException(DomainError.AccountNotFound, $"Account '{_accountId}' does not exist (it was never opened).");
        }
    }

    private void ValidateAmount(Money.Money amount)
    {
        if (amount.Currency.IsDefault)
        {
            throw new DomainException(DomainError.UnknownCurrency, "Amount has no currency.");
        }

        if (amount.Minor <= 0)
        {
            throw new DomainException(DomainError.InvalidAmount, $"Amount must be positive, was {amount}.");
        }

        if (amount.Currency != _state.Currency)
        {
            throw new DomainException(DomainError.CurrencyMismatch, $"Account '{_accountId}' is in {_state.Currency}, the amount is in {amount.Currency}.");
        }
    }

    private void ValidateCard(CardAuthorization request)
    {
        Ids.Transaction(request.TransactionId);
        ValidateAmount(request.Amount);
        if (string.IsNullOrEmpty(request.MerchantId) || request.MerchantId.Length > 64)
        {
            throw new DomainException(DomainError.InvalidArgument, "Merchant id must be 1-64 characters.");
        }

        if (request.MerchantCategory is < 0 or > 9999)
        {
            throw new DomainException(DomainError.InvalidArgument, $"Merchant category code must be 0-9999, was {request.MerchantCategory}.");
        }

        if (request.Country is not { Length: 2 } || !char.IsAsciiLetterUpper(request.Country[0]) || !char.IsAsciiLetterUpper(request.Country[1]))
        {
            throw new DomainException(DomainError.InvalidArgument, $"Country must be an ISO 3166 alpha-2 code such as US, was '{request.Country}'.");
        }
    }

    private DeclineReason Decide(PostingKind kind, long amountMinor)
    {
        if (kind == PostingKind.Reversal)
        {
            return DeclineReason.None;
        }

        if (_state.Status == AccountStatus.Closed)
        {
            return DeclineReason.AccountClosed;
        }

        if (_state.Status == AccountStatus.Frozen)
        {
            return DeclineReason.AccountFrozen;
        }

        return !IsCredit(kind) && _state.BalanceMinor < amountMinor ? DeclineReason.InsufficientFunds : DeclineReason.None;
    }

    private long CheckedAdd(long balance, long amount)
    {
        if (balance > long.MaxValue - amount)
        {
            throw new DomainException(DomainError.AmountOverflow,
                $"Crediting {new Money.Money(amount, _state.Currency)} would overflow the balance of account '{_accountId}'.");
        }

        return balance + amount;
    }

    private static uint AmountCheckOf(long amountMinor) => unchecked((uint)amountMinor ^ (uint)(amountMinor >> 32));

    private static bool IsCredit(PostingKind kind) => kind is PostingKind.Deposit or PostingKind.TransferCredit or PostingKind.Reversal;

    private bool TryFindRecent(ulong hash, out PostingRecord record)
    {
        foreach (var candidate in _state.Recent)
        {
            if (candidate.IdHash == hash && candidate.Kind != 0)
            {
                record = candidate;
                return true;
            }
        }

        record = default;
        return false;
    }

    private void Remember(PostingRecord record)
    {
        if (_state.Recent.Length != _options.IdempotencyWindow)
        {
            Resize();
        }

        _state.Recent[_state.RecentNext] = record;
        _state.RecentNext = (_state.RecentNext + 1) % _state.Recent.Length;
    }

    // The window size is configuration: keep the newest records when it changes.
    private void Resize()
    {
        var old = _state.Recent;
        var ordered = Enumerable.Range(0, old.Length)
            .Select(i => old[(_state.RecentNext + i) % Math.Max(1, old.Length)])
            .Where(r => r.Kind != 0)
            .ToArray();
        var size = _options.IdempotencyWindow;
        var kept = ordered.Skip(Math.Max(0, ordered.Length - size)).ToArray();
        var resized = new PostingRecord[size];
        kept.CopyTo(resized, 0);
        _state.Recent = resized;
        _state.RecentNext = kept.Length % size;
    }

    private void AppendHistory(HistoryEntry entry)
    {
        var entries = _history.Entries;
        entries.Add(entry);
        var excess = entries.Count - _options.HistoryCapacity;
        if (excess > 0)
        {
            entries.RemoveRange(0, excess);
        }

        UnsavedHistory++;
    }

    private string Describe(DeclineReason reason) => reason switch
    {
        DeclineReason.InsufficientFunds => "insufficient funds",
        DeclineReason.AccountFrozen => _state.FrozenReason is null ? "account is frozen" : $"account is frozen: {_state.FrozenReason}",
        DeclineReason.AccountClosed => "account is closed",
        DeclineReason.FraudSuspected => "fraud suspected",
        DeclineReason.Invalid => "invalid request",
        _ => reason.ToString(),
    };
}
