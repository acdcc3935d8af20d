using Actors.Simulation.Traffic;

namespace Actors.Simulation.Trace;

/// <summary>
/// Checks each event as a reader produces it: sequence without gaps, timestamps that never go back,
/// and the fields its event type needs. Errors name the file and the row or line.
/// </summary>
internal sealed class TraceValidator(string file)
{
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

        var missing = MissingField(e);
        if (missing is not null)
        {
            throw new TraceFormatException(file, where, $"{TraceNames.Of(e.Type)} event has no {missing}");
        }

        _lastTime = e.TimeMs;
        _expectedSeq++;
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
        EventType.BalanceCheck => e.UserId is null ? TraceColumns.UserId : e.Bank is null ? TraceColumns.Bank : null,
        EventType.ConsentGranted or EventType.ConsentRevoked => e.UserId is null ? TraceColumns.UserId
            : e.Bank is null ? TraceColumns.Bank
            : e.Purpose == 0 ? TraceColumns.Purpose : null,
        _ => TraceColumns.Type,
    };

    private static string? Money(in TraceEvent e) =>
        e.AccountId is null ? TraceColumns.AccountId
        : e.Currency is null ? TraceColumns.Currency
        : e.AmountMinor <= 0 ? "positive amount_minor" : null;
}
