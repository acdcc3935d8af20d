namespace Actors.Users;

/// <summary>
/// The user grain's face toward the Messenger-partner HTTP gateway (implemented by the same grain as
/// <see cref="IUserGrain"/>, so it shares its state). Partner reads check the partner link first and
/// the consent for the bank and purpose second, at the moment of the read; every read is audited,
/// allowed or denied. An unlinked partner learns nothing, not even whether the user exists.
/// </summary>
[Alias("Actors.IUserGatewayGrain")]
public interface IUserGatewayGrain : IGrainWithStringKey
{
    /// <summary>The user links a partner (idempotent); returns the partners linked now.</summary>
    [Alias("LinkPartner")]
    Task<IReadOnlyList<string>> LinkPartner(string partnerId);

    /// <summary>The user unlinks a partner; a partner that was not linked is a PartnerNotLinked error.</summary>
    [Alias("UnlinkPartner")]
    Task<IReadOnlyList<string>> UnlinkPartner(string partnerId);

    /// <summary>Whether the partner is linked, and (only if it is) the consents in force now. Audited.</summary>
    [Alias("GetPartnerLink")]
    Task<PartnerLinkStatus> GetPartnerLink(string partnerId);

    /// <summary>Balances at one bank; gate: BalanceView.</summary>
    [Alias("ReadBalance")]
    Task<PartnerRead<MessengerAccountBalance>> ReadBalance(string partnerId, string bank);

    /// <summary>Recent transactions at one bank, newest first; gate: TransactionNotifications.</summary>
    [Alias("ReadTransactions")]
    Task<PartnerRead<PartnerTransaction>> ReadTransactions(string partnerId, string bank, int max);

    /// <summary>Fraud alerts on the user's accounts at one bank; gate: FraudAlerts.</summary>
    [Alias("ReadAlerts")]
    Task<PartnerRead<PartnerAlert>> ReadAlerts(string partnerId, string bank);

    /// <summary>
    /// Inbox messages from one bank newer than <paramref name="after"/>, oldest first. Gate:
    /// TransactionNotifications or FraudAlerts; each message is shown only if its own purpose is
    /// consented now. <paramref name="audit"/> is false for repeated polls of an open stream.
    /// </summary>
    [Alias("ReadInbox")]
    Task<PartnerRead<InboxMessage>> ReadInbox(string partnerId, string bank, DateTimeOffset? after, bool audit);

    /// <summary>Records a decision taken outside the grain (e.g. the gateway refused a caller) in the audit log.</summary>
    [Alias("RecordAccess")]
    Task RecordAccess(string actor, string? bank, ConsentPurpose? purpose, bool allowed, string detail);
}
