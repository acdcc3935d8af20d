namespace Actors.Load.Scenarios;

/// <summary>Factory of responses, named as in NBomber: <c>Response.Ok()</c> and <c>Response.Fail()</c>.</summary>
public static class Response
{
    // Shared instances: the common no-argument responses cost no allocation on the hot path.
    private static readonly IResponse OkResponse = new LoadResponse(false, null, 0, null);
    private static readonly IResponse FailResponse = new LoadResponse(true, null, 0, null);

    /// <summary>A successful invocation.</summary>
    public static IResponse Ok(string? statusCode = null, long sizeBytes = 0, string? message = null) =>
        statusCode is null && sizeBytes == 0 && message is null
            ? OkResponse
            : new LoadResponse(false, statusCode, ValidSize(sizeBytes), message);

    /// <summary>A failed invocation; <paramref name="statusCode"/> becomes its error kind in the reports.</summary>
    public static IResponse Fail(string? statusCode = null, string? message = null, long sizeBytes = 0) =>
        statusCode is null && sizeBytes == 0 && message is null
            ? FailResponse
            : new LoadResponse(true, statusCode, ValidSize(sizeBytes), message);

    private static long ValidSize(long sizeBytes) =>
        sizeBytes >= 0
            ? sizeBytes
            : throw new ArgumentOutOfRangeException(nameof(sizeBytes), sizeBytes, "sizeBytes must be 0 or more.");

    private sealed record LoadResponse(bool IsError, string? StatusCode, long SizeBytes, string? Message) : IResponse;
}
