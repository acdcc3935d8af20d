using Actors.Grains.Storage;
using Actors.Hosting.Storage;
using Actors.Storage;
using Orleans.Runtime;
using Orleans.Storage;

namespace Actors.Tests.Storage;

/// <summary>The lean state holder keeps the semantics grains relied on with IPersistentState: round trip, etags, clear errors.</summary>
public sealed class PersistedStateTests
{
    private static readonly GrainId Grain = GrainId.Create("account", "CHASE:alice");

    private static ProcessMemoryGrainStorage NewStorage() => Cluster.ProcessMemoryGrainStorageTests.NewStorage();

    [Fact]
    public async Task A_written_state_reads_back_in_a_new_holder_with_its_etag()
    {
        var storage = NewStorage();
        var written = new PersistedState<JournalPage<string>>("page", storage);
        written.State.Entries.Add("a");
        await written.WriteAsync(Grain);

        var read = new PersistedState<JournalPage<string>>("page", storage);
        await read.ReadAsync(Grain);

        Assert.Equal(["a"], read.State.Entries);
        Assert.True(read.RecordExists);
        Assert.NotNull(read.ETag);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task The_holders_numeric_etag_and_a_plain_states_string_etag_name_the_same_version()
    {
        // The in-process store hands the holder its etag as a number (no string per write); any other holder of the same
        // record sees it as the string, and either form checks the same version.
        var storage = NewStorage();
        var holder = new PersistedState<JournalPage<string>>("page", storage);
        await holder.WriteAsync(Grain);
        var plain = new GrainState<JournalPage<string>>(new JournalPage<string>());
        await storage.ReadStateAsync("page", Grain, plain);
        Assert.NotNull(plain.ETag);
        Assert.Equal(plain.ETag, holder.ETag);

        plain.State!.Entries.Add("plain");
        await storage.WriteStateAsync("page", Grain, plain);
        await Assert.ThrowsAsync<InconsistentStateException>(() => holder.WriteAsync(Grain)); // its number is now stale

        holder.ETag = plain.ETag; // a string set on the holder replaces its number
        holder.State.Entries.Add("holder");
        await holder.WriteAsync(Grain);
        var read = new PersistedState<JournalPage<string>>("page", storage);
        await read.ReadAsync(Grain);
        Assert.Equal(["holder"], read.State.Entries);
        Assert.Equal(holder.ETag, read.ETag);
    }

    [Fact]
    public async Task A_missing_record_reads_as_an_empty_state()
    {
        var read = new PersistedState<JournalPage<string>>("page", NewStorage());
        read.State.Entries.Add("never stored");

        await read.ReadAsync(Grain);

        Assert.Empty(read.State.Entries);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task A_stale_holder_write_is_refused_and_the_stored_state_stays()
    {
        var storage = NewStorage();
        var first = new PersistedState<JournalPage<string>>("page", storage);
        await first.ReadAsync(Grain);
        var second = new PersistedState<JournalPage<string>>("page", storage);
        await second.ReadAsync(Grain);
        first.State.Entries.Add("first");
        await first.WriteAsync(Grain);

        second.State.Entries.Add("stale");
        await Assert.ThrowsAsync<InconsistentStateException>(() => second.WriteAsync(Grain));

        var read = new PersistedState<JournalPage<string>>("page", storage);
        await read.ReadAsync(Grain);
        Assert.Equal(["first"], read.State.Entries);
    }

    [Fact]
    public async Task A_store_failure_is_reported_naming_the_state_and_the_grain()
    {
        var state = new PersistedState<JournalPage<string>>("account", new BrokenStorage());

        var read = await Assert.ThrowsAsync<OrleansException>(() => state.ReadAsync(Grain));
        var write = await Assert.ThrowsAsync<OrleansException>(() => state.WriteAsync(Grain));

        Assert.Contains("read state 'account'", read.Message, StringComparison.Ordinal);
        Assert.Contains("write state 'account'", write.Message, StringComparison.Ordinal);
        Assert.Contains(Grain.ToString(), write.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(write.InnerException);
    }

    private sealed class BrokenStorage : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new IOException("disk gone");

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new IOException("disk gone");

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new IOException("disk gone");
    }
}
