using Actors.Simulation.Traffic;

namespace Actors.Simulation.Trace;

/// <summary>
/// Checks each event as a reader produces it: sequence without gaps, timestamps that never go back,
/// the fields its event type needs, and references that the replay engines would otherwise judge
/// differently (the ledger and the cluster must see only traces on which they agree): users and
/// accounts used only after they were registered or opened, each opened once, in a known currency;
/// postings in their account's currency by its owner; refunds, chargebacks and ATM withdrawals only from
/// format 3 on, refunds and chargebacks each naming an earlier event. Errors name the file and the row or line.
/// </summary>
internal sealed class TraceValidator(string file, int formatVersion)
{
    private readonly HashSet<string> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OpenedAccount> _accounts = new(StringComparer.Ordinal);
    private long _expectedSeq;
    private long _lastTime = long.MinValue;

    public long Count => _expectedSeq;

    public void Check(in TraceEvent e, string where)
    {
        if (e.Seq != _expectedSeq)
        {
            throw new TraceFormatException(file, where, $"seq is {e.Seq}, expected {_expectedSeq} (events missing, duplicated or reordered)");
        }

        if (e.TimeMs < _lastTime)
        {
            throw new TraceFormatException(file, where, $"out-of-order timestamp: time_ms {e.TimeMs} is before the previous event's {_lastTime}");
        }

        if (e.Type.FirstFormat() > formatVersion)
        {
            throw new TraceFormatException(file, where, $"{TraceNames.Of(e.Type)} events are new in format {e.Type.FirstFormat()}; this trace declares format {formatVersion}");
        }

        var missing = MissingField(e);
        if (missing is not null)
        {
            throw new TraceFormatException(file, where, $"{TraceNames.Of(e.Type)} event has no {missing}");
        }

        var wrong = WrongReference(e);
        if (wrong is not null)
        {
            throw new TraceFormatException(file, where, $"{TraceNames.Of(e.Type)} event {wrong}");
        }

        _lastTime = e.TimeMs;
        _expectedSeq++;
    }

    /// <summary>What is wrong with the users and accounts the event names, or null; remembers what it registers or opens.</summary>
    private string? WrongReference(in TraceEvent e)
    {
        switch (e.Type)
        {
            case EventType.UserRegistered:
                return _users.Add(e.UserId!) ? null : $"registers user {e.UserId} a second time";
            case EventType.AccountOpened:
                if (!Actors.Money.Currency.TryParse(e.Currency, out _))
                {
                    return $"has unknown currency '{e.Currency}' (expected one of {string.Join(", ", Actors.Money.Currency.KnownCodes.Order(StringComparer.Ordinal))})";
                }

                if (_accounts.TryGetValue(e.AccountId!, out var opened))
                {
                    return $"opens account {e.AccountId} a second time (first opened by the event of seq {opened.Seq})";
                }

                if (!_users.Contains(e.UserId!))
                {
                    return $"opens account {e.AccountId} for user {e.UserId}, whom no earlier user_registered registered";
                }

                if (formatVersion >= TraceFormatInfo.FirstFollowUpVersion && e.Card is < 1 or > 3)
                {
                    return $"opens account {e.AccountId} with {e.Card} cards (card must be 1-3)";
                }

                _accounts[e.AccountId!] = new OpenedAccount(e.UserId!, e.Currency!, e.Seq, e.Card);
                return null;
            case EventType.InitialDeposit or EventType.SalaryDeposit or EventType.CardAuthorization or EventType.Transfer or EventType.AtmWithdrawal:
                return Posting(e) ?? (e.Type == EventType.Transfer && !_accounts.ContainsKey(e.CounterAccountId!)
                    ? $"credits account {e.CounterAccountId}, which no earlier account_opened opened"
                    : null);
            case EventType.Chargeback or EventType.Refund:
                return Posting(e) ?? (e.OriginalSeq >= e.Seq ? $"disputes original_seq {e.OriginalSeq}, which is not an earlier event" : null);
            case EventType.BalanceCheck or EventType.ConsentGranted or EventType.ConsentRevoked:
                return _users.Contains(e.UserId!) ? null : $"names user {e.UserId}, whom no earlier user_registered registered";
            default:
                return null;
        }
    }

    private string? Posting(in TraceEvent e)
    {
        if (!_accounts.TryGetValue(e.AccountId!, out var account))
        {
            return $"posts to account {e.AccountId}, which no earlier account_opened opened";
        }

        if (!string.Equals(e.Currency, account.Currency, StringComparison.Ordinal))
        {
            return $"is in {e.Currency} but account {e.AccountId} is in {account.Currency} (opened by the event of seq {account.Seq})";
        }

        if (!string.Equals(e.UserId, account.Owner, StringComparison.Ordinal))
        {
            return $"names user {e.UserId} but account {e.AccountId} belongs to {account.Owner}";
        }

        // Format 3: a card event names one of the account's cards.
        return formatVersion >= TraceFormatInfo.FirstFollowUpVersion && e.Type is EventType.CardAuthorization or EventType.AtmWithdrawal or EventType.Refund or EventType.Chargeback
            && (e.Card < 1 || e.Card > account.Cards)
                ? $"uses card {e.Card} of account {e.AccountId}, which has {account.Cards} (opened by the event of seq {account.Seq})"
                : null;
    }

    private static string? MissingField(in TraceEvent e) => e.Type switch
    {
        EventType.MerchantRegistered => e.MerchantId is null ? TraceColumns.MerchantId : e.Country is null ? TraceColumns.Country : null,
        EventType.UserRegistered => e.UserId is null ? TraceColumns.UserId
            : e.Name is null ? TraceColumns.Name
            : e.Locale is null ? TraceColumns.Locale
            : e.Country is null ? TraceColumns.Country
            : e.MessengerId is null ? TraceColumns.MessengerId : null,
        EventType.AccountOpened => e.UserId is null ? TraceColumns.UserId
            : e.AccountId is null ? TraceColumns.AccountId
            : e.Currency is null ? TraceColumns.Currency : null,
        EventType.InitialDeposit or EventType.SalaryDeposit => Money(e),
        EventType.CardAuthorization => Money(e) ?? (e.MerchantId is null ? TraceColumns.MerchantId : e.Country is null ? TraceColumns.Country : null),
        EventType.Transfer => Money(e) ?? (e.CounterAccountId is null ? TraceColumns.CounterAccountId : null),
        EventType.AtmWithdrawal => Money(e) ?? (e.Country is null ? TraceColumns.Country : null),
        EventType.Chargeback or EventType.Refund => Money(e) ?? (e.MerchantId is null ? TraceColumns.MerchantId : e.OriginalSeq <= 0 ? TraceColumns.OriginalSeq : null),
        EventType.BalanceCheck => e.UserId is null ? TraceColumns.UserId : e.Bank is null ? TraceColumns.Bank : null,
        EventType.ConsentGranted or EventType.ConsentRevoked => e.UserId is null ? TraceColumns.UserId
            : e.Bank is null ? TraceColumns.Bank
            : e.Purpose == 0 ? TraceColumns.Purpose : null,
        _ => TraceColumns.Type,
    };

    // Every posting names its owner: the cluster replay orders events by user, so an event without one would overtake the owner's queued events.
    private static string? Money(in TraceEvent e) =>
        e.UserId is null ? TraceColumns.UserId
        : e.AccountId is null ? TraceColumns.AccountId
        : e.Currency is null ? TraceColumns.Currency
        : e.AmountMinor <= 0 ? "positive amount_minor" : null;

    private readonly record struct OpenedAccount(string Owner, string Currency, long Seq, int Cards);
}
