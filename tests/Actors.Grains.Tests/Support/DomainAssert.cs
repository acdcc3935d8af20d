using Actors.Errors;

namespace Actors.Tests.Support;

/// <summary>Asserts the one typed error of the domain: its kind, and that the message names the problem.</summary>
internal static class DomainAssert
{
    public static DomainException Throws(DomainError expected, Action action, params string[] messageContains)
    {
        var exception = Assert.Throws<DomainException>(action);
        return Check(exception, expected, messageContains);
    }

    public static async Task<DomainException> ThrowsAsync(DomainError expected, Func<Task> action, params string[] messageContains)
    {
        var exception = await Assert.ThrowsAsync<DomainException>(action);
        return Check(exception, expected, messageContains);
    }

    private static DomainException Check(DomainException exception, DomainError expected, string[] messageContains)
    {
        Assert.Equal(expected, exception.Error);
        foreach (var fragment in messageContains)
        {
            Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
        }

        return exception;
    }
}
