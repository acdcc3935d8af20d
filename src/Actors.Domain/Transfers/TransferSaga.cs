using Actors.Accounts;
using Actors.Errors;
using Actors.Transfers;

namespace Actors.Domain;

/// <summary>The two accounts' side of a transfer, as the saga sees them (grain calls in the silo).</summary>
public interface ITransferLegs
{
    /// <summary>The account's currency, or null when no account was opened under this id (its leg then fails as it would).</summary>
    Task<Money.Currency?> CurrencyOf(string accountId);

    Task<PostingResult> Debit(string accountId, string transactionId, Money.Money amount, string counterparty);

    Task<PostingResult> Credit(string accountId, string transactionId, Money.Money amount, string counterparty);

    Task<PostingResult> Reverse(string accountId, string transactionId, Money.Money amount, string counterparty);
}

/// <summary>The durable record of one transfer (grain state in the silo).</summary>
public interface ITransferJournal
{
    TransferState State { get; }

    Task Save();
}

/// <summary>
/// A transfer as a saga over idempotent postings: record Pending, debit the source, record Debited,
/// credit the target, record Completed. A refused credit is compensated by a reversal of the debit.
/// Each leg has a transaction id derived from the transfer id, so running the saga again after any
/// crash or retry re-sends the same postings and the accounts answer them from their idempotency
/// window: money is moved exactly once. A <see cref="DomainException"/> from a leg is permanent (the
/// transfer fails); any other exception is transient and leaves the saga resumable.
/// Before the transfer is first recorded, both accounts must be in the amount's currency: a mixed-currency
/// transfer is refused with <see cref="DomainError.CurrencyMismatch"/> and nothing is recorded or posted
/// (an account's currency never changes, so the check holds for the saga's whole life).
/// </summary>
public sealed class TransferSaga(ITransferLegs legs, ITransferJournal journal, TimeProvider time)
{
    /// <summary>Transfer ids are transaction ids short enough to carry a leg suffix.</summary>
    public const int MaxTransferIdLength = 56;

    public static string DebitId(string transferId) => transferId + ":debit";

    public static string CreditId(string transferId) => transferId + ":credit";

    public static string ReversalId(string transferId) => transferId + ":reversal";

    public static TransferRequest Validate(TransferRequest request)
    {
        if (request is null)
        {
            throw new DomainException(DomainError.InvalidArgument, "A transfer request is required.");
        }

        Ids.Transaction(request.TransferId, "transfer id");
        if (request.TransferId.Length > MaxTransferIdLength)
        {
            throw new DomainException(DomainError.MalformedId, $"Transfer id '{request.TransferId}' is longer than {MaxTransferIdLength} characters.");
        }

        Ids.Account(request.FromAccount, "source account id");
        Ids.Account(request.ToAccount, "target account id");
        if (request.FromAccount == request.ToAccount)
        {
            throw new DomainException(DomainError.InvalidArgument, $"A transfer needs two different accounts, got '{request.FromAccount}' twice.");
        }

        if (request.Amount.Currency.IsDefault || request.Amount.Minor <= 0)
        {
            throw new DomainException(DomainError.InvalidAmount, $"Transfer amount must be positive, was {request.Amount}.");
        }

        return request;
    }

    public TransferResult Current => Result(journal.State);

    /// <summary>Starts the transfer, or answers/resumes it when this id was seen before.</summary>
    public async Task<TransferResult> Execute(TransferRequest request)
    {
        Validate(request);
        var state = journal.State;
        if (state.Request is not null)
        {
            if (state.Request != request)
            {
                throw new DomainException(DomainError.TransactionIdReused,
                    $"Transfer id '{request.TransferId}' was already used for {state.Request.Amount} from '{state.Request.FromAccount}' to '{state.Request.ToAccount}'.");
            }

            return await Resume();
        }

        await EnsureOneCurrency(request);
        var now = time.GetUtcNow();
        state.Request = request;
        state.Status = TransferStatus.Pending;
        state.CreatedAt = now;
        state.UpdatedAt = now;
        await journal.Save();
        return await Resume();
    }

    /// <summary>Drives an unfinished transfer to a terminal status; a no-op for a finished one.</summary>
    public async Task<TransferResult> Resume()
    {
        var state = journal.State;
        var request = state.Request ?? throw new DomainException(DomainError.TransferNotFound, "No transfer has been started under this id.");

        if (state.Status == TransferStatus.Pending)
        {
            PostingResult debit;
            try
            {
                debit = await legs.Debit(request.FromAccount, DebitId(request.TransferId), request.Amount, request.ToAccount);
            }
            catch (DomainException e)
            {
                return await Finish(TransferStatus.Failed, DeclineReason.Invalid, e.Message);
            }

            if (!debit.Approved)
            {
                return await Finish(TransferStatus.Failed, debit.Reason, $"debit of '{request.FromAccount}' declined: {debit.Message ?? debit.Reason.ToString()}");
            }

            state.Status = TransferStatus.Debited;
            state.UpdatedAt = time.GetUtcNow();
            await journal.Save();
        }

        if (state.Status == TransferStatus.Debited)
        {
            string? refusal = null;
            var reason = DeclineReason.None;
            try
            {
                var credit = await legs.Credit(request.ToAccount, CreditId(request.TransferId), request.Amount, request.FromAccount);
                if (!credit.Approved)
                {
                    reason = credit.Reason;
                    refusal = $"credit of '{request.ToAccount}' declined: {credit.Message ?? credit.Reason.ToString()}";
                }
            }
            catch (DomainException e)
            {
                reason = DeclineReason.Invalid;
                refusal = e.Message;
            }

            if (refusal is null)
            {
                return await Finish(TransferStatus.Completed, DeclineReason.None, null);
            }

            await legs.Reverse(request.FromAccount, ReversalId(request.TransferId), request.Amount, request.ToAccount);
            return await Finish(TransferStatus.Reversed, reason, refusal + "; the debit was reversed");
        }

        return Result(state);
    }

    private async Task EnsureOneCurrency(TransferRequest request)
    {
        var from = legs.CurrencyOf(request.FromAccount);
        var to = legs.CurrencyOf(request.ToAccount);
        await Task.WhenAll(from, to);
        foreach (var (accountId, currency) in new[] { (request.FromAccount, from.Result), (request.ToAccount, to.Result) })
        {
            if (currency is { } code && code != request.Amount.Currency)
            {
                throw new DomainException(DomainError.CurrencyMismatch,
                    $"Transfer '{request.TransferId}' of {request.Amount} refused: account '{accountId}' is in {code}, the amount is in {request.Amount.Currency}; nothing was posted.");
            }
        }
    }

    private async Task<TransferResult> Finish(TransferStatus status, DeclineReason reason, string? message)
    {
        var state = journal.State;
        state.Status = status;
        state.Reason = reason;
        state.Message = message;
        state.UpdatedAt = time.GetUtcNow();
        await journal.Save();
        return Result(state);
    }

    private static TransferResult Result(TransferState state) =>
        state.Request is null
            ? throw new DomainException(DomainError.TransferNotFound, "No transfer has been started under this id.")
            : new TransferResult(state.Request.TransferId, state.Status, state.Reason, state.Message);
}
