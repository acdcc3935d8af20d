namespace Actors.Tests.Support;

/// <summary>
/// A transient failure injected into one transfer leg. "BeforeCall" loses the request (nothing was
/// posted); "LostReply" loses the answer after the account applied the posting, as a timeout does.
/// </summary>
internal enum LegFault
{
    None,
    DebitBeforeCall,
    DebitLostReply,
    CreditBeforeCall,
    CreditLostReply,
    ReverseBeforeCall,
    ReverseLostReply,
}

/// <summary>Stands for a timeout or a lost connection: not a <see cref="Errors.DomainException"/>, so the saga treats it as transient.</summary>
internal sealed class TransientLegException(string message) : TimeoutException(message);
