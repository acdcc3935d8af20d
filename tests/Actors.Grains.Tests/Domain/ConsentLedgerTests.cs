using Actors.Domain;
using Actors.Errors;
using Actors.Tests.Support;
using Actors.Users;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Tests.Domain;

public sealed class ConsentLedgerTests
{
    private const string Bank = "CHASE";
    private readonly FakeTimeProvider _time = new(TestAccounts.Now);
    private readonly List<ConsentRecord> _records = [];
    private readonly ConsentLedger _ledger;

    public ConsentLedgerTests()
    {
        _ledger = new ConsentLedger(_records);
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    [Fact]
    public void Without_a_grant_every_purpose_is_missing()
    {
        foreach (var purpose in Enum.GetValues<ConsentPurpose>())
        {
            Assert.Equal(ConsentStatus.Missing, _ledger.Check(Bank, purpose, Now));
        }

        Assert.Null(_ledger.GrantedUntil(Bank, ConsentPurpose.BalanceView, Now));
    }

    [Fact]
    public void Grant_without_expiry_is_granted_indefinitely()
    {
        var record = _ledger.Grant(Bank, ConsentPurpose.BalanceView, null, Now);

        Assert.Equal(new ConsentRecord(Bank, ConsentPurpose.BalanceView, Now, null, null), record);
        _time.Advance(TimeSpan.FromDays(3_650));
        Assert.Equal(ConsentStatus.Granted, _ledger.Check(Bank, ConsentPurpose.BalanceView, Now));
        Assert.Equal(DateTimeOffset.MaxValue, _ledger.GrantedUntil(Bank, ConsentPurpose.BalanceView, Now));
    }

    [Fact]
    public void Grant_is_specific_to_one_bank_and_one_purpose()
    {
        _ledger.Grant(Bank, ConsentPurpose.BalanceView, null, Now);

        Assert.Equal(ConsentStatus.Missing, _ledger.Check("CITI", ConsentPurpose.BalanceView, Now));
        Assert.Equal(ConsentStatus.Missing, _ledger.Check(Bank, ConsentPurpose.TransactionNotifications, Now));
    }

    [Fact]
    public void Consent_expires_exactly_at_its_expiry_instant()
    {
        var expiresAt = Now.AddHours(1);
        _ledger.Grant(Bank, ConsentPurpose.FraudAlerts, expiresAt, Now);

        _time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        Assert.Equal(ConsentStatus.Granted, _ledger.Check(Bank, ConsentPurpose.FraudAlerts, Now));
        Assert.Equal(expiresAt, _ledger.GrantedUntil(Bank, ConsentPurpose.FraudAlerts, Now));

        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(ConsentStatus.Expired, _ledger.Check(Bank, ConsentPurpose.FraudAlerts, Now));
        Assert.Null(_ledger.GrantedUntil(Bank, ConsentPurpose.FraudAlerts, Now));

        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(ConsentStatus.Expired, _ledger.Check(Bank, ConsentPurpose.FraudAlerts, Now));
    }

    [Fact]
    public void Revoke_makes_the_consent_revoked_from_that_moment()
    {
        _ledger.Grant(Bank, ConsentPurpose.Offers, null, Now);
        _time.Advance(TimeSpan.FromMinutes(5));

        var revoked = _ledger.Revoke(Bank, ConsentPurpose.Offers, Now);

        Assert.NotNull(revoked);
        Assert.Equal(Now, revoked.RevokedAt);
        Assert.Equal(ConsentStatus.Revoked, _ledger.Check(Bank, ConsentPurpose.Offers, Now));
        Assert.Null(_ledger.GrantedUntil(Bank, ConsentPurpose.Offers, Now));
    }

    [Fact]
    public void Revoke_of_a_consent_never_granted_changes_nothing()
    {
        Assert.Null(_ledger.Revoke(Bank, ConsentPurpose.Offers, Now));
        Assert.Empty(_records);
        Assert.Equal(ConsentStatus.Missing, _ledger.Check(Bank, ConsentPurpose.Offers, Now));
    }

    [Fact]
    public void Revoke_of_an_expired_consent_changes_nothing()
    {
        _ledger.Grant(Bank, ConsentPurpose.Offers, Now.AddMinutes(1), Now);
        _time.Advance(TimeSpan.FromMinutes(2));
        var before = _records.ToArray();

        Assert.Null(_ledger.Revoke(Bank, ConsentPurpose.Offers, Now));
        Assert.Equal(before, _records);
        Assert.Equal(ConsentStatus.Expired, _ledger.Check(Bank, ConsentPurpose.Offers, Now));
    }

    [Fact]
    public void Grant_after_revoke_grants_again_and_replaces_the_record()
    {
        _ledger.Grant(Bank, ConsentPurpose.MerchantInsights, null, Now);
        _ledger.Revoke(Bank, ConsentPurpose.MerchantInsights, Now);
        _time.Advance(TimeSpan.FromHours(2));

        var regranted = _ledger.Grant(Bank, ConsentPurpose.MerchantInsights, Now.AddDays(30), Now);

        Assert.Null(regranted.RevokedAt);
        Assert.Equal(Now, regranted.GrantedAt);
        Assert.Equal(ConsentStatus.Granted, _ledger.Check(Bank, ConsentPurpose.MerchantInsights, Now));
        Assert.Single(_records);
    }

    [Fact]
    public void Grant_with_an_expiry_not_in_the_future_is_refused_and_changes_nothing()
    {
        _ledger.Grant(Bank, ConsentPurpose.BalanceView, null, Now);
        var before = _records.ToArray();

        DomainAssert.Throws(DomainError.InvalidArgument, () => _ledger.Grant(Bank, ConsentPurpose.BalanceView, Now.AddSeconds(-1), Now), "not in the future");
        DomainAssert.Throws(DomainError.InvalidArgument, () => _ledger.Grant(Bank, ConsentPurpose.BalanceView, Now, Now), "not in the future");

        Assert.Equal(before, _records);
        Assert.Equal(ConsentStatus.Granted, _ledger.Check(Bank, ConsentPurpose.BalanceView, Now));
    }

    [Fact]
    public void Malformed_bank_is_refused_everywhere()
    {
        DomainAssert.Throws(DomainError.MalformedId, () => _ledger.Grant("chase", ConsentPurpose.BalanceView, null, Now), "bank id", "'chase'");
        DomainAssert.Throws(DomainError.MalformedId, () => _ledger.Revoke("chase", ConsentPurpose.BalanceView, Now), "'chase'");
        DomainAssert.Throws(DomainError.MalformedId, () => _ledger.Check("chase", ConsentPurpose.BalanceView, Now), "'chase'");
        Assert.Empty(_records);
    }

    [Fact]
    public void Unknown_purpose_is_refused_and_lists_the_known_ones()
    {
        DomainAssert.Throws(DomainError.InvalidArgument, () => _ledger.Grant(Bank, (ConsentPurpose)42, null, Now), "42", "BalanceView");
        DomainAssert.Throws(DomainError.InvalidArgument, () => _ledger.Check(Bank, (ConsentPurpose)0, Now), "purpose 0");
        Assert.Empty(_records);
    }
}
