using System.Text.Json;
using Actors.Domain.Fraud;
using Actors.Simulation.Fraud;
using Actors.Simulation.Options;
using Actors.Simulation.Population;
using Actors.Simulation.Trace;
using Actors.Simulation.Traffic;

namespace Actors.Simulator.Tests;

/// <summary>
/// Format 3's balance_before_minor and balance_after_minor: what a ledger replay without fraud rules
/// computes, consistent from posting to posting, written on postings only.
/// </summary>
public sealed class BalanceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // Heavy fraud, so takeovers drain accounts and some payments are declined for want of funds; refunds a day or more later.
    private static TraceEvent[] Trace() => new TrafficGenerator(WorldBuilder.Build(new SimulationOptions
    {
        Seed = 5, Users = 300, Days = 4, Fraud = new FraudRates().ScaledTo(0.05), RefundRate = 0.2,
    })).ToArray();

    [Fact]
    public void A_ledger_replay_without_fraud_rules_computes_the_balances_every_posting_carries()
    {
        var events = Trace();
        var postings = 0;
        var declined = 0;
        var mismatches = new List<string>();
        LedgerReplay.Run(events, NoOpFraudDetector.Instance, null, (in TraceEvent e, long before, long after) =>
        {
            postings++;
            declined += e.Type == EventType.CardAuthorization && before == after ? 1 : 0;
            if (e.BalanceBeforeMinor != before || e.BalanceAfterMinor != after)
            {
                mismatches.Add($"seq {e.Seq} {TraceNames.Of(e.Type)}: trace {e.BalanceBeforeMinor} -> {e.BalanceAfterMinor}, ledger {before} -> {after}");
            }
        });

        Assert.True(mismatches.Count == 0, string.Join("; ", mismatches.Take(5)));
        Assert.Equal(events.Count(e => e.Type.IsPosting()), postings);
        Assert.True(declined > 0, "no payment was declined for want of funds: the test would not see one");
    }

    [Fact]
    public void Each_posting_moves_its_balance_by_the_amount_or_is_declined_unchanged_and_none_goes_negative()
    {
        var events = Trace();
        Assert.Contains(events, e => e.Type == EventType.Refund);
        var balances = new Dictionary<string, long>(StringComparer.Ordinal);
        int declinedPayments = 0, declinedTransfers = 0;
        foreach (var e in events.Where(e => e.Type.IsPosting()))
        {
            Assert.Equal(balances.GetValueOrDefault(e.AccountId!), e.BalanceBeforeMinor);
            Assert.True(e.BalanceAfterMinor >= 0, $"seq {e.Seq} leaves {e.BalanceAfterMinor}");
            if (e.Type is EventType.InitialDeposit or EventType.SalaryDeposit or EventType.Refund)
            {
                Assert.Equal(e.BalanceBeforeMinor + e.AmountMinor, e.BalanceAfterMinor);
            }
            else if (e.BalanceAfterMinor == e.BalanceBeforeMinor)
            {
                // Declined: only when the balance did not cover the amount.
                Assert.True(e.BalanceBeforeMinor < e.AmountMinor, $"seq {e.Seq} declined with {e.BalanceBeforeMinor} for {e.AmountMinor}");
                declinedPayments += e.Type == EventType.CardAuthorization ? 1 : 0;
                declinedTransfers += e.Type == EventType.Transfer ? 1 : 0;
            }
            else
            {
                Assert.Equal(e.BalanceBeforeMinor - e.AmountMinor, e.BalanceAfterMinor);
                if (e.Type == EventType.Transfer)
                {
                    balances[e.CounterAccountId!] = balances.GetValueOrDefault(e.CounterAccountId!) + e.AmountMinor;
                }
            }

            balances[e.AccountId!] = e.BalanceAfterMinor;
        }

        Assert.True(declinedPayments > 0, "no declined payment");
        Assert.True(events.Any(e => e.Type == EventType.Transfer && e.BalanceAfterMinor < e.BalanceBeforeMinor), "no transfer went through");
    }

    [Theory]
    [InlineData(",\"balance_after_minor\":", "card_authorization", "balance_after_minor")]
    [InlineData(",\"lat_tenths\":", "user_registered", "lat_tenths")]
    public async Task A_format_3_jsonl_event_without_its_balance_or_coordinate_is_refused_naming_the_line_and_field(string field, string type, string name)
    {
        var world = TestSupport.Small(seed: 5, users: 40);
        var path = await TestSupport.WriteAsync(world, _folder.Path, "missing.jsonl");
        var lines = await File.ReadAllLinesAsync(path);
        var index = Array.FindIndex(lines, l => l.Contains($"\"type\":\"{type}\"", StringComparison.Ordinal));
        var start = lines[index].IndexOf(field, StringComparison.Ordinal);
        var end = lines[index].IndexOfAny([',', '}'], start + field.Length);
        lines[index] = lines[index][..start] + lines[index][end..];
        await File.WriteAllLinesAsync(path, lines);

        var error = await Assert.ThrowsAsync<TraceFormatException>(() => TestSupport.ReadAllAsync(path));
        Assert.Equal($"line {index + 1}", error.Where);
        Assert.Equal($"missing \"{name}\"", error.Problem);
    }

    [Fact]
    public async Task Jsonl_postings_carry_both_balances_even_when_zero_and_other_events_none()
    {
        var world = TestSupport.Small(seed: 5, users: 40, days: 2, fraud: 0.05);
        var path = await TestSupport.WriteAsync(world, _folder.Path, "balances.jsonl");
        var events = new TrafficGenerator(world).ToDictionary(e => e.Seq);
        var checkedPostings = 0;
        foreach (var line in (await File.ReadAllLinesAsync(path)).Skip(1))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (!root.TryGetProperty(TraceColumns.Seq, out var seq))
            {
                continue; // checksum and end lines
            }

            var e = events[seq.GetInt64()];
            var hasBefore = root.TryGetProperty(TraceColumns.BalanceBeforeMinor, out var before);
            var hasAfter = root.TryGetProperty(TraceColumns.BalanceAfterMinor, out var after);
            Assert.Equal(e.Type.IsPosting(), hasBefore);
            Assert.Equal(e.Type.IsPosting(), hasAfter);
            if (hasBefore)
            {
                Assert.Equal(e.BalanceBeforeMinor, before.GetInt64());
                Assert.Equal(e.BalanceAfterMinor, after.GetInt64());
                checkedPostings++;
            }
        }

        Assert.True(checkedPostings > 100, $"only {checkedPostings} postings");
        Assert.Contains(events.Values, e => e.Type == EventType.InitialDeposit && e.BalanceBeforeMinor == 0);
    }
}
