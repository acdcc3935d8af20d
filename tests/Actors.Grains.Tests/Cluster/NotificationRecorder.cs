using System.Collections.Concurrent;
using Actors.Users;

namespace Actors.Tests.Cluster;

/// <summary>
/// Watches every notification an account sends to a user grain and what the user grain answered
/// (true: it went into the inbox). This is how a test sees "reached no inbox" for a user whose
/// inbox can no longer be read, without depending on how the inbox is stored.
/// </summary>
public sealed class NotificationRecorder : IIncomingGrainCallFilter
{
    private readonly ConcurrentQueue<(GrainId User, string TransactionId, bool Delivered)> _calls = new();

    /// <summary>Transaction ids of the notifications <paramref name="user"/> accepted, oldest first.</summary>
    public IReadOnlyList<string> DeliveredTo(GrainId user) =>
        _calls.Where(c => c.User == user && c.Delivered).Select(c => c.TransactionId).ToArray();

    /// <summary>Transaction ids of every notification sent to <paramref name="user"/>, accepted or not.</summary>
    public IReadOnlyList<string> SentTo(GrainId user) =>
        _calls.Where(c => c.User == user).Select(c => c.TransactionId).ToArray();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (context.InterfaceMethod?.DeclaringType == typeof(IUserGrain) && context.MethodName == nameof(IUserGrain.Notify)
            && context.Request.GetArgument(0) is TransactionNotification notification && context.Result is bool delivered)
        {
            _calls.Enqueue((context.TargetId, notification.TransactionId, delivered));
        }
    }
}
