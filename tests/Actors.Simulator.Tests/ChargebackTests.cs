using Actors.Simulation.Options;
using Actors.Simulation.Population;
using Actors.Simulation.Trace;
using Actors.Simulation.Traffic;
using Actors.Simulator.Commands;

namespace Actors.Simulator.Tests;

/// <summary>
/// Chargebacks (format 3): the reported view of the labels. Each disputes an earlier approved payment
/// a day or more later; some fraud is never reported, some legitimate payments are disputed all the same.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ChargebackTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static World Build(double unreported, double noise, double delayDays = 1, int days = 7) =>
        WorldBuilder.Build(new SimulationOptions
        {
            Seed = 11,
            Users = 10_000,
            Days = days,
            Fraud = new FraudRates().ScaledTo(0.05),
            UnreportedFraudShare = unreported,
            LabelNoise = noise,
            ChargebackDelayDays = delayDays,
        });

    [Fact]
    public void Every_chargeback_disputes_an_earlier_approved_payment_of_its_account_a_day_or_more_later_with_its_ground_truth()
    {
        var events = TestSupport.StatisticsTrace.Events;
        var chargebacks = events.Where(e => e.Type == EventType.Chargeback).ToArray();
        // An attack on an account is reported at once, a day or more after its first payment; a disputed legitimate payment a day or more after itself.
        var attackStart = events.Where(e => e.Type == EventType.CardAuthorization && e.Fraud != FraudLabel.None)
            .GroupBy(e => (e.Episode, e.AccountId)).ToDictionary(g => g.Key, g => g.Min(e => e.TimeMs));

        Assert.Contains(chargebacks, c => c.Fraud == FraudLabel.None);
        Assert.Contains(chargebacks, c => c.Fraud != FraudLabel.None);
        Assert.All(chargebacks, c =>
        {
            var payment = events[c.OriginalSeq];
            Assert.Equal(EventType.CardAuthorization, payment.Type);
            Assert.Equal((payment.AccountId, payment.UserId, payment.AmountMinor, payment.Currency, payment.MerchantId, payment.Fraud, payment.Episode),
                (c.AccountId, c.UserId, c.AmountMinor, c.Currency, c.MerchantId, c.Fraud, c.Episode));
            Assert.True(payment.BalanceAfterMinor < payment.BalanceBeforeMinor, $"chargeback {c.Seq} disputes a declined payment");
            var from = c.Fraud == FraudLabel.None ? payment.TimeMs : attackStart[(c.Episode, c.AccountId)];
            Assert.True(c.TimeMs - from >= 86_400_000, $"chargeback {c.Seq} only {c.TimeMs - from} ms after its payment or attack");
            Assert.True(c.TimeMs > payment.TimeMs);
            Assert.Equal((0L, 0L), (c.BalanceBeforeMinor, c.BalanceAfterMinor));
        });
        Assert.Equal(chargebacks.Length, chargebacks.Select(c => c.OriginalSeq).Distinct().Count());
    }

    [Fact]
    public void No_unreported_fraud_and_no_noise_off_the_trace_is_the_default_trace_without_its_chargebacks()
    {
        var with = new TrafficGenerator(Build(unreported: 0.25, noise: 0.001, days: 3)).Where(e => e.Type != EventType.Chargeback).ToArray();
        var newSeq = with.Select((e, i) => (e.Seq, i)).ToDictionary(p => p.Seq, p => (long)p.i);
        var without = new TrafficGenerator(Build(unreported: 1, noise: 0, days: 3)).ToArray();

        Assert.DoesNotContain(without, e => e.Type == EventType.Chargeback);
        Assert.Contains(without, e => e.Type == EventType.Refund);
        Assert.Equal(without, with.Select((e, i) => e with { Seq = i, OriginalSeq = e.OriginalSeq == 0 ? 0 : newSeq[e.OriginalSeq] }));
    }

    [Fact]
    public void About_the_unreported_share_of_attacks_is_never_reported_and_the_rest_all_at_once()
    {
        var events = new TrafficGenerator(Build(unreported: 0.5, noise: 0)).ToArray();
        var reported = events.Where(e => e.Type == EventType.Chargeback).GroupBy(e => (e.Episode, e.AccountId)).ToDictionary(g => g.Key, g => g.ToArray());
        // Attacks on an account whose first approved payment leaves six days for the report: nearly all reports land inside the week.
        var attacks = events.Where(e => e.Type == EventType.CardAuthorization && e.Fraud != FraudLabel.None && e.BalanceAfterMinor < e.BalanceBeforeMinor)
            .GroupBy(e => (e.Episode, e.AccountId)).Where(g => g.Min(e => e.TimeMs) < events[0].TimeMs + 86_400_000).ToArray();

        Assert.True(attacks.Length > 100, $"only {attacks.Length} attacks");
        var share = (double)attacks.Count(a => !reported.ContainsKey(a.Key)) / attacks.Length;
        Assert.InRange(share, 0.35, 0.65);
        Assert.All(reported.Values, r => Assert.Single(r.Select(c => c.TimeMs).Distinct()));
    }

    [Fact]
    public void Label_noise_disputes_about_its_share_of_legitimate_payments()
    {
        var events = new TrafficGenerator(Build(unreported: 1, noise: 0.01)).ToArray();
        var firstDay = events.Where(e => e.Type == EventType.CardAuthorization && e.Fraud == FraudLabel.None && e.BalanceAfterMinor < e.BalanceBeforeMinor
            && e.TimeMs < events[0].TimeMs + 86_400_000).Select(e => e.Seq).ToHashSet();
        var disputed = events.Count(e => e.Type == EventType.Chargeback && firstDay.Contains(e.OriginalSeq));

        Assert.All(events.Where(e => e.Type == EventType.Chargeback), c => Assert.Equal(FraudLabel.None, c.Fraud));
        Assert.InRange((double)disputed / firstDay.Count, 0.006, 0.014);
    }

    [Theory]
    [InlineData("chargeback.parquet")]
    [InlineData("chargeback.jsonl")]
    public async Task Chargebacks_round_trip_and_an_older_format_refuses_to_hold_them(string name)
    {
        var world = Build(unreported: 0, noise: 0.01, days: 2);
        var events = new TrafficGenerator(world).ToArray();
        Assert.Contains(events, e => e.Type == EventType.Chargeback);
        var path = await TestSupport.WriteAsync(world, _folder.Path, name, events);

        Assert.Equal(events, await TestSupport.ReadAllAsync(path));
        var old = _folder.File("v2" + Path.GetExtension(name));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TraceFile.WriteAsync(old, TraceHeader.For(world) with { FormatVersion = 2 }, events));
        Assert.Contains("format 2 cannot hold", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(old));
    }

    [Fact]
    public async Task A_chargeback_of_a_later_event_is_refused_naming_the_row()
    {
        var world = Build(unreported: 0, noise: 0.01, days: 2);
        var events = new TrafficGenerator(world).ToArray();
        var index = Array.FindIndex(events, e => e.Type == EventType.Chargeback);
        events[index] = events[index] with { OriginalSeq = index };
        var path = await TestSupport.WriteAsync(world, _folder.Path, "later.jsonl", events);

        var error = await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(path));
        Assert.Equal($"line {await TestSupport.LineOfSeqAsync(path, index)}", error.Where);
        Assert.Contains($"disputes original_seq {index}, which is not an earlier event", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_counts_chargebacks_per_ground_truth_and_the_reported_share()
    {
        var path = await TestSupport.WriteAsync(Build(unreported: 0.25, noise: 0.001, days: 3), _folder.Path, "inspect.jsonl");

        var (code, output, error) = await TestSupport.RunCapturedAsync("inspect", path);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("chargebacks", output, StringComparison.Ordinal);
        Assert.Matches(@"Chargebacks: [\d,]+, reporting [\d.]+ ?% of fraud card payments by the end of the trace; [\d,]+ dispute legitimate payments", System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " "));
    }

    [Theory]
    [InlineData(nameof(SimulationOptions.AtmWithdrawalsPerDay), -1, "AtmWithdrawalsPerDay must be between 0 and 10, was -1.")]
    [InlineData(nameof(SimulationOptions.RefundRate), 0.7, "RefundRate must be between 0 and 0.5, was 0.7.")]
    [InlineData(nameof(SimulationOptions.UnreportedFraudShare), -0.1, "UnreportedFraudShare must be between 0 and 1, was -0.1.")]
    [InlineData(nameof(SimulationOptions.LabelNoise), 0.5, "LabelNoise must be between 0 and 0.05, was 0.5.")]
    [InlineData(nameof(SimulationOptions.ChargebackDelayDays), 0.5, "ChargebackDelayDays must be between 1 and 120 days, was 0.5.")]
    [InlineData(nameof(SimulationOptions.ChargebackDelayDays), double.NaN, "ChargebackDelayDays must be between 1 and 120 days, was NaN.")]
    public void Bad_label_options_are_refused_naming_the_option(string option, double value, string message)
    {
        var options = new SimulationOptions();
        typeof(SimulationOptions).GetProperty(option)!.SetValue(options, value);

        Assert.Equal([message], SimulationOptionsValidator.Validate(options));
    }

    [Theory]
    [InlineData("--refund-rate", "0.6", "--refund-rate must be between 0 and 0.5, was 0.6.")]
    [InlineData("--fraud-drift", "2", "--fraud-drift must be between 0 and 1, was 2.")]
    [InlineData("--atm-withdrawals-per-day", "11", "--atm-withdrawals-per-day must be between 0 and 10, was 11.")]
    [InlineData("--unreported-fraud", "1.5", "--unreported-fraud must be between 0 and 1, was 1.5.")]
    [InlineData("--label-noise", "-1", "--label-noise must be between 0 and 0.05, was -1.")]
    [InlineData("--chargeback-delay-days", "200", "--chargeback-delay-days must be between 1 and 120 days, was 200.")]
    public async Task Bad_label_flags_are_refused_naming_the_flag(string flag, string value, string message)
    {
        var (code, _, error) = await TestSupport.RunCapturedAsync("generate", "--users", "10", flag, value, "--out", _folder.File("x.jsonl"));

        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
