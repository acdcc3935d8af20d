using System.Net;
using Actors.Accounts;
using Actors.Gateway.Tests.Infrastructure;
using Actors.Users;

namespace Actors.Gateway.Tests;

/// <summary>
/// Defects 3 and 4 of issue 15: 1,100 denied requests (more than the 1,000 entries the audit log
/// keeps) by another user or by a partner the user never linked leave the victim's consent, link
/// and allowed-read entries in place; the flood is one counted denial entry per endpoint.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AuditFloodTests(GatewayFixture fixture)
{
    private const int Flood = 1_100;

    [Fact]
    public async Task Denied_reads_by_another_user_do_not_evict_the_victims_accountability_entries()
    {
        var victim = await Victim("floodvu");
        var before = await Accountability(victim);

        await Parallel.ForEachAsync(Enumerable.Range(0, Flood), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            // Half on the profile, half on link with an id varied per request: the route pattern, not the path, is audited.
            var path = i % 2 == 0 ? $"/v1/users/{victim}" : $"/v1/users/{victim}/partners/p{i}";
            var method = i % 2 == 0 ? HttpMethod.Get : HttpMethod.Put;
            (await fixture.Http.Send(method, path, Personas.Bob.Key)).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        });

        var log = await fixture.Grains.GetGrain<IUserGrain>(victim).GetAuditLog();
        Assert.Equal(before, log.Where(IsAccountability).ToArray());
        var denials = log.Where(e => e.Outcome == AuditOutcome.Denied).ToArray();
        Assert.Equal(2, denials.Length);
        Assert.All(denials, d => Assert.Equal(Flood / 2, d.Occurrences));
        Assert.All(denials, d => Assert.Equal("another-user", d.Actor));
        Assert.Single((await fixture.Grains.GetGrain<IUserGrain>(victim).Get()).Consents);
        Assert.Equal([Personas.Acme], await fixture.Grains.GetGrain<IUserGatewayGrain>(victim).LinkPartner(Personas.Acme));
    }

    [Fact]
    public async Task Denied_reads_by_an_unlinked_partner_do_not_evict_the_victims_accountability_entries()
    {
        var victim = await Victim("floodvp");
        var before = await Accountability(victim);

        await Parallel.ForEachAsync(Enumerable.Range(0, Flood), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
            (await fixture.Http.Get($"/v1/partner/users/{victim}/banks/CHASE/balance", Personas.GlobexKey))
                .AssertProblem(HttpStatusCode.Forbidden, "partner_not_linked"));

        var log = await fixture.Grains.GetGrain<IUserGrain>(victim).GetAuditLog();
        Assert.Equal(before, log.Where(IsAccountability).ToArray());
        var denial = Assert.Single(log, e => e.Outcome == AuditOutcome.Denied);
        Assert.Equal(("partner:globex", (long)Flood), (denial.Actor, denial.Occurrences));
        Assert.NotNull(denial.LastAt);

        // The user sees the flood as one entry with its count.
        var export = System.Text.Json.JsonDocument.Parse(await fixture.Grains.GetGrain<IUserGrain>(victim).Export("user")).RootElement;
        Assert.Equal(0, export.GetProperty("AuditEntriesDropped").GetInt64());
        Assert.Equal(0, export.GetProperty("DenialEntriesDropped").GetInt64());
    }

    /// <summary>A user with an account, a consent, a linked partner and one allowed partner read of each kind.</summary>
    private async Task<string> Victim(string userId)
    {
        var user = fixture.Grains.GetGrain<IUserGrain>(userId);
        await user.Register(new UserProfile("Victim", "en_US", "US", $"msgr-{userId}"));
        var accountId = $"CHASE:{userId}-1";
        await fixture.Grains.GetGrain<IAccountGrain>(accountId).Open(userId, "USD");
        await user.LinkAccount(accountId);
        await user.GrantConsent("CHASE", ConsentPurpose.BalanceView, null, "user");
        await fixture.Grains.GetGrain<IUserGatewayGrain>(userId).LinkPartner(Personas.Acme);
        (await fixture.Http.Get($"/v1/partner/users/{userId}", Personas.AcmeKey)).AssertOk();
        (await fixture.Http.Get($"/v1/partner/users/{userId}/banks/CHASE/balance", Personas.AcmeKey)).AssertOk();
        return userId;
    }

    private async Task<AuditEntry[]> Accountability(string userId)
    {
        var entries = (await fixture.Grains.GetGrain<IUserGrain>(userId).GetAuditLog()).Where(IsAccountability).ToArray();
        Assert.Contains(entries, e => e.Action == AuditAction.ConsentGranted);
        Assert.Contains(entries, e => e.Action == AuditAction.PartnerLinked);
        Assert.Contains(entries, e => e.Action == AuditAction.AccountLinked);
        Assert.Equal(2, entries.Count(e => e.Action == AuditAction.Access && e.Actor == "partner:acme" && e.Outcome == AuditOutcome.Allowed));
        return entries;
    }

    private static bool IsAccountability(AuditEntry e) => e.Outcome != AuditOutcome.Denied;
}
