using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Actors.Accounts;
using Actors.Errors;
using Actors.Simulation.Population;
using Actors.Users;
using Actors.Web.Hosting;
using Actors.Web.Living;
using Actors.Web.Views;

namespace Actors.Web.Endpoints;

/// <summary>
/// The Messenger side: people, their conversation with each bank (inbox as server-sent events, balance on
/// request, alerts with "It was me" / "Not me"), the consent panel, a test card payment, export and erasure.
/// </summary>
internal static class MessengerEndpoints
{
    private const string UserActor = "user";
    private static readonly TimeSpan InboxPoll = TimeSpan.FromMilliseconds(250);

    public static void MapMessengerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/users", (LivingWorld world, string? q) => Users(world, q));
        app.MapGet("/api/users/{userId}", Conversation);
        app.MapGet("/api/users/{userId}/events", (LivingWorld world, string userId, CancellationToken cancellationToken) =>
            world.TryFindUser(userId, out _) ? TypedResults.ServerSentEvents(Inbox(world, userId, cancellationToken)) : Problems.NoUser(userId));
        app.MapPost("/api/users/{userId}/balance", Balance);
        app.MapPost("/api/users/{userId}/consents", Consent);
        app.MapPost("/api/accounts/{accountId}/pay", Pay);
        app.MapPost("/api/accounts/{accountId}/alerts/{transactionId}/resolve", Resolve);
        app.MapGet("/api/users/{userId}/export", Export);
        app.MapPost("/api/users/{userId}/erase", Erase);
    }

    private static IReadOnlyList<UserListItem> Users(LivingWorld world, string? query)
    {
        var population = world.Population;
        var list = new List<UserListItem>();
        for (var u = 0; u < population.UserCount && list.Count < 500; u++)
        {
            var name = population.UserNames[u];
            if (world.IsErased(population.UserIds[u]) || (!string.IsNullOrWhiteSpace(query) && !name.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            list.Add(new UserListItem(population.UserIds[u], name, ViewMapper.Initials(name), population.CountryOfUser(u).Code,
                world.BanksOf(u).ToList()));
        }

        return list;
    }

    private static async Task<IResult> Conversation(LivingWorld world, string userId)
    {
        if (!world.TryFindUser(userId, out var u))
        {
            return Problems.NoUser(userId);
        }

        var user = await world.Grains.GetGrain<IUserGrain>(userId).Get();
        var now = world.Time.GetUtcNow();
        var threads = new List<BankThread>();
        foreach (var bank in world.AccountsOf(u).GroupBy(world.BankOf))
        {
            var accounts = new List<AccountLine>();
            var alerts = new List<AlertView>();
            foreach (var a in bank)
            {
                var grain = world.Grains.GetGrain<IAccountGrain>(world.Population.AccountIds[a]);
                var snapshot = await grain.GetSnapshot();
                var records = await grain.GetAlerts();
                alerts.AddRange(records.Select(r => ViewMapper.Alert(snapshot.AccountId, r, snapshot.Balance.Currency)));
                accounts.Add(ViewMapper.Account(snapshot, user.Profile.DisplayName, records.Count(r => r.Status == FraudAlertStatus.Open)));
            }

            threads.Add(new BankThread(bank.Key, accounts, ViewMapper.Consents(bank.Key, user.Consents, now), alerts));
        }

        return Results.Ok(new ConversationView(userId, user.Profile.DisplayName, ViewMapper.Initials(user.Profile.DisplayName), user.Profile.Country,
            user.Profile.MessengerId, threads));
    }

    /// <summary>The whole inbox first, then each new message as it arrives; ends when the user is erased or the browser leaves.</summary>
    private static async IAsyncEnumerable<SseItem<MessageView>> Inbox(LivingWorld world, string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var grain = world.Grains.GetGrain<IUserGrain>(userId);
        using var timer = new PeriodicTimer(InboxPoll, world.Time);
        while (!world.IsErased(userId))
        {
            IReadOnlyList<InboxMessage> inbox;
            try
            {
                inbox = await grain.GetInbox();
            }
            catch (DomainException)
            {
                yield break;
            }

            foreach (var message in inbox.OrderBy(m => m.At))
            {
                var view = ViewMapper.Message(message);
                if (seen.Add(view.Key))
                {
                    yield return new SseItem<MessageView>(view, "message");
                }
            }

            if (!await Tick(timer, cancellationToken))
            {
                yield break;
            }
        }
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<IResult> Balance(LivingWorld world, string userId, BalanceRequest request)
    {
        if (!world.TryFindUser(userId, out var u))
        {
            return Problems.NoUser(userId);
        }

        if (BankOfUser(world, u, request.Bank) is not { } bank)
        {
            return Problems.Bad($"Bank '{request.Bank}' is not one of this user's banks ({string.Join(", ", world.BanksOf(u))}).");
        }

        var result = await world.Grains.GetGrain<IUserGrain>(userId).GetBalanceForMessenger(bank, ActorsConstants.MessengerActor);
        if (result.Status == MessengerReadStatus.ConsentRequired)
        {
            world.Metrics.ConsentDenied();
        }

        return Results.Ok(ViewMapper.Balance(bank, result));
    }

    private static async Task<IResult> Consent(LivingWorld world, string userId, ConsentRequest request)
    {
        if (!world.TryFindUser(userId, out var u))
        {
            return Problems.NoUser(userId);
        }

        if (BankOfUser(world, u, request.Bank) is not { } bank)
        {
            return Problems.Bad($"Bank '{request.Bank}' is not one of this user's banks ({string.Join(", ", world.BanksOf(u))}).");
        }

        var purpose = FormInput.Purpose(request.Purpose);
        if (!purpose.Ok)
        {
            return Problems.Bad(purpose.Error!);
        }

        var grain = world.Grains.GetGrain<IUserGrain>(userId);
        switch (request.Action?.Trim().ToLowerInvariant())
        {
            case "grant":
                var expiry = FormInput.Expiry(request.ExpiresInMinutes, world.Time.GetUtcNow());
                if (!expiry.Ok)
                {
                    return Problems.Bad(expiry.Error!);
                }

                await grain.GrantConsent(bank, purpose.Value, expiry.Value, UserActor);
                break;
            case "revoke":
                await grain.RevokeConsent(bank, purpose.Value, UserActor);
                break;
            default:
                return Problems.Bad($"Action '{request.Action}' is unknown: use grant or revoke.");
        }

        var user = await grain.Get();
        return Results.Ok(ViewMapper.Consents(bank, user.Consents, world.Time.GetUtcNow()));
    }

    /// <summary>A card payment at one of the owner's usual merchants (card present, at home): the demo's "a posting now".</summary>
    private static async Task<IResult> Pay(LivingWorld world, string accountId, PaymentRequest request)
    {
        if (!world.TryFindAccount(accountId, out var a))
        {
            return Problems.NoAccount(accountId);
        }

        var population = world.Population;
        var amount = FormInput.Amount(request.Amount, population.CurrencyOfAccount(a));
        if (!amount.Ok)
        {
            return Problems.Bad(amount.Error!);
        }

        var owner = population.AccountOwner[a];
        var merchant = population.Preferred[owner * Simulation.Population.World.PreferredSlots];
        var category = MerchantCategories.All[population.MerchantCategory[merchant]];
        var id = $"web-{Guid.NewGuid():N}"[..32];
        var result = await world.Grains.GetGrain<IAccountGrain>(accountId).Authorize(new CardAuthorization(id, amount.Value, population.MerchantIds[merchant],
            category.Mcc, population.CountryOfUser(owner).Code, world.Time.GetUtcNow(), CardPresent: true, Device: 0));
        world.Metrics.Authorization(result);
        return Results.Ok(new { transactionId = id, approved = result.Approved, text = result.ToString() });
    }

    private static async Task<IResult> Resolve(LivingWorld world, string accountId, string transactionId, ResolveRequest request)
    {
        if (!world.TryFindAccount(accountId, out var a))
        {
            return Problems.NoAccount(accountId);
        }

        AlertFeedback? feedback = request.Feedback?.Trim().ToLowerInvariant() switch
        {
            "notme" or "not-me" or "not me" => AlertFeedback.NotMe,
            "itwasme" or "it-was-me" or "it was me" => AlertFeedback.ItWasMe,
            _ => null,
        };
        if (feedback is null)
        {
            return Problems.Bad($"Feedback '{request.Feedback}' is unknown: use NotMe or ItWasMe.");
        }

        var grain = world.Grains.GetGrain<IAccountGrain>(accountId);
        try
        {
            await grain.ResolveAlert(transactionId, feedback.Value);
        }
        catch (DomainException e)
        {
            return Problems.Bad(e.Message);
        }

        var snapshot = await grain.GetSnapshot();
        var open = (await grain.GetAlerts()).Count(r => r.Status == FraudAlertStatus.Open);
        return Results.Ok(ViewMapper.Account(snapshot, world.Population.UserNames[world.Population.AccountOwner[a]], open));
    }

    private static async Task<IResult> Export(LivingWorld world, string userId)
    {
        if (!world.TryFindUser(userId, out _))
        {
            return Problems.NoUser(userId);
        }

        var json = await world.Grains.GetGrain<IUserGrain>(userId).Export(UserActor);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", $"{userId}.json");
    }

    private static async Task<IResult> Erase(LivingWorld world, string userId)
    {
        if (!world.TryFindUser(userId, out _))
        {
            return Problems.NoUser(userId);
        }

        await world.Grains.GetGrain<IUserGrain>(userId).Erase(UserActor);
        world.MarkErased(userId);
        return Results.NoContent();
    }

    private static string? BankOfUser(LivingWorld world, int user, string? bank) =>
        world.BanksOf(user).FirstOrDefault(b => string.Equals(b, bank?.Trim(), StringComparison.OrdinalIgnoreCase));
}
