namespace Actors.Web.Endpoints;

// Request bodies: every field is a string, so whatever is typed reaches the form validation (FormInput)
// and comes back as a message naming the field, instead of a model-binding failure.

public sealed record BalanceRequest(string? Bank);

public sealed record ConsentRequest(string? Bank, string? Purpose, string? Action, string? ExpiresInMinutes);

public sealed record PaymentRequest(string? Amount);

public sealed record ResolveRequest(string? Feedback);

public sealed record RateRequest(string? Rate);

public sealed record InjectRequest(string? Pattern, string? UserId);

/// <summary>Every refused request answers with this: one sentence naming what was wrong; nothing was changed.</summary>
public sealed record ErrorView(string Error);
