using System.Globalization;
using Actors.Simulation.Analysis;
using Actors.Simulation.Trace;
using Actors.Simulation.Traffic;
using Actors.Simulator.Commands;

namespace Actors.Simulator.Tests;

/// <summary>The calibration report: its figures on hand-made payments, inspect --calibration on every encoding and format, refusals.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CalibrationTests : IDisposable
{
    // 2025-01-06 00:00 UTC, a Monday.
    private const long Monday = 1_736_121_600_000;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static TraceEvent Card(string user, long amountMinor, string currency, string country, int mcc, long timeMs, int device = 0, FraudLabel fraud = FraudLabel.None) =>
        new() { Type = EventType.CardAuthorization, UserId = user, AmountMinor = amountMinor, Currency = currency, Country = country, Mcc = mcc, TimeMs = timeMs, Device = device, Fraud = fraud, Episode = fraud == FraudLabel.None ? 0 : 1 };

    private static CalibrationAnalysis HandMade()
    {
        var analysis = new CalibrationAnalysis(days: 2);
        analysis.Add(new TraceEvent { Type = EventType.UserRegistered, UserId = "u1", Country = "DE" });
        analysis.Add(new TraceEvent { Type = EventType.UserRegistered, UserId = "u2", Country = "US" });
        analysis.Add(new TraceEvent { Type = EventType.MerchantRegistered, MerchantId = "M1", Country = "DE" });
        // u1 in Germany (UTC+1): 23:30 UTC Monday is 00:30 local Tuesday.
        analysis.Add(Card("u1", 1_999, "USD", "DE", 5411, Monday + (23 * 3_600_000L) + 1_800_000));
        analysis.Add(Card("u1", 1_000, "USD", "FR", 5411, Monday + (9 * 3_600_000L), device: 1));
        // u2 in the US (UTC-5): 15:00 UTC Sunday 2025-01-12 is 10:00 local Sunday.
        analysis.Add(Card("u2", 4_050, "USD", "US", 5812, Monday + (6 * 86_400_000L) + (15 * 3_600_000L)));
        analysis.Add(Card("u2", 3_000, "USD", "GB", 5812, Monday + (6 * 86_400_000L) + (16 * 3_600_000L), device: 2, fraud: FraudLabel.ClonedCard));
        return analysis;
    }

    [Fact]
    public void Shares_and_rates_follow_from_hand_made_payments()
    {
        var a = HandMade();

        Assert.Null(a.Unusable);
        Assert.Equal((2L, 4L, 1L), (a.Users, a.CardPayments, a.FraudPayments));
        Assert.Equal(1.0, a.PaymentsPerUserPerDay, 12);
        Assert.Equal(0.5, a.CardPresentShare, 12);
        Assert.Equal(1.0 / 3, a.CrossBorderShare, 12);
        Assert.Equal(0.5, a.EuropeanCrossBorderShare, 12);
        Assert.Equal(0.25, a.FraudShareByCount, 12);
        Assert.Equal(30.0 / (19.99 + 10 + 40.5 + 30), a.FraudShareByValue, 12);
        Assert.Equal(0.25, a.CentsShare(99), 12);
        Assert.Equal(0.5, a.CentsShare(0), 12);
        Assert.Equal(0.25, a.CentsShare(50), 12);
        Assert.Equal(0.0, a.CentsShare(95), 12);
    }

    [Fact]
    public void Hours_and_weekdays_are_the_users_local_time()
    {
        var a = HandMade();

        Assert.Equal(1.0 / 3, a.HourShares[0], 12);
        Assert.Equal(2.0 / 3, a.HourShares[10], 12);
        Assert.Equal(0.0, a.HourShares[23], 12);
        Assert.Equal(1.0 / 3, a.WeekdayShares[0], 12);
        Assert.Equal(1.0 / 3, a.WeekdayShares[1], 12);
        Assert.Equal(1.0 / 3, a.WeekdayShares[6], 12);
        Assert.Equal(1.0, a.HourShares.Sum(), 12);
    }

    [Fact]
    public void Amounts_are_summarised_per_category_by_nearest_rank_in_dollars()
    {
        var a = new CalibrationAnalysis(days: 1);
        a.Add(new TraceEvent { Type = EventType.UserRegistered, UserId = "u1", Country = "US" });
        foreach (var cents in new long[] { 500, 100, 400, 200, 300, 1_000_000 })
        {
            a.Add(Card("u1", cents, "USD", "US", 5411, Monday));
        }

        // 200 zloty at the catalog's 4 PLN a dollar: 50 dollars.
        a.Add(Card("u1", 20_000, "PLN", "PL", 4511, Monday));

        var grocery = a.AmountsByCategory().Single(c => c.Mcc == 5411).Amounts;
        Assert.Equal(new AmountSummary(6, 3, 10_000, 10_000, 10_000, 10_015.0 / 6), grocery);
        Assert.Equal(50, a.AmountsByCategory().Single(c => c.Mcc == 4511).Amounts.Max, 9);
        Assert.Equal([5411, 4511], a.AmountsByCategory().Select(c => c.Mcc));
        Assert.Equal(7, a.AllAmounts.Count);
        Assert.Equal(4, a.AllAmounts.Median, 9);
    }

    [Fact]
    public void Every_row_names_an_anchor_and_categories_without_one_say_so()
    {
        var rows = HandMade().Rows();

        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Anchor), r.Figure));
        Assert.Contains(rows, r => r.Figure == "fraud share by count" && r.Anchor == "0.129 %");
        Assert.Contains(rows, r => r.Figure == "fraud share by count" && r.Anchor == "0.172 %");
        Assert.Contains(rows, r => r.Figure.StartsWith("amount, grocery 5411", StringComparison.Ordinal) && r.Anchor == CalibrationAnchors.None);
        Assert.Contains(rows, r => r.Figure == "card payments per user per day" && r.ThisTrace.StartsWith("1.00 ", StringComparison.Ordinal));
        Assert.Equal(4, rows.Count(r => r.Figure.StartsWith("hour of day", StringComparison.Ordinal)));
    }

    [Fact]
    public void At_the_defaults_payments_per_user_per_day_and_price_points_match_their_anchors()
    {
        // Generator 1.3.0: 1.5 card payments a user a day (2.5 before, 2.53 measured) and 30 % of amounts at a price point (uniform cents before).
        var (world, events) = TestSupport.StatisticsTrace;
        var a = new CalibrationAnalysis(world.Options.Days);
        foreach (var e in events)
        {
            a.Add(e);
        }

        Assert.InRange(a.PaymentsPerUserPerDay, 1.3, 1.6);
        foreach (var cents in CalibrationAnalysis.PricePoints)
        {
            Assert.True(a.CentsShare(cents) > 0.03, $".{cents:00}: {a.CentsShare(cents):P2} of amounts, uniform would be 1 %");
        }

        Assert.InRange(a.CentsShare(37), 0.003, 0.01);
    }

    [Fact]
    public void A_trace_without_users_or_card_payments_cannot_be_calibrated()
    {
        var noCards = new CalibrationAnalysis(days: 1);
        noCards.Add(new TraceEvent { Type = EventType.UserRegistered, UserId = "u1", Country = "US" });
        var noUsers = new CalibrationAnalysis(days: 1);
        noUsers.Add(Card("u1", 100, "USD", "US", 5411, Monday));

        Assert.Contains("no card authorizations", noCards.Unusable, StringComparison.Ordinal);
        Assert.Contains("no users", noUsers.Unusable, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CalibrationAnalysis(days: 0));
    }

    [Theory]
    [InlineData("c.parquet", 3)]
    [InlineData("c.jsonl", 3)]
    [InlineData("c.parquet", 2)]
    [InlineData("c.jsonl", 2)]
    [InlineData("c.parquet", 1)]
    [InlineData("c.jsonl", 1)]
    public async Task Inspect_with_calibration_reads_both_encodings_and_both_formats(string name, int format)
    {
        var world = TestSupport.Small(seed: 3, users: 300, days: 2, fraud: 0.02, followUps: format >= TraceFormatInfo.FirstFollowUpVersion);
        var path = _folder.File(name);
        await TraceFile.WriteAsync(path, TraceHeader.For(world) with { FormatVersion = format }, new TrafficGenerator(world));
        var expected = new CalibrationAnalysis(world.Options.Days);
        foreach (var e in new TrafficGenerator(world))
        {
            expected.Add(e);
        }

        var (code, output, error) = await TestSupport.RunCapturedAsync("inspect", path, "--calibration");

        Assert.True(code == ExitCodes.Ok, error);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Contains("figure | this trace | anchor | source", lines);
        Assert.All(expected.Rows(), row => Assert.Contains($"{row.Figure} | {row.ThisTrace} | {row.Anchor} | {row.Source}".TrimEnd(), lines));
        Assert.Contains($"card payments per user per day | {expected.PaymentsPerUserPerDay.ToString("F2", CultureInfo.InvariantCulture)} (", output, StringComparison.Ordinal);
        Assert.Contains($"Integrity: format {format}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_with_calibration_refuses_a_trace_without_card_payments()
    {
        var world = TestSupport.Small(seed: 3, users: 20);
        var setupOnly = new TrafficGenerator(world).Where(e => e.Type is EventType.MerchantRegistered or EventType.UserRegistered or EventType.AccountOpened)
            .Select((e, i) => e with { Seq = i });
        var path = await TestSupport.WriteAsync(world, _folder.Path, "setup.jsonl", setupOnly);

        var (code, _, error) = await TestSupport.RunCapturedAsync("inspect", path, "--calibration");

        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("--calibration: the trace holds no card authorizations", error, StringComparison.Ordinal);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, (await TestSupport.RunCapturedAsync("inspect", path)).Code);
    }

    [Fact]
    public async Task Inspect_with_calibration_of_a_corrupt_trace_exits_2()
    {
        var path = _folder.File("bad.parquet");
        await File.WriteAllBytesAsync(path, [1, 2, 3, 4]);

        Assert.Equal(ExitCodes.BadArguments, (await TestSupport.RunCapturedAsync("inspect", path, "--calibration")).Code);
    }
}
