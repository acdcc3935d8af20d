using Actors.LoadTests.Population;
using CsCheck;

namespace Actors.LoadTests.Tests.Population;

/// <summary>Multi-agent runs: the agents' slices of the population partition it (disjoint and complete).</summary>
public sealed class PopulationSlicingTests
{
    private static readonly Gen<(int Users, int Agents)> Shapes = Gen.Select(Gen.Int[1, 3_000], Gen.Int[1, 24]);

    [Fact]
    public void Agents_slices_are_disjoint_and_together_cover_every_user_once()
    {
        Shapes.Sample((users, agents) =>
        {
            var slices = Slices(users, agents);
            var all = slices.SelectMany(s => s).ToArray();
            Assert.Equal(users, all.Length);
            Assert.Equal(Enumerable.Range(0, users), all.Order());
        });
    }

    [Fact]
    public void Slice_size_matches_the_users_the_slice_yields()
    {
        Shapes.Sample((users, agents) =>
        {
            for (var agent = 0; agent < agents; agent++)
            {
                var options = new PopulationOptions { Users = users, AgentIndex = agent, AgentCount = agents };
                Assert.Equal(options.SliceIndexes().Count(), options.SliceSize);
            }
        });
    }

    [Fact]
    public void Slices_are_balanced_within_one_user()
    {
        Shapes.Sample((users, agents) =>
        {
            var sizes = Slices(users, agents).Select(s => s.Length).ToArray();
            Assert.True(sizes.Max() - sizes.Min() <= 1, $"{users} users over {agents} agents: slice sizes {string.Join(", ", sizes)}");
        });
    }

    [Fact]
    public void A_single_agent_owns_the_whole_population()
    {
        var options = new PopulationOptions { Users = 7 };

        Assert.Equal([0, 1, 2, 3, 4, 5, 6], options.SliceIndexes());
    }

    [Fact]
    public void Second_of_three_agents_takes_every_third_user_from_index_one()
    {
        var options = new PopulationOptions { Users = 10, AgentIndex = 1, AgentCount = 3 };

        Assert.Equal([1, 4, 7], options.SliceIndexes());
        Assert.Equal(3, options.SliceSize);
    }

    [Fact]
    public void Account_and_user_ids_are_deterministic_so_a_second_run_reuses_them()
    {
        Assert.Equal("lt-u42", PopulationOptions.UserId(42));
        Assert.Equal("CHASE:lt-42", PopulationOptions.ChaseAccount(42));
        Assert.Equal("CITI:lt-42", PopulationOptions.CitiAccount(42));
    }

    [Fact]
    public void Consent_share_follows_consent_percent()
    {
        var options = new PopulationOptions { Users = 10_000, ConsentPercent = 90 };

        var consenting = options.SliceIndexes().Count(options.Consents);

        Assert.InRange(consenting, 8_800, 9_200);
        Assert.Equal(0, new PopulationOptions { ConsentPercent = 0 }.SliceIndexes().Count(new PopulationOptions { ConsentPercent = 0 }.Consents));
    }

    private static int[][] Slices(int users, int agents) =>
        Enumerable.Range(0, agents)
            .Select(agent => new PopulationOptions { Users = users, AgentIndex = agent, AgentCount = agents }.SliceIndexes().ToArray())
            .ToArray();
}
