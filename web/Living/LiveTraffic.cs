using System.Globalization;
using Actors.Accounts;
using Actors.Simulation.Population;
using Actors.Users;
using Actors.Web.Hosting;

namespace Actors.Web.Living;

/// <summary>
/// Live card traffic at an adjustable rate: every 100 ms it sends the payments that are due, each by a random
/// (not erased) user at one of their preferred merchants, with an amount drawn like the simulator's (category
/// median, log-normal spread, the user's scale) and the wall-clock time, so the accounts' fraud rules judge real
/// time. One event in ten is a Messenger balance check instead (consent-gated: denials are counted). Once a
/// second, an approved payment is followed to its owner's inbox to measure notification latency.
/// </summary>
public sealed class LiveTraffic : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LatencyDeadline = TimeSpan.FromSeconds(5);
    private const int MaxPerTick = 200;

    private readonly LivingWorld _world;
    private readonly Random _random;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private double _rate;
    private long _sequence;
    private long _lastLatencySecond;

    internal LiveTraffic(LivingWorld world, double rate)
    {
        _world = world;
        _rate = rate;
        _random = new Random(unchecked((int)world.Population.Options.Seed));
    }

    /// <summary>Card payments (and balance checks) per second; 0 stops traffic.</summary>
    public double Rate => Volatile.Read(ref _rate);

    public long Sent => Interlocked.Read(ref _sequence);

    /// <summary>Sets the rate from what was typed; on a bad entry returns the message and keeps the rate.</summary>
    public string? TrySetRate(string? text)
    {
        var parsed = FormInput.Rate(text);
        if (parsed.Ok)
        {
            Volatile.Write(ref _rate, parsed.Value);
        }

        return parsed.Error;
    }

    internal void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Tick, _world.Time);
        var due = 0.0;
        var last = _world.Time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = _world.Time.GetTimestamp();
                due += Rate * _world.Time.GetElapsedTime(last, now).TotalSeconds;
                last = now;
                var count = (int)Math.Min(Math.Floor(due), MaxPerTick);
                due = Math.Min(due - count, MaxPerTick);
                if (count > 0)
                {
                    await Task.WhenAll(Enumerable.Range(0, count).Select(_ => OneEventAsync()));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task OneEventAsync()
    {
        var population = _world.Population;
        int user, account, merchant;
        bool balanceCheck;
        double spread;
        lock (_random)
        {
            user = _random.Next(population.UserCount);
            var count = population.AccountCountOf(user);
            account = population.FirstAccount[user] + (count == 1 || _random.NextDouble() < 0.7 ? 0 : _random.Next(count));
            merchant = population.Preferred[user * Simulation.Population.World.PreferredSlots + Math.Min(_random.Next(4) + _random.Next(5), 7)];
            balanceCheck = _random.NextDouble() < 0.1;
            spread = Normal(_random);
        }

        var userId = population.UserIds[user];
        if (_world.IsErased(userId))
        {
            return;
        }

        try
        {
            if (balanceCheck)
            {
                var read = await _world.Grains.GetGrain<IUserGrain>(userId).GetBalanceForMessenger(_world.BankOf(account), ActorsConstants.MessengerActor);
                if (read.Status == MessengerReadStatus.ConsentRequired)
                {
                    _world.Metrics.ConsentDenied();
                }

                return;
            }

            var category = MerchantCategories.All[population.MerchantCategory[merchant]];
            var currency = population.CurrencyOfAccount(account);
            var amount = AmountMinor(population, user, account, category, spread);
            var id = "live-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
            var country = Countries.All[category.Online ? population.UserCountry[user] : population.MerchantCountry[merchant]].Code;
            var result = await _world.Grains.GetGrain<IAccountGrain>(population.AccountIds[account]).Authorize(
                new CardAuthorization(id, new Money.Money(amount, Money.Currency.Parse(currency)), population.MerchantIds[merchant], category.Mcc, country,
                    _world.Time.GetUtcNow(), CardPresent: !category.Online, Device: category.Online ? 1 : 0));
            _world.Metrics.Authorization(result);
            if (result.Approved)
            {
                await MaybeMeasureLatencyAsync(userId, _world.BankOf(account), id);
            }
        }
        catch (Errors.DomainException)
        {
            // An erased owner or a closed account: nothing to show, the next event goes on.
        }
    }

    /// <summary>Minor units of a genuine payment in the account's currency: category median x spread x the user's scale.</summary>
    internal static long AmountMinor(Simulation.Population.World population, int user, int account, MerchantCategory category, double normal)
    {
        var info = Countries.All[population.UserCountry[population.AccountOwner[account]]];
        var major = category.MedianUsd * Math.Exp(category.Sigma * normal) * population.AmountScale[user] * info.FxPerUsd;
        return Math.Max(1, (long)Math.Round(major * Math.Pow(10, info.CurrencyDigits)));
    }

    /// <summary>At most once a second: waits (bounded) for the payment's notification in the owner's inbox.</summary>
    private async Task MaybeMeasureLatencyAsync(string userId, string bank, string transactionId)
    {
        var start = _world.Time.GetTimestamp();
        var second = _world.Time.GetUtcNow().ToUnixTimeSeconds();
        var previous = Interlocked.Read(ref _lastLatencySecond);
        if (previous == second || Interlocked.CompareExchange(ref _lastLatencySecond, second, previous) != previous)
        {
            return;
        }

        var user = _world.Grains.GetGrain<IUserGrain>(userId);
        while (_world.Time.GetElapsedTime(start) < LatencyDeadline && !_stop.IsCancellationRequested)
        {
            var inbox = await user.GetInbox();
            if (inbox.Any(m => m.TransactionId == transactionId))
            {
                _world.Metrics.NotificationLatency(_world.Time.GetElapsedTime(start));
                return;
            }

            // No consent for notifications: nothing will come, so there is no latency to measure.
            var snapshot = await user.Get();
            var now = _world.Time.GetUtcNow();
            if (!snapshot.Consents.Any(c => c.Bank == bank && c.Purpose == ConsentPurpose.TransactionNotifications && c.StatusAt(now) == ConsentStatus.Granted))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), _world.Time, _stop.Token);
        }
    }

    private static double Normal(Random random)
    {
        // Box-Muller: one standard normal draw.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
