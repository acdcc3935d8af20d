using Actors.Accounts;
using Actors.Fraud;

namespace Actors.Tests.Domain;

/// <summary>The packed alert ring: newest kept, oldest dropped, answered in place, serialized exactly.</summary>
public sealed class AlertBufferTests
{
    private static readonly DateTimeOffset At = new(2030, 1, 1, 9, 0, 0, TimeSpan.FromHours(2));

    private static FraudAlertRecord Alert(int i, string merchant = "merchant-42") =>
        new($"card-{i}", At.AddMinutes(i), 1_000 + i, merchant, "DE", new FraudAssessment(100 * i, FraudRules.Velocity | FraudRules.AmountOutlier, FraudDecision.ApproveAndAlert),
            FraudAlertStatus.Open);

    [Fact]
    public void Alerts_round_trip_with_every_field_oldest_first()
    {
        var alerts = new[] { Alert(1), Alert(2, "mérchant-ü"), Alert(3) };

        var packed = AlertBuffer.Pack(alerts);

        Assert.Equal(alerts, AlertBuffer.Read(packed));
        Assert.Equal(3, AlertBuffer.Count(packed));
        Assert.Equal(At.AddMinutes(2).Offset, AlertBuffer.Read(packed)[1].At.Offset);
        Assert.Empty(AlertBuffer.Read([]));
        Assert.Equal(alerts[^1], AlertBuffer.Newest(packed));
        Assert.Null(AlertBuffer.Newest([]));
    }

    [Fact]
    public void The_state_keeps_the_newest_four_in_one_buffer_changed_in_place()
    {
        var state = new AccountState();
        state.AppendAlert(Alert(1));
        var buffer = BufferOf(state);
        for (var i = 2; i <= 6; i++)
        {
            state.AppendAlert(Alert(i));
        }

        Assert.Equal(Enumerable.Range(3, 4).Select(i => $"card-{i}"), AlertBuffer.Read(state.Alerts).Select(a => a.TransactionId));
        Assert.Same(buffer, BufferOf(state)); // alerts of one size: room for four was made with the first
        Assert.Equal(AlertBuffer.Pack([Alert(3), Alert(4), Alert(5), Alert(6)]), state.AlertsPacked); // exactly the records
    }

    [Fact]
    public void An_answer_changes_the_newest_alert_of_its_transaction_in_place_and_survives_serialization()
    {
        var state = new AccountState();
        state.AppendAlert(Alert(1));
        state.AppendAlert(Alert(2));

        var offset = AlertBuffer.Find(state.Alerts, "card-1");
        state.SetAlertStatus(offset, FraudAlertStatus.Cleared);

        Assert.Equal(-1, AlertBuffer.Find(state.Alerts, "card-9"));
        var copy = new AccountState { AlertsPacked = state.AlertsPacked };
        Assert.Equal([FraudAlertStatus.Cleared, FraudAlertStatus.Open], AlertBuffer.Read(copy.Alerts).Select(a => a.Status));
        Assert.Equal(Alert(1) with { Status = FraudAlertStatus.Cleared }, AlertBuffer.ReadAt(copy.Alerts, offset));
    }

    [Fact]
    public void A_buffer_in_an_unknown_format_is_refused_naming_it()
    {
        var error = Assert.Throws<InvalidDataException>(() => AlertBuffer.Read([9, 0, 0]));
        Assert.Contains("format 9", error.Message, StringComparison.Ordinal);
    }

    private static byte[] BufferOf(AccountState state)
    {
        var field = typeof(AccountState).GetField("_alerts", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var spare = field.GetValue(state)!;
        return (byte[])spare.GetType().GetField("Buffer")!.GetValue(spare)!;
    }
}
