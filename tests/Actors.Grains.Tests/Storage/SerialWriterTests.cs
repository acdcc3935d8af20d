using Actors.Grains.Storage;

namespace Actors.Tests.Storage;

/// <summary>Writes of a grain whose calls interleave run one at a time, in call order, whatever an earlier one's outcome.</summary>
public sealed class SerialWriterTests
{
    private sealed class Owner : ISerialWrites
    {
        public Task? UnfinishedWrite { get; set; }

        public int WritesStarted { get; set; }

        public List<string> Log { get; } = [];

        public Queue<TaskCompletionSource> Gates { get; } = new();

        public Task Write(string name)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Gates.Enqueue(gate);
            return SerialWriter.Write(this, async o =>
            {
                o.Log.Add($"start {name}");
                await gate.Task;
                o.Log.Add($"end {name}");
            });
        }
    }

    [Fact]
    public async Task A_write_waits_for_the_one_before_it_and_the_last_clears_the_unfinished_write()
    {
        var owner = new Owner();
        var first = owner.Write("1");
        var second = owner.Write("2");

        Assert.Equal(["start 1"], owner.Log); // the second has not started while the first runs
        Assert.Same(second, owner.UnfinishedWrite);
        owner.Gates.Dequeue().SetResult();
        await first;
        await Poll(() => owner.Log.Count == 3, "the second write to start");
        owner.Gates.Dequeue().SetResult();
        await second;

        Assert.Equal(["start 1", "end 1", "start 2", "end 2"], owner.Log);
        Assert.Null(owner.UnfinishedWrite);
    }

    [Fact]
    public async Task A_failed_write_fails_its_own_caller_only()
    {
        var owner = new Owner();
        var failing = SerialWriter.Write(owner, static async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("store down");
        });
        var next = owner.Write("after");
        await Poll(() => owner.Gates.Count == 1 && owner.Log.Count == 1, "the write after the failed one to start");
        owner.Gates.Dequeue().SetResult();

        Assert.Equal("store down", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        await next;
        Assert.Equal(["start after", "end after"], owner.Log);
        Assert.Null(owner.UnfinishedWrite);
    }

    [Fact]
    public async Task A_write_that_completes_at_once_leaves_nothing_behind()
    {
        var owner = new Owner();

        await SerialWriter.Write(owner, static _ => Task.CompletedTask);

        Assert.Null(owner.UnfinishedWrite);
        Assert.Equal(1, owner.WritesStarted);
    }

    private static async Task Poll(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after 10 s waiting for {what}");
            await Task.Yield();
        }
    }
}
