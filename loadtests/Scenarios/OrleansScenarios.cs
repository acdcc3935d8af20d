using Actors.Accounts;
using Actors.Diagnostics;
using Actors.Load.Scenarios;
using Actors.LoadTests.Population;
using Actors.Transfers;
using Actors.Users;

namespace Actors.LoadTests.Scenarios;

/// <summary>
/// The Orleans scenarios, one factory each. Load shape, thresholds and warm-up are applied by the
/// caller (the command line), so the same definitions serve run, capacity search and tests.
/// </summary>
public static class OrleansScenarios
{
    public const string Ping = "ping";

    /// <summary>One state-writing grain call through the configured store: the write path's floor.</summary>
    public const string PingWrite = "ping_write";

    /// <summary>
    /// What ping_write persists beside its counter: about an account's hot state (balance and counters, the 128-byte
    /// idempotency window, the ~180-byte fraud profile, a few packed pending history entries). An estimate from those
    /// parts, not a measurement of a serialized account.
    /// </summary>
    public const int PingWritePayloadBytes = 512;
    public const string MessengerBalanceCheck = "messenger_balance_check";
    public const string CardAuthorization = "card_authorization";
    public const string ConsentChurn = "consent_churn";
    public const string Transfer = "transfer";
    public const string NotificationFanout = "notification_fanout";
    public const string Mixed = "mixed";

    /// <summary>Scenario names the command line accepts (replay comes from the simulator's traces).</summary>
    public static readonly IReadOnlyList<string> Names = [Ping, PingWrite, MessengerBalanceCheck, CardAuthorization, ConsentChurn, Transfer, NotificationFanout, Mixed, HttpScenarios.HttpBalanceCheck];

    private static readonly (int Mcc, string Merchant)[] Merchants =
    [
        (5411, "grocery-1"), (5812, "restaurant-7"), (5541, "fuel-3"), (5999, "shop-11"), (4111, "transit-2"), (5732, "electronics-5"),
    ];

    /// <summary>
    /// The scenarios a name stands for (mixed is several weighted scenarios); each but ping creates or
    /// reuses the population in its init.
    /// </summary>
    public static IReadOnlyList<ScenarioProps> Create(string name, LoadContext context)
    {
        IReadOnlyList<ScenarioProps> scenarios = name switch
        {
            Ping => [CreatePing(context.Grains)],
            PingWrite => [CreatePingWrite(context.Grains, context.Population.Users)],
            MessengerBalanceCheck => [CreateBalanceCheck(context)],
            CardAuthorization => [CreateCardAuthorization(context)],
            ConsentChurn => [CreateConsentChurn(context)],
            Transfer => [CreateTransfer(context)],
            NotificationFanout => [CreateNotificationFanout(context)],
            Mixed => CreateMixed(context),
            HttpScenarios.HttpBalanceCheck => [HttpScenarios.CreateBalanceCheck(context, HttpTarget.FromEnvironment())],
            _ => throw new Load.LoadConfigurationException($"Unknown scenario '{name}': expected one of {string.Join(", ", Names)}."),
        };
        return NeedsPopulation(name)
            ? scenarios.Select(s => s.WithInit(async init =>
            {
                // The population first, then whatever the scenario itself prepares on it (e.g. partner links).
                await context.EnsurePopulationAsync(init.CancellationToken);
                if (s.Init is { } own)
                {
                    await own(init);
                }
            })).ToArray()
            : scenarios;
    }

    /// <summary>Whether a scenario needs the synthetic population (all but ping).</summary>
    public static bool NeedsPopulation(string name) => name is not (Ping or PingWrite);

    /// <summary>A no-op grain call over 1,024 grains: the framework's own cost, the baseline of every run.</summary>
    public static ScenarioProps CreatePing(IGrainFactory grains)
    {
        var pings = PingGrains(grains);
        return Scenario.Create(Ping, ctx => StepOutcome.Guard(async () =>
        {
            await pings[(int)(ctx.InvocationNumber & 1023)].Ping(ctx.InvocationNumber);
            return Response.Ok();
        }));
    }

    /// <summary>
    /// One write of a <see cref="PingWritePayloadBytes"/>-byte state per call, spread over as many grains as the
    /// population has users (each write goes to the same store an account's would).
    /// </summary>
    public static ScenarioProps CreatePingWrite(IGrainFactory grains, int grainCount)
    {
        var count = Math.Max(1, grainCount);
        var refs = new GrainRefs<IPingWriteGrain>(count, i => grains.GetGrain<IPingWriteGrain>(i));
        return Scenario.Create(PingWrite, ctx => StepOutcome.Guard(async () =>
        {
            await refs[(int)(ctx.InvocationNumber % count)].Write(ctx.InvocationNumber, PingWritePayloadBytes);
            return Response.Ok(sizeBytes: PingWritePayloadBytes);
        }));
    }

    /// <summary>The 1,024 ping grains (references made once, as the other scenarios' are).</summary>
    public static GrainRefs<IPingGrain> PingGrains(IGrainFactory grains) => new(1024, i => grains.GetGrain<IPingGrain>(i));

    public static ScenarioProps CreateBalanceCheck(LoadContext context) =>
        Scenario.Create(MessengerBalanceCheck, ctx => StepOutcome.Guard(async () =>
        {
            var user = context.Users[context.PickUser(ctx.Random)];
            var result = await user.GetBalanceForMessenger("CHASE", ActorsConstants.MessengerActor);
            return Response.Ok(StepOutcome.ToSnake(result.Status));
        }));

    public static ScenarioProps CreateCardAuthorization(LoadContext context) =>
        Scenario.Create(CardAuthorization, ctx => StepOutcome.Guard(async () =>
        {
            var index = context.PickUser(ctx.Random);
            var (mcc, merchant) = Merchants[ctx.Random.Next(Merchants.Length)];
            var amount = Money.Money.FromMinor(100 + ctx.Random.Next(20_000), "USD");
            var request = new CardAuthorization(context.NextTransactionId(CardAuthorization), amount, merchant, mcc, "US");
            return StepOutcome.Of(await context.ChaseAccounts[index].Authorize(request));
        }));

    public static ScenarioProps CreateConsentChurn(LoadContext context) =>
        Scenario.Create(ConsentChurn, ctx => StepOutcome.Guard(async () =>
        {
            var user = context.Users[context.PickUser(ctx.Random)];
            if (ctx.Random.Next(2) == 0)
            {
                await user.GrantConsent("CITI", ConsentPurpose.Offers, null, "user");
                return Response.Ok("granted");
            }

            var revoked = await user.RevokeConsent("CITI", ConsentPurpose.Offers, "user");
            return Response.Ok(revoked is null ? "nothing_to_revoke" : "revoked");
        }));

    public static ScenarioProps CreateTransfer(LoadContext context) =>
        Scenario.Create(Transfer, ctx => StepOutcome.Guard(async () =>
        {
            var from = context.PickUser(ctx.Random);
            var to = context.PickUser(ctx.Random);
            var id = context.NextTransactionId(Transfer);
            var request = new TransferRequest(id, PopulationOptions.CitiAccount(from), PopulationOptions.CitiAccount(to == from ? (to + 1) % context.Population.Users : to),
                Money.Money.FromMinor(100 + ctx.Random.Next(5_000), "USD"));
            if (request.FromAccount == request.ToAccount)
            {
                return Response.Ok("skipped_same_account");
            }

            var result = await context.Grains.GetGrain<ITransferGrain>(id).Execute(request);
            return Response.Ok(StepOutcome.ToSnake(result.Status));
        }));

    /// <summary>A deposit that, for consenting users, produces an inbox notification: the fan-out path.</summary>
    public static ScenarioProps CreateNotificationFanout(LoadContext context) =>
        Scenario.Create(NotificationFanout, ctx => StepOutcome.Guard(async () =>
        {
            var index = context.PickUser(ctx.Random);
            var account = context.ChaseAccounts[index];
            var result = await account.Deposit(context.NextTransactionId(NotificationFanout), Money.Money.FromMinor(1_00, "USD"));
            return Response.Ok(context.Population.Consents(index) ? "notified" : "not_consented");
        }));

    /// <summary>A day of Messenger and bank traffic: mostly card payments and balance checks.</summary>
    public static IReadOnlyList<ScenarioProps> CreateMixed(LoadContext context) =>
    [
        CreateCardAuthorization(context).WithWeight(55),
        CreateBalanceCheck(context).WithWeight(25),
        CreateNotificationFanout(context).WithWeight(10),
        CreateTransfer(context).WithWeight(7),
        CreateConsentChurn(context).WithWeight(3),
    ];
}
