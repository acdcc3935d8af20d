using Actors.Gateway.Tests.Infrastructure;
using Xunit.Sdk;

namespace Actors.Gateway.Tests;

/// <summary>The scanner every response passes through must itself be able to fail.</summary>
public sealed class PrivacyScannerTests
{
    [Fact]
    public void A_body_about_one_user_that_mentions_another_is_caught()
    {
        Assert.Throws<FalseException>(() =>
            PrivacyScanner.Check($"/v1/users/{Personas.Alice.UserId}", null, $"{{\"partners\":[\"{Personas.Bob.Accounts[0]}\"]}}"));
    }

    [Fact]
    public void A_body_may_mention_the_user_of_the_path_and_the_caller()
    {
        PrivacyScanner.Check($"/v1/users/{Personas.Alice.UserId}", Personas.Bob.UserId, $"{Personas.Alice.DisplayName} {Personas.Bob.UserId}");
    }
}
