namespace Actors.Transfers;

/// <summary>
/// A transfer saga, keyed by transfer id. Execute is idempotent: calling it again returns the
/// recorded result, or resumes an unfinished transfer; a reminder resumes it after a crash.
/// </summary>
[Alias("Actors.ITransferGrain")]
public interface ITransferGrain : IGrainWithStringKey
{
    [Alias("Execute")]
    Task<TransferResult> Execute(TransferRequest request);

    [Alias("GetStatus")]
    Task<TransferResult> GetStatus();
}
