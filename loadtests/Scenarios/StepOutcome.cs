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
    /// <summary>
    /// The posting's outcome as a status: approved, approved_with_alert (the fraud rules raised an alert, which the bank
    /// keeps and the owner may be told of: a costlier path, shown apart so that a run whose rate makes every account
    /// look like card testing or a velocity burst says so in its status table), or declined_ and the reason.
    /// </summary>
    public static IResponse Of(PostingResult result) =>
        Response.Ok(result.Approved
            ? result.Fraud.Alerted ? "approved_with_alert" : "approved"
            : "declined_" + ToSnake(result.Reason));

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
