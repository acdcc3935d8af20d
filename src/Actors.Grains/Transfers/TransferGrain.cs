using Actors.Accounts;
using Actors.Domain;

namespace Actors.Transfers;

/// <summary>
/// Runs one <see cref="TransferSaga"/>, keyed by transfer id. A reminder is registered while the
/// saga is unfinished, so a transfer interrupted by a crash resumes within about a minute even if
/// nobody calls again; it is removed once the transfer reaches a terminal status.
/// </summary>
public sealed class TransferGrain : Grain, ITransferGrain, IRemindable, ITransferLegs, ITransferJournal
{
    private const string ResumeReminder = "resume";
    private readonly IPersistentState<TransferState> _state;
    private readonly TransferSaga _saga;

    public TransferGrain([PersistentState("transfer", ActorsConstants.StorageName)] IPersistentState<TransferState> state, TimeProvider time)
    {
        _state = state;
        _saga = new TransferSaga(this, this, time);
    }

    TransferState ITransferJournal.State => _state.State;

    public async Task<TransferResult> Execute(TransferRequest request)
    {
        TransferSaga.Validate(request);
        if (request.TransferId != this.GetPrimaryKeyString())
        {
            throw new Errors.DomainException(Errors.DomainError.InvalidArgument, $"Transfer '{request.TransferId}' was sent to the grain of transfer '{this.GetPrimaryKeyString()}'.");
        }

        if (_state.State.Request is null)
        {
            await this.RegisterOrUpdateReminder(ResumeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }

        try
        {
            return await Settle(await _saga.Execute(request));
        }
        catch (Errors.DomainException) when (_state.State.Request is null)
        {
            // Refused before anything was recorded (e.g. mixed currencies): there is nothing to resume.
            await DropReminder();
            throw;
        }
    }

    public Task<TransferResult> GetStatus() => Task.FromResult(_saga.Current);

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_state.State.Request is null)
        {
            await DropReminder();
            return;
        }

        await Settle(await _saga.Resume());
    }

    Task ITransferJournal.Save() => _state.WriteStateAsync();

    async Task<Money.Currency?> ITransferLegs.CurrencyOf(string accountId)
    {
        try
        {
            return (await GrainFactory.GetGrain<IAccountGrain>(accountId).GetSnapshot()).Balance.Currency;
        }
        catch (Errors.DomainException e) when (e.Error == Errors.DomainError.AccountNotFound)
        {
            return null;
        }
    }

    Task<PostingResult> ITransferLegs.Debit(string accountId, string transactionId, Money.Money amount, string counterparty) =>
        GrainFactory.GetGrain<IAccountGrain>(accountId).TransferDebit(transactionId, amount, counterparty);

    Task<PostingResult> ITransferLegs.Credit(string accountId, string transactionId, Money.Money amount, string counterparty) =>
        GrainFactory.GetGrain<IAccountGrain>(accountId).TransferCredit(transactionId, amount, counterparty);

    Task<PostingResult> ITransferLegs.Reverse(string accountId, string transactionId, Money.Money amount, string counterparty) =>
        GrainFactory.GetGrain<IAccountGrain>(accountId).Reverse(transactionId, amount, counterparty);

    private async Task<TransferResult> Settle(TransferResult result)
    {
        if (result.IsTerminal)
        {
            await DropReminder();
        }

        return result;
    }

    private async Task DropReminder()
    {
        var reminder = await this.GetReminder(ResumeReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
