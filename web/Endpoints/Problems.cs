namespace Actors.Web.Endpoints;

/// <summary>The refusals every endpoint uses: 400 with the form's message, 404 for people and accounts not (or no longer) there.</summary>
internal static class Problems
{
    public static IResult Bad(string message) => Results.BadRequest(new ErrorView(message));

    public static IResult NoUser(string? userId) => Results.NotFound(new ErrorView($"No user '{userId}' in this world (never there, or erased)."));

    public static IResult NoAccount(string? accountId) => Results.NotFound(new ErrorView($"No account '{accountId}' in this world (never there, or its owner was erased)."));
}
