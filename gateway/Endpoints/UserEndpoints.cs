using Actors.Domain;
using Actors.Gateway.Security;
using Actors.Gateway.Views;
using Actors.Users;

namespace Actors.Gateway.Endpoints;

/// <summary>
/// What a user does about themselves: profile, partner links, consents, audit log, export and
/// erasure. <see cref="SelfOnlyFilter"/> keeps every call on the caller's own id; the grain audits.
/// </summary>
public static class UserEndpoints
{
    /// <summary>Audit actor of a user acting on themselves (the grains' existing convention).</summary>
    private const string SelfActor = "user";

    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder v1)
    {
        var user = v1.MapGroup("/users/{userId}")
            .RequireAuthorization(GatewayPolicies.User)
            .AddEndpointFilter<SelfOnlyFilter>()
            .WithTags("User");

        user.MapGet("/", Get).WithSummary("The user's profile, linked accounts and consents.");
        user.MapPut("/partners/{partnerId}", LinkPartner).WithSummary("Link a Messenger partner (it may then read, consent permitting).");
        user.MapDelete("/partners/{partnerId}", UnlinkPartner).WithSummary("Unlink a Messenger partner.");
        user.MapPost("/consents", Grant).WithSummary("Grant one purpose for one bank, optionally until expiresAt.");
        user.MapDelete("/consents/{bank}/{purpose}", Revoke).WithSummary("Revoke one purpose for one bank.");
        user.MapGet("/audit", Audit).WithSummary("The user's audit log: every access to their data, allowed or denied.");
        user.MapGet("/export", Export).WithSummary("Everything held about the user, as JSON (right of access and portability).");
        user.MapDelete("/", Erase).WithSummary("Erase the user's Messenger-side data and links (right to erasure).");
        return v1;
    }

    private static async Task<Ok<UserView>> Get(string userId, IGrainFactory grains)
    {
        var user = await grains.GetGrain<IUserGrain>(userId).Get();
        return TypedResults.Ok(new UserView(user.UserId, user.Profile.DisplayName, user.LinkedAccounts, user.Consents.Select(ConsentView.Of).ToArray()));
    }

    private static async Task<Ok<PartnersView>> LinkPartner(string userId, string partnerId, IGrainFactory grains)
    {
        PartnerRules.PartnerId(partnerId);
        return TypedResults.Ok(new PartnersView(userId, await grains.GetGrain<IUserGatewayGrain>(userId).LinkPartner(partnerId)));
    }

    private static async Task<Ok<PartnersView>> UnlinkPartner(string userId, string partnerId, IGrainFactory grains)
    {
        PartnerRules.PartnerId(partnerId);
        return TypedResults.Ok(new PartnersView(userId, await grains.GetGrain<IUserGatewayGrain>(userId).UnlinkPartner(partnerId)));
    }

    private static async Task<Ok<ConsentView>> Grant(string userId, GrantConsentRequest request, IGrainFactory grains)
    {
        Ids.Bank(request.Bank, "bank");
        var record = await grains.GetGrain<IUserGrain>(userId).GrantConsent(request.Bank, request.Purpose, request.ExpiresAt, SelfActor);
        return TypedResults.Ok(ConsentView.Of(record));
    }

    private static async Task<IResult> Revoke(string userId, string bank, string purpose, IGrainFactory grains)
    {
        Ids.Bank(bank, "bank id in the path");
        if (!Enum.TryParse<ConsentPurpose>(purpose, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || char.IsAsciiDigit(purpose[0]))
        {
            return Errors.GatewayProblems.BadRequest("bad_purpose",
                $"Unknown consent purpose '{purpose}': expected one of {string.Join(", ", Enum.GetNames<ConsentPurpose>())}.");
        }

        var record = await grains.GetGrain<IUserGrain>(userId).RevokeConsent(bank, parsed, SelfActor);
        return record is null ? TypedResults.NoContent() : TypedResults.Ok(ConsentView.Of(record));
    }

    private static async Task<Ok<AuditEntryView[]>> Audit(string userId, IGrainFactory grains) =>
        TypedResults.Ok((await grains.GetGrain<IUserGrain>(userId).GetAuditLog()).Select(AuditEntryView.Of).ToArray());

    private static async Task<IResult> Export(string userId, IGrainFactory grains) =>
        Results.Text(await grains.GetGrain<IUserGrain>(userId).Export(SelfActor), "application/json");

    private static async Task<NoContent> Erase(string userId, IGrainFactory grains)
    {
        await grains.GetGrain<IUserGrain>(userId).Erase(SelfActor);
        return TypedResults.NoContent();
    }
}
