namespace Actors.Users;

/// <summary>
/// A Messenger user, keyed by user id: profile, linked bank accounts, the consent ledger, the
/// audit log and the inbox. <paramref name="actor"/> arguments name who acts, for the audit log.
/// </summary>
[Alias("Actors.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task<UserSnapshot> Register(UserProfile profile);

    [Alias("Get")]
    Task<UserSnapshot> Get();

    /// <summary>Links an account the user owns (the account must be open with this user as owner).</summary>
    [Alias("LinkAccount")]
    Task<UserSnapshot> LinkAccount(string accountId);

    [Alias("UnlinkAccount")]
    Task<UserSnapshot> UnlinkAccount(string accountId);

    [Alias("GrantConsent")]
    Task<ConsentRecord> GrantConsent(string bank, ConsentPurpose purpose, DateTimeOffset? expiresAt, string actor);

    [Alias("RevokeConsent")]
    Task<ConsentRecord?> RevokeConsent(string bank, ConsentPurpose purpose, string actor);

    /// <summary>Checks a consent at this moment; the decision is audited.</summary>
    [Alias("CheckConsent")]
    Task<ConsentDecision> CheckConsent(string bank, ConsentPurpose purpose, string actor);

    /// <summary>"Balance of this user at bank B, on behalf of the messenger": checks BalanceView now, audited either way.</summary>
    [Alias("GetBalanceForMessenger")]
    Task<MessengerBalanceResult> GetBalanceForMessenger(string bank, string actor);

    [Alias("GetAuditLog")]
    Task<IReadOnlyList<AuditEntry>> GetAuditLog();

    [Alias("GetInbox")]
    Task<IReadOnlyList<InboxMessage>> GetInbox();

    /// <summary>Called by an account; appended only if the matching consent holds at this moment.</summary>
    [Alias("Notify")]
    Task<bool> Notify(TransactionNotification notification);

    /// <summary>Right of access and portability: everything held about the user, as JSON.</summary>
    [Alias("Export")]
    Task<string> Export(string actor);

    /// <summary>Right to erasure: removes Messenger-side data and links; no later read returns them.</summary>
    [Alias("Erase")]
    Task Erase(string actor);
}
