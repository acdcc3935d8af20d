using Actors.Errors;
using Actors.Tests.Support;

namespace Actors.Tests.Domain;

public sealed class IdsTests
{
    private static readonly string TooLong65 = new('a', 65);

    [Theory]
    [InlineData("alice")]
    [InlineData("user_42-x")]
    [InlineData("a")]
    public void User_accepts_well_formed_ids(string id) => Assert.Equal(id, Ids.User(id));

    [Theory]
    [InlineData("")]
    [InlineData("alice smith")]
    [InlineData("alice:1")]
    [InlineData("élodie")]
    public void User_refuses_malformed_ids_and_quotes_them(string id)
    {
        DomainAssert.Throws(DomainError.MalformedId, () => Ids.User(id), "user id", $"'{id}'");
    }

    [Fact]
    public void User_refuses_an_id_longer_than_64()
    {
        Assert.Equal(new string('a', 64), Ids.User(new string('a', 64)));
        DomainAssert.Throws(DomainError.MalformedId, () => Ids.User(TooLong65), "Malformed user id");
    }

    [Fact]
    public void A_missing_id_is_reported_as_missing_with_the_role_it_plays()
    {
        DomainAssert.Throws(DomainError.MalformedId, () => Ids.User(null, "owner user id"), "Missing owner user id");
        DomainAssert.Throws(DomainError.MalformedId, () => Ids.Account(null, "source account id"), "Missing source account id");
    }

    [Theory]
    [InlineData("CHASE")]
    [InlineData("ING_2")]
    [InlineData("AB")]
    public void Bank_accepts_well_formed_ids(string id) => Assert.Equal(id, Ids.Bank(id));

    [Theory]
    [InlineData("chase")]
    [InlineData("C")]
    [InlineData("WELLS-FARGO")]
    [InlineData("ABCDEFGHIJKLMNOPQ")]
    [InlineData("")]
    public void Bank_refuses_malformed_ids(string id)
    {
        DomainAssert.Throws(DomainError.MalformedId, () => Ids.Bank(id), "bank id", $"'{id}'");
    }

    [Theory]
    [InlineData("CHASE:000123", "CHASE")]
    [InlineData("ING_2:a-b_c", "ING_2")]
    public void Account_accepts_bank_colon_local_and_knows_its_bank(string id, string bank)
    {
        Assert.Equal(id, Ids.Account(id));
        Assert.Equal(bank, Ids.BankOf(id));
    }

    [Theory]
    [InlineData("CHASE")]
    [InlineData("CHASE:")]
    [InlineData(":000123")]
    [InlineData("chase:000123")]
    [InlineData("CHASE:00 123")]
    [InlineData("CHASE:1:2")]
    [InlineData("CHASE:0123456789012345678901234567890123456789")]
    public void Account_refuses_malformed_ids(string id)
    {
        DomainAssert.Throws(DomainError.MalformedId, () => Ids.Account(id), "account id", "BANK:local");
    }

    [Theory]
    [InlineData("tx-1")]
    [InlineData("2030.01.01:card_9")]
    public void Transaction_accepts_well_formed_ids(string id) => Assert.Equal(id, Ids.Transaction(id));

    [Theory]
    [InlineData("")]
    [InlineData("tx 1")]
    [InlineData("tx/1")]
    [InlineData("tx#1")]
    public void Transaction_refuses_malformed_ids(string id)
    {
        DomainAssert.Throws(DomainError.MalformedId, () => Ids.Transaction(id), "transaction id", $"'{id}'");
    }

    [Fact]
    public void Transaction_refuses_an_id_longer_than_64()
    {
        DomainAssert.Throws(DomainError.MalformedId, () => Ids.Transaction(TooLong65), "transaction id");
    }
}
