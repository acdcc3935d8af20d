namespace Actors.Gateway.Security;

/// <summary>
/// The gateway's own access log, for decisions that concern no user's audit log (unauthenticated
/// calls, rate limits, bank operations) and as a second record of those that do.
/// </summary>
public sealed partial class GatewayAccessLog
{
    private readonly ILogger<GatewayAccessLog> _logger;

    public GatewayAccessLog(ILogger<GatewayAccessLog> logger) => _logger = logger;

    [LoggerMessage(Level = LogLevel.Information, Message = "ALLOWED {Actor} {Method} {Path}: {Detail}")]
    public partial void Allowed(string actor, string method, string path, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DENIED {Actor} {Method} {Path}: {Reason}")]
    public partial void Denied(string actor, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "UNAUTHENTICATED {Method} {Path}: {Code}")]
    public partial void Unauthenticated(string method, string path, string code);
}
