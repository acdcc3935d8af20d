using Actors.Accounts;
using Actors.Errors;
using Actors.Simulation.Traffic;
using Actors.Transfers;
using Actors.Users;

namespace Actors.Simulation.Replay;

/// <summary>
/// Maps one trace event onto the grain calls it stands for and turns the answer into an
/// <see cref="EventOutcome"/>. Never throws: errors become Failed outcomes naming the error.
/// Card authorizations carry the event's simulated time, which the account's fraud rules reason over.
/// Posting ids are derived from the event's seq (<see cref="TraceEvent.TransactionId"/>), so replaying
/// the same trace again is answered from the grains' idempotency records.
/// </summary>
internal sealed class EventApplier(IGrainFactory grains, string messengerActor)
{
    public async Task<EventOutcome> ApplyAsync(TraceEvent e)
    {
        try
        {
            return await Dispatch(e);
        }
        catch (DomainException ex) when (e.Type == EventType.Transfer && ex.Error == DomainError.CurrencyMismatch)
        {
            // Refused before any posting, as a decline is: the ledger engine decides the same (see LedgerReplay).
            return new EventOutcome(ReplayOutcome.Declined, "currency_mismatch");
        }
        catch (DomainException ex)
        {
            return new EventOutcome(ReplayOutcome.Failed, $"{ex.Error}: {ex.Message}");
        }
        catch (Exception ex)
        {
            return new EventOutcome(ReplayOutcome.Failed, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<EventOutcome> Dispatch(TraceEvent e)
    {
        switch (e.Type)
        {
            case EventType.MerchantRegistered:
                return new EventOutcome(ReplayOutcome.Skipped, "no merchant grain");
            case EventType.Chargeback:
                // A label becoming known, not a posting (TRACE-FORMAT.md): the disputed payment stays as it was, so money is conserved.
                return new EventOutcome(ReplayOutcome.Skipped, "chargeback is a label");
            case EventType.UserRegistered:
                await grains.GetGrain<IUserGrain>(e.UserId!).Register(new UserProfile(e.Name!, e.Locale!, e.Country!, e.MessengerId!));
                return EventOutcome.Applied;
            case EventType.AccountOpened:
                await grains.GetGrain<IAccountGrain>(e.AccountId!).Open(e.UserId!, e.Currency!);
                await grains.GetGrain<IUserGrain>(e.UserId!).LinkAccount(e.AccountId!);
                return EventOutcome.Applied;
            // A refund is credited as a deposit under its own transaction id; original_seq stays in the trace.
            case EventType.InitialDeposit or EventType.SalaryDeposit or EventType.Refund:
                return Posting(await grains.GetGrain<IAccountGrain>(e.AccountId!).Deposit(e.TransactionId, Amount(e)));
            case EventType.AtmWithdrawal:
                return Posting(await grains.GetGrain<IAccountGrain>(e.AccountId!).Withdraw(e.TransactionId, Amount(e)));
            case EventType.CardAuthorization:
                return CardPosting(await grains.GetGrain<IAccountGrain>(e.AccountId!)
                    .Authorize(new CardAuthorization(e.TransactionId, Amount(e), e.MerchantId!, e.Mcc, e.Country!, At(e), CardPresent: e.Device == 0, Device: e.Device)));
            case EventType.Transfer:
                var id = e.TransactionId;
                return Transfer(await grains.GetGrain<ITransferGrain>(id).Execute(new TransferRequest(id, e.AccountId!, e.CounterAccountId!, Amount(e))));
            case EventType.BalanceCheck:
                var balance = await grains.GetGrain<IUserGrain>(e.UserId!).GetBalanceForMessenger(e.Bank!, messengerActor);
                return balance.Status switch
                {
                    MessengerReadStatus.Ok => EventOutcome.Applied,
                    MessengerReadStatus.ConsentRequired => new EventOutcome(ReplayOutcome.Declined, "consent_required"),
                    _ => new EventOutcome(ReplayOutcome.Declined, "no_account_at_bank"),
                };
            case EventType.ConsentGranted:
                await grains.GetGrain<IUserGrain>(e.UserId!).GrantConsent(e.Bank!, e.Purpose, null, "user");
                return EventOutcome.Applied;
            case EventType.ConsentRevoked:
                var revoked = await grains.GetGrain<IUserGrain>(e.UserId!).RevokeConsent(e.Bank!, e.Purpose, "user");
                return revoked is null ? new EventOutcome(ReplayOutcome.Declined, "consent_not_in_force") : EventOutcome.Applied;
            default:
                return new EventOutcome(ReplayOutcome.Failed, $"UnknownEventType: {e.Type}");
        }
    }

    // The simulated instant: fraud rules then judge the trace's timeline, whatever the replay speed.
    private static DateTimeOffset At(in TraceEvent e) => DateTimeOffset.FromUnixTimeMilliseconds(e.TimeMs);

    private static Money.Money Amount(in TraceEvent e) => new(e.AmountMinor, Money.Currency.Parse(e.Currency));

    private static EventOutcome CardPosting(PostingResult result) => Posting(result) with { Card = Fraud.CardDecisions.Of(result) };

    private static EventOutcome Posting(PostingResult result) =>
        result.Approved ? EventOutcome.Applied : new EventOutcome(ReplayOutcome.Declined, ReasonName(result.Reason));

    private static EventOutcome Transfer(TransferResult result) => result.Status switch
    {
        TransferStatus.Completed => EventOutcome.Applied,
        TransferStatus.Failed or TransferStatus.Reversed => new EventOutcome(ReplayOutcome.Declined, ReasonName(result.Reason)),
        _ => new EventOutcome(ReplayOutcome.Failed, $"TransferUnfinished: transfer {result.TransferId} is {result.Status}"),
    };

    public static string ReasonName(DeclineReason reason) => reason switch
    {
        DeclineReason.InsufficientFunds => "insufficient_funds",
        DeclineReason.AccountFrozen => "account_frozen",
        DeclineReason.AccountClosed => "account_closed",
        DeclineReason.Invalid => "invalid",
        DeclineReason.FraudSuspected => "fraud_suspected",
        _ => "unspecified",
    };
}
