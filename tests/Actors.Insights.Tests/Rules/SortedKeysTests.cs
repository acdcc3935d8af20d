namespace Actors.Insights.Tests.Rules;

public sealed class SortedKeysTests
{
    [Fact]
    public void Of_sorts_and_removes_duplicates() =>
        Assert.Equal([1UL, 5UL, 9UL, ulong.MaxValue], SortedKeys.Of([9, 1, ulong.MaxValue, 5, 9, 1]));

    [Fact]
    public void Union_returns_the_left_array_itself_when_nothing_is_new()
    {
        ulong[] left = [1, 3, 5];
        Assert.Same(left, SortedKeys.Union(left, [3, 5]));
        Assert.Same(left, SortedKeys.Union(left, []));
    }

    [Fact]
    public void Union_equals_the_set_union_for_random_sets()
    {
        var random = new Random(20300304);
        for (var round = 0; round < 500; round++)
        {
            // Small value range, so overlaps are frequent.
            var left = SortedKeys.Of(Enumerable.Range(0, random.Next(0, 40)).Select(_ => (ulong)random.Next(0, 60)));
            var right = SortedKeys.Of(Enumerable.Range(0, random.Next(0, 40)).Select(_ => (ulong)random.Next(0, 60)));

            var union = SortedKeys.Union(left, right);

            Assert.Equal(left.Union(right).Order().ToArray(), union);
            Assert.True(SortedKeys.IsSortedDistinct(union));
        }
    }

    [Fact]
    public void IsSortedDistinct_refuses_duplicates_and_disorder()
    {
        Assert.True(SortedKeys.IsSortedDistinct([1, 2, 3]));
        Assert.False(SortedKeys.IsSortedDistinct([1, 1, 3]));
        Assert.False(SortedKeys.IsSortedDistinct([2, 1]));
    }
}
