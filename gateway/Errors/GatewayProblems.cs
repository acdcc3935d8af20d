using Actors.Errors;
using Actors.Users;
using Microsoft.AspNetCore.Mvc;

namespace Actors.Gateway.Errors;

/// <summary>
/// Every error the gateway answers, as RFC 9457 problem details: a stable machine-readable
/// <c>code</c> (also the last segment of <c>type</c>), a title, and a detail naming what was wrong.
/// </summary>
public static class GatewayProblems
{
    public const string TypeBase = "https://actors.example/problems/";

    public static IResult Result(int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?> { ["code"] = code };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            all[key] = value;
        }

        return TypedResults.Problem(detail, statusCode: status, title: title, type: TypeBase + code, extensions: all);
    }

    public static ValueTask Write(HttpContext context, int status, string code, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = TypeBase + code, Instance = context.Request.Path };
        problem.Extensions["code"] = code;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    /// <summary>403: the user has not granted (or no longer grants) this purpose for this bank.</summary>
    public static IResult ConsentRequired(ConsentDecision decision) =>
        Result(StatusCodes.Status403Forbidden, "consent_required", "Consent required",
            $"The user has not granted {decision.Purpose} for bank {decision.Bank} (consent is {decision.Status}).",
            new Dictionary<string, object?>
            {
                ["purpose"] = decision.Purpose.ToString(),
                ["bank"] = decision.Bank,
                ["consentStatus"] = decision.Status.ToString(),
            });

    /// <summary>403: the partner is not linked to the user; deliberately says nothing about the user.</summary>
    public static IResult PartnerNotLinked(string userId) =>
        Result(StatusCodes.Status403Forbidden, "partner_not_linked", "Partner not linked",
            $"User '{userId}' has not linked this partner, or does not exist.");

    public static IResult Forbidden(string detail) =>
        Result(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", detail);

    public static IResult BadRequest(string code, string detail) =>
        Result(StatusCodes.Status400BadRequest, code, "Bad request", detail);

    /// <summary>The HTTP status for a domain error: bad input 400, unknown things 404, state conflicts 409.</summary>
    public static (int Status, string Code) Map(DomainError error) => error switch
    {
        DomainError.MalformedId => (StatusCodes.Status400BadRequest, "bad_id"),
        DomainError.InvalidAmount or DomainError.AmountOverflow or DomainError.CurrencyMismatch or DomainError.UnknownCurrency
            => (StatusCodes.Status400BadRequest, "bad_amount"),
        DomainError.InvalidArgument => (StatusCodes.Status400BadRequest, "bad_argument"),
        DomainError.AccountNotFound or DomainError.UserNotFound or DomainError.TransferNotFound or DomainError.AlertNotFound
            or DomainError.PartnerNotLinked or DomainError.UserErased => (StatusCodes.Status404NotFound, "not_found"),
        DomainError.NotAccountOwner => (StatusCodes.Status403Forbidden, "forbidden"),
        _ => (StatusCodes.Status409Conflict, "conflict"),
    };
}
