using Actors.Accounts;
using Actors.Storage;
using Actors.Users;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Actors.Tests.Storage;

/// <summary>Persisted state carries its layout; a state from a layout newer than this build is refused, not misread.</summary>
public sealed class StateLayoutTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void An_account_state_round_trips_with_its_layout()
    {
        var state = new AccountState { Opened = true, Owner = "user-1", BalanceMinor = 1234 };

        var read = Serializer.Deserialize<AccountState>(Serializer.SerializeToArray(state))!;

        Assert.Equal(AccountState.CurrentLayout, read.Layout);
        Assert.Equal(1234, read.BalanceMinor);
    }

    [Fact]
    public void A_state_from_a_newer_layout_is_refused_naming_both_layouts()
    {
        var future = new FutureUserState { Layout = UserState.CurrentLayout + 1 };
        var bytes = Serializer.SerializeToArray(future);

        var e = Assert.ThrowsAny<Exception>(() => Serializer.Deserialize<UserState>(bytes));

        var refused = Assert.IsType<InvalidDataException>(e is InvalidDataException ? e : e.InnerException);
        Assert.Contains($"UserState was stored in layout {UserState.CurrentLayout + 1}", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"reads layouts up to {UserState.CurrentLayout}", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(AccountState.CurrentLayout + 1)]
    public void An_account_layout_out_of_range_is_refused(int layout) =>
        Assert.Throws<InvalidDataException>(() => new AccountState { Layout = layout });

    [Fact]
    public void A_state_stored_before_layouts_were_recorded_reads_as_the_current_one()
    {
        // No Layout field at all (as written by the builds before it existed): the setter is never called.
        var read = Serializer.Deserialize<UserState>(Serializer.SerializeToArray(new PreLayoutUserState { RegisteredAt = At }))!;

        Assert.Equal(UserState.CurrentLayout, read.Layout);
        Assert.Equal(At, read.RegisteredAt);
    }

    private static readonly DateTimeOffset At = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
}

/// <summary>The shape of a <see cref="UserState"/> as a later build might write it (only the layout field matters here).</summary>
[GenerateSerializer]
public sealed class FutureUserState
{
    [Id(9)] public int Layout { get; set; }
}

/// <summary>The shape of a <see cref="UserState"/> as the builds before recorded layouts wrote it (no field 9).</summary>
[GenerateSerializer]
public sealed class PreLayoutUserState
{
    [Id(1)] public DateTimeOffset RegisteredAt { get; set; }
}
