using Actors.Accounts;
using Actors.Errors;
using Actors.Load.Scenarios;

namespace Actors.LoadTests.Scenarios;

/// <summary>
/// Maps grain answers to load-test responses. Business outcomes (a decline, a consent-required
/// answer) are successful calls with a status code; only exceptions are failures, with their kind.
/// </summary>
public static class StepOutcome
{
    public static IResponse Of(PostingResult result) =>
        Response.Ok(result.Approved ? "approved" : "declined_" + ToSnake(result.Reason));

    public static async Task<IResponse> Guard(Func<Task<IResponse>> step)
    {
        try
        {
            return await step();
        }
        catch (DomainException e)
        {
            return Response.Fail("domain_" + ToSnake(e.Error), e.Message);
        }
        catch (TimeoutException e)
        {
            return Response.Fail("timeout", e.Message);
        }
        catch (Exception e)
        {
            return Response.Fail(e.GetType().Name, e.Message);
        }
    }

    public static string ToSnake<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
