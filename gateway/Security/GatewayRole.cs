namespace Actors.Gateway.Security;

/// <summary>Who a credential speaks for: a Messenger partner, a user (acting on themselves) or a bank.</summary>
public enum GatewayRole
{
    Partner = 1,
    User = 2,
    Bank = 3,
}
