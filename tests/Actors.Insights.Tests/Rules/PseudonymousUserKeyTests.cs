namespace Actors.Insights.Tests.Rules;

public sealed class PseudonymousUserKeyTests
{
    private const string Secret = "a-test-secret-of-enough-length";

    [Fact]
    public void Of_is_stable_for_the_same_secret_and_user() =>
        Assert.Equal(new PseudonymousUserKey(Secret).Of("user-1"), new PseudonymousUserKey(Secret).Of("user-1"));

    [Fact]
    public void Of_differs_between_users_and_between_secrets()
    {
        var key = new PseudonymousUserKey(Secret);

        Assert.NotEqual(key.Of("user-1"), key.Of("user-2"));
        Assert.NotEqual(key.Of("user-1"), new PseudonymousUserKey(Secret + "!").Of("user-1"));
    }

    [Fact]
    public void Of_gives_distinct_keys_to_many_users()
    {
        var key = new PseudonymousUserKey(Secret);

        var keys = Enumerable.Range(0, 100_000).Select(i => key.Of($"U{i:D8}")).ToHashSet();

        Assert.Equal(100_000, keys.Count);
    }
}
