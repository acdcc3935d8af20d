using Actors.Hosting.Storage;
using Actors.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Actors.Tests.Cluster;

/// <summary>The embedded silo's store behaves like a durable one: copies on write, etags checked, clears forget.</summary>
public sealed class ProcessMemoryGrainStorageTests
{
    private static readonly GrainId Grain = GrainId.Create("account", "CHASE:alice");

    internal static ProcessMemoryGrainStorage NewStorage()
    {
        var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        return new ProcessMemoryGrainStorage(new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
            services.GetRequiredService<IActivatorProvider>());
    }

    private static GrainState<JournalPage<string>> Page(params string[] entries) => new(new JournalPage<string> { Entries = [.. entries] });

    [Fact]
    public async Task A_read_returns_what_was_written_and_later_changes_to_the_written_object_do_not_leak_in()
    {
        var storage = NewStorage();
        var written = Page("a", "b");
        await storage.WriteStateAsync("page", Grain, written);
        written.State!.Entries.Add("not saved");

        var read = Page();
        await storage.ReadStateAsync("page", Grain, read);

        Assert.Equal(["a", "b"], read.State!.Entries);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.NotSame(written.State, read.State);
    }

    [Fact]
    public async Task A_missing_record_reads_as_a_new_state_without_etag()
    {
        var read = Page("stale");
        await NewStorage().ReadStateAsync("page", Grain, read);

        Assert.Empty(read.State!.Entries);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_the_stored_state_stays()
    {
        var storage = NewStorage();
        var first = Page("first");
        await storage.WriteStateAsync("page", Grain, first);
        var stale = Page("from a second activation"); // never read, so it has no etag

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("page", Grain, stale));

        Assert.Contains("'page'", error.Message, StringComparison.Ordinal);
        var read = Page();
        await storage.ReadStateAsync("page", Grain, read);
        Assert.Equal(["first"], read.State!.Entries);
        first.State!.Entries.Add("second");
        await storage.WriteStateAsync("page", Grain, first); // the holder of the current etag still writes
        Assert.NotEqual(read.ETag, first.ETag);
    }

    [Fact]
    public async Task Clear_forgets_the_record_and_checks_the_etag()
    {
        var storage = NewStorage();
        var state = Page("x");
        await storage.WriteStateAsync("page", Grain, state);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("page", Grain, Page()));

        await storage.ClearStateAsync("page", Grain, state);

        var read = Page();
        await storage.ReadStateAsync("page", Grain, read);
        Assert.False(read.RecordExists);
        Assert.Equal(0, storage.Count);
        await storage.WriteStateAsync("page", Grain, Page("again")); // a cleared record is written as new
    }

    [Fact]
    public async Task States_are_kept_apart_by_name_and_grain()
    {
        var storage = NewStorage();
        var other = GrainId.Create("account", "CITI:alice");
        await storage.WriteStateAsync("page", Grain, Page("a"));
        await storage.WriteStateAsync("page-2", Grain, Page("b"));
        await storage.WriteStateAsync("page", other, Page("c"));

        var read = Page();
        await storage.ReadStateAsync("page", other, read);

        Assert.Equal(["c"], read.State!.Entries);
        Assert.Equal(3, storage.Count);
        Assert.True(storage.Bytes > 0);
    }

    [Fact]
    public async Task Bytes_follow_what_is_held_through_growing_shrinking_and_clearing()
    {
        var storage = NewStorage();
        var state = Page(new string('x', 400));
        await storage.WriteStateAsync("page", Grain, state);
        var large = storage.Bytes;

        state.State!.Entries[0] = "y";
        await storage.WriteStateAsync("page", Grain, state);
        var small = storage.Bytes;
        state.State.Entries.Add(new string('z', 1000));
        await storage.WriteStateAsync("page", Grain, state);
        var grown = storage.Bytes;

        Assert.InRange(small, 1, large - 390);
        Assert.InRange(grown, large + 590, large + 1100);
        var read = Page();
        await storage.ReadStateAsync("page", Grain, read);
        Assert.Equal(["y", new string('z', 1000)], read.State!.Entries); // a shrunk record keeps no bytes of the larger one
        await storage.ClearStateAsync("page", Grain, read);
        Assert.Equal(0, storage.Bytes);
    }

    [Fact]
    public async Task A_write_with_an_etag_for_a_missing_record_is_refused_and_leaves_nothing()
    {
        var storage = NewStorage();
        var stale = Page("from an activation whose record was cleared");
        stale.ETag = "17";

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("page", Grain, stale));

        Assert.Equal((0, 0L), (storage.Count, storage.Bytes));
        await storage.WriteStateAsync("page", Grain, Page("new")); // the key is still free for a first write
    }

    [Fact]
    public async Task Dispose_frees_everything_and_later_calls_are_refused()
    {
        var storage = NewStorage();
        await storage.WriteStateAsync("page", Grain, Page("a"));

        storage.Dispose();

        Assert.Equal(0, storage.Bytes);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.ReadStateAsync("page", Grain, Page()));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.WriteStateAsync("page", Grain, Page("b")));
    }

    [Fact]
    public async Task Concurrent_writes_to_many_keys_keep_every_last_value()
    {
        var storage = NewStorage();
        var grains = Enumerable.Range(0, 64).Select(i => GrainId.Create("account", $"CHASE:u{i}")).ToArray();
        var states = grains.Select(_ => Page()).ToArray();

        await Task.WhenAll(grains.Select((grain, i) => Task.Run(async () =>
        {
            for (var n = 0; n < 50; n++)
            {
                states[i].State!.Entries = [$"{i}-{n}"];
                await storage.WriteStateAsync("page", grain, states[i]);
            }
        })));

        for (var i = 0; i < grains.Length; i++)
        {
            var read = Page();
            await storage.ReadStateAsync("page", grains[i], read);
            Assert.Equal([$"{i}-49"], read.State!.Entries);
            Assert.Equal(states[i].ETag, read.ETag);
        }
    }
}
