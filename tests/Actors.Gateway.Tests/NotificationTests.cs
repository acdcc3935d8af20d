using System.Net;
using Actors.Accounts;
using Actors.Gateway.Tests.Infrastructure;
using Actors.Users;

namespace Actors.Gateway.Tests;

/// <summary>The inbox for a partner: long polling and server-sent events, both consent-checked on every poll.</summary>
[Collection(GatewayCollection.Name)]
public sealed class NotificationTests(GatewayFixture fixture)
{
    private static readonly Persona Grace = Personas.Grace;

    /// <summary>Bounds every wait in this class: a deadline, not a delay (reads return as soon as data is there).</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Long_poll_returns_a_deposit_notification_and_a_cursor_that_skips_it_next_time()
    {
        await fixture.Grains.GetGrain<IAccountGrain>(Grace.Chase).Deposit("grace-poll-1", Money.Money.FromMinor(7_00, "USD"));

        var first = await PollUntil(null, items => items.Any(i => i.GetProperty("transactionId").GetString() == "grace-poll-1"));
        var cursor = first.GetProperty("cursor").GetString()!;
        var again = (await fixture.Http.Get($"/v1/partner/users/{Grace.UserId}/banks/CHASE/notifications?after={Uri.EscapeDataString(cursor)}", Personas.AcmeKey)).AssertOk();

        var message = first.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("transactionId").GetString() == "grace-poll-1");
        Assert.Equal("Transaction", message.GetProperty("kind").GetString());
        Assert.Equal(7_00, message.GetProperty("amount").GetProperty("minor").GetInt64());
        Assert.Empty(again.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_stream_delivers_notifications_as_events_and_ends_when_consent_is_revoked()
    {
        var carol = Personas.Carol;
        using var deadline = new CancellationTokenSource(Deadline);
        using var response = await fixture.Http.OpenStream($"/v1/partner/users/{carol.UserId}/banks/CHASE/notifications/stream", Personas.AcmeKey, deadline.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));

        await fixture.Grains.GetGrain<IAccountGrain>(carol.Chase).Deposit("carol-sse-1", Money.Money.FromMinor(3_00, "USD"));
        var data = await ReadEvent(reader, "notification", line => line.Contains("carol-sse-1", StringComparison.Ordinal), deadline.Token);
        PrivacyScanner.Check($"/{carol.UserId}", null, data);

        var user = fixture.Grains.GetGrain<IUserGrain>(carol.UserId);
        await user.RevokeConsent("CHASE", ConsentPurpose.TransactionNotifications, "user");
        await user.RevokeConsent("CHASE", ConsentPurpose.FraudAlerts, "user");
        try
        {
            var end = await ReadEvent(reader, "end", _ => true, deadline.Token);
            Assert.Contains("consent_required", end, StringComparison.Ordinal);
        }
        finally
        {
            await user.GrantConsent("CHASE", ConsentPurpose.TransactionNotifications, null, "user");
            await user.GrantConsent("CHASE", ConsentPurpose.FraudAlerts, null, "user");
        }
    }

    [Fact]
    public async Task The_stream_ends_when_the_partners_key_expires()
    {
        const string key = "partner-key-stream-expiry-0123456789";
        var settings = fixture.Settings();
        settings["Actors:Gateway:Credentials:99:Role"] = "Partner";
        settings["Actors:Gateway:Credentials:99:Subject"] = Personas.Acme;
        settings["Actors:Gateway:Credentials:99:Key"] = key;
        settings["Actors:Gateway:Credentials:99:ExpiresAt"] = fixture.Time.GetUtcNow().AddHours(1).ToString("O");
        using var http = new GatewayHttp(await fixture.StartGateway(settings));
        using var deadline = new CancellationTokenSource(Deadline);
        using var response = await http.OpenStream($"/v1/partner/users/{Grace.UserId}/banks/CHASE/notifications/stream", key, deadline.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        Assert.Equal(": stream open", await reader.ReadLineAsync(deadline.Token));

        fixture.Time.Advance(TimeSpan.FromHours(2));

        var end = await ReadEvent(reader, "end", _ => true, deadline.Token);
        Assert.Contains("expired_credentials", end, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stream_is_refused_with_problem_details_before_it_starts_when_not_linked()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        using var response = await fixture.Http.OpenStream($"/v1/partner/users/{Grace.UserId}/banks/CHASE/notifications/stream", Personas.GlobexKey, deadline.Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("partner_not_linked", await response.Content.ReadAsStringAsync(deadline.Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_poll_wait_out_of_range_is_400()
    {
        var response = await fixture.Http.Get($"/v1/partner/users/{Grace.UserId}/banks/CHASE/notifications?waitSeconds=9999", Personas.AcmeKey);

        response.AssertProblem(HttpStatusCode.BadRequest, "bad_argument");
    }

    [Fact]
    public async Task A_malformed_cursor_is_400()
    {
        var response = await fixture.Http.Get($"/v1/partner/users/{Grace.UserId}/banks/CHASE/notifications?after=yesterday", Personas.AcmeKey);

        response.AssertProblem(HttpStatusCode.BadRequest, "bad_request");
    }

    /// <summary>Long-polls (the server waits up to 5 s per call) until the inbox shows what the test expects.</summary>
    private async Task<System.Text.Json.JsonElement> PollUntil(string? cursor, Func<IEnumerable<System.Text.Json.JsonElement>, bool> done)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var after = cursor is null ? "" : $"&after={Uri.EscapeDataString(cursor)}";
            var json = (await fixture.Http.Get($"/v1/partner/users/{Grace.UserId}/banks/CHASE/notifications?waitSeconds=5{after}", Personas.AcmeKey)).AssertOk();
            if (done(json.GetProperty("items").EnumerateArray()))
            {
                return json;
            }

            Assert.True(DateTime.UtcNow < until, "The notification did not arrive before the deadline.");
        }
    }

    /// <summary>Reads server-sent events until one of <paramref name="type"/> whose data matches; returns its data.</summary>
    private static async Task<string> ReadEvent(StreamReader reader, string type, Func<string, bool> matches, CancellationToken token)
    {
        string? eventType = null;
        while (await reader.ReadLineAsync(token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventType = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventType == type && matches(line))
            {
                return line["data: ".Length..];
            }
            else if (line.Length == 0)
            {
                eventType = null;
            }
        }

        throw new InvalidOperationException($"The stream ended before a '{type}' event.");
    }
}
