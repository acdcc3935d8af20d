using System.Text.Json;
using Actors.Errors;
using Actors.Gateway.Options;
using Actors.Gateway.Views;
using Actors.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.Endpoints;

/// <summary>
/// The user's inbox for a partner: a server-sent-events stream, and a long-poll GET as the fallback
/// for clients that cannot hold a stream. Both poll the user grain, which re-checks link and consent
/// on every poll, so a revoke ends the stream at the next poll.
/// </summary>
public static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotificationEndpoints(this RouteGroupBuilder partner)
    {
        partner.MapGet("/banks/{bank}/notifications", LongPoll)
            .WithSummary("Notifications newer than 'after' (a cursor from a previous answer); waits up to waitSeconds for the first one.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        partner.MapGet("/banks/{bank}/notifications/stream", Stream)
            .WithSummary("Server-sent events: one 'notification' event per inbox message; 'end' when access is withdrawn.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return partner;
    }

    private static async Task<IResult> LongPoll(string userId, string bank, DateTimeOffset? after, int? waitSeconds, HttpContext http,
        IGrainFactory grains, GatewayOptions options)
    {
        var wait = waitSeconds ?? 0;
        if (wait < 0 || wait > options.MaxLongPollSeconds)
        {
            throw new DomainException(DomainError.InvalidArgument, $"waitSeconds {wait} is out of range: expected 0-{options.MaxLongPollSeconds}.");
        }

        var (grain, partnerId) = PartnerEndpoints.Target(userId, bank, http, grains);
        var read = await grain.ReadInbox(partnerId, bank, after, audit: true);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(TimeSpan.FromSeconds(wait));
        while (read.Status == MessengerReadStatus.Ok && read.Items.Count == 0 && !deadline.IsCancellationRequested)
        {
            if (!await Delay(options.NotificationPollInterval, deadline.Token))
            {
                break;
            }

            read = await grain.ReadInbox(partnerId, bank, after, audit: false);
        }

        if (PartnerEndpoints.Refusal(userId, read) is { } refusal)
        {
            return refusal;
        }

        var items = read.Items.Select(NotificationView.Of).ToArray();
        var cursor = items.Length > 0 ? NotificationView.Cursor(items[^1].At) : after is { } a ? NotificationView.Cursor(a) : null;
        return TypedResults.Ok(new NotificationsView(userId, bank, items, cursor));
    }

    private static async Task<IResult> Stream(string userId, string bank, DateTimeOffset? after, HttpContext http, IGrainFactory grains,
        GatewayOptions options, IOptions<JsonOptions> json, TimeProvider time)
    {
        var (grain, partnerId) = PartnerEndpoints.Target(userId, bank, http, grains);
        if (http.Request.Headers["Last-Event-ID"].FirstOrDefault() is { } lastId)
        {
            after = DateTimeOffset.TryParse(lastId, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw new DomainException(DomainError.InvalidArgument, $"Last-Event-ID '{lastId}' is not a cursor from this stream.");
        }

        // The first read decides between a stream and a refusal, and is the audited one.
        var read = await grain.ReadInbox(partnerId, bank, after, audit: true);
        if (PartnerEndpoints.Refusal(userId, read) is { } refusal)
        {
            return refusal;
        }

        http.Response.ContentType = "text/event-stream";
        // Cache-Control: no-store comes from NoStoreHeaders, as on every response.
        try
        {
            var keyExpiry = http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.ExpiresUtc;
            var stream = new StreamState(grain, partnerId, bank, keyExpiry, time, options, json.Value.SerializerOptions);
            await Pump(stream, after, read, http.Response.Body, http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away: the normal end of a stream.
        }

        return Results.Empty;
    }

    /// <summary>
    /// Writes what the last read returned, then polls again, until the client leaves or access is
    /// withdrawn: consent revoked or expired, partner unlinked, or the partner's API key expired.
    /// </summary>
    private static async Task Pump(StreamState stream, DateTimeOffset? after, PartnerRead<InboxMessage> read, Stream body, CancellationToken token)
    {
        await WriteAsync(body, ": stream open\n\n", token);
        while (!token.IsCancellationRequested)
        {
            foreach (var message in read.Items)
            {
                after = message.At;
                var data = JsonSerializer.Serialize(NotificationView.Of(message), stream.Json);
                await WriteAsync(body, $"id: {NotificationView.Cursor(message.At)}\nevent: notification\ndata: {data}\n\n", token);
            }

            if (!await Delay(stream.Options.NotificationPollInterval, token))
            {
                break;
            }

            if (stream.KeyExpiry is { } expiry && stream.Time.GetUtcNow() >= expiry)
            {
                await End(body, "expired_credentials", token);
                break;
            }

            read = await stream.Grain.ReadInbox(stream.PartnerId, stream.Bank, after, audit: false);
            if (read.Status is not (MessengerReadStatus.Ok or MessengerReadStatus.NoAccountAtBank))
            {
                await End(body, read.Status == MessengerReadStatus.ConsentRequired ? "consent_required" : "partner_not_linked", token);
                break;
            }
        }
    }

    private static Task End(Stream body, string code, CancellationToken token) =>
        WriteAsync(body, $"event: end\ndata: {{\"code\":\"{code}\"}}\n\n", token);

    private static async Task WriteAsync(Stream body, string text, CancellationToken token)
    {
        await body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), token);
        await body.FlushAsync(token);
    }

    /// <summary>Waits one poll interval; false when the request ended or its deadline passed meanwhile.</summary>
    private static async Task<bool> Delay(TimeSpan interval, CancellationToken token)
    {
        try
        {
            await Task.Delay(interval, token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>What one open notification stream needs on every poll.</summary>
internal sealed record StreamState(IUserGatewayGrain Grain, string PartnerId, string Bank, DateTimeOffset? KeyExpiry, TimeProvider Time,
    GatewayOptions Options, JsonSerializerOptions Json);
